"""The lists a new site starts with, so it can filter and describe from day one: the six
standard times of a short break, and the four assessments statements most often name.
Officers may rename, reorder or add to either; a site that has none gets these."""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS

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


def break_times_ensure(sender, *, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs) -> None:
    """After migrate: on a site with no times of break at all, the standard six."""
    BreakTime = apps.get_model("offer", "BreakTime")
    if BreakTime.objects.using(using).exists():
        return
    BreakTime.objects.using(using).bulk_create(
        BreakTime(slug=slug, name=name, order=order)
        for order, (slug, name) in enumerate(STANDARD_TIMES, start=1)
    )


def assessments_ensure(sender, *, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs) -> None:
    """After migrate: on a site with no assessments at all, the standard four."""
    Assessment = apps.get_model("offer", "Assessment")
    if Assessment.objects.using(using).exists():
        return
    Assessment.objects.using(using).bulk_create(
        Assessment(name=name, none_needed=none, family_can_start=starts, order=order)
        for order, (name, none, starts) in enumerate(STANDARD_ASSESSMENTS, start=1)
    )
