"""The lists a new site starts with, so it can filter and describe from day one: the six
standard times of a short break, the four assessments statements most often name, and
the words families search with. Officers may rename, reorder or add to any; a site that
has none gets these."""

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

# (what families type, what a statement calls it): each side separated by semicolons.
STANDARD_SEARCH_WORDS = [
    ("respite; respite care", "short break; short breaks; overnight; overnights"),
    ("pa; pas", "personal assistant; personal assistants"),
    ("dp; dps", "direct payment; direct payments"),
    ("sen; send", "special educational needs"),
    ("ehcp; ehc plan", "education health and care plan"),
    ("asd; autistic", "autism"),
    ("adhd", "attention deficit"),
    ("summer; summer holidays; half term; holiday", "school holidays"),
    ("after school club", "after school"),
    ("sleepover; overnight stay", "overnight"),
    ("childcare; sitter; sitting", "care"),
    ("activity", "activities; club; clubs"),
    ("wheelchair", "physical disability; physical"),
    ("weekend; saturday; saturdays; sunday; sundays", "weekends"),
    (
        "someone to sit; sit with him; sit with her; sit with them; babysitter; babysitting",
        "personal assistant; personal assistants; in the family home; care at home; "
        "domiciliary care; childminder; childminders",
    ),
]


search_words_ensure = standard_list_receiver(
    "offer.SearchWord",
    [{"words": words, "means": means} for words, means in STANDARD_SEARCH_WORDS],
)
