"""The six standard times of a short break, so every new site can filter by them from day
one. Officers may rename, reorder or add times; a site that has none gets these."""

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


def break_times_ensure(sender, *, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs) -> None:
    """After migrate: on a site with no times of break at all, the standard six."""
    BreakTime = apps.get_model("offer", "BreakTime")
    if BreakTime.objects.using(using).exists():
        return
    BreakTime.objects.using(using).bulk_create(
        BreakTime(slug=slug, name=name, order=order)
        for order, (slug, name) in enumerate(STANDARD_TIMES, start=1)
    )
