"""The lists a new site starts with, so it can filter and describe from day one: the six
standard times of a short break, and the four assessments statements most often name.
Officers may rename, reorder or add to either; a site that has none gets these."""

from core.standard_lists import standard_list_receiver

STANDARD_TIMES = [
    ("after-school", "After school"),
    ("evenings", "Evenings"),
    ("weekends", "Weekends"),
    ("school-holidays", "School holidays"),
    ("daytime", "Daytime"),
    ("overnight", "Overnight"),
]

# (name, none needed, the family can start it)
STANDARD_ASSESSMENTS = [
    ("No assessment needed", True, True),
    ("A self-assessment the family fills in", False, True),
    ("The provider's own criteria", False, False),
    ("A social care assessment", False, False),
]


break_times_ensure = standard_list_receiver(
    "offer.BreakTime", [{"slug": slug, "name": name} for slug, name in STANDARD_TIMES]
)
assessments_ensure = standard_list_receiver(
    "offer.Assessment",
    [
        {"name": name, "none_needed": none, "family_can_start": starts}
        for name, none, starts in STANDARD_ASSESSMENTS
    ],
)
