"""The six standard times of a short break, so every site can filter by them from day one."""

from django.db import migrations

TIMES = [
    ("after-school", "After school"),
    ("evenings", "Evenings"),
    ("weekends", "Weekends"),
    ("school-holidays", "School holidays"),
    ("daytime", "Daytime"),
    ("overnight", "Overnight"),
]


def add_times(apps, schema_editor):
    BreakTime = apps.get_model("offer", "BreakTime")
    for order, (slug, name) in enumerate(TIMES, start=1):
        BreakTime.objects.get_or_create(slug=slug, defaults={"name": name, "order": order})


def remove_times(apps, schema_editor):
    BreakTime = apps.get_model("offer", "BreakTime")
    BreakTime.objects.filter(slug__in=[slug for slug, _ in TIMES], services__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("offer", "0001_initial")]

    operations = [migrations.RunPython(add_times, remove_times)]
