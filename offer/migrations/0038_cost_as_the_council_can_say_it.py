"""Cost as the council can say it: free, depends on the assessment, a contribution or an
amount with what it pays for, beside the words; a service ticked free keeps saying so."""

from decimal import Decimal

import django.core.validators
from django.db import migrations, models


def free_as_a_cost_kind(apps, schema_editor):
    """A service ticked free says so in the new choice; nothing else is guessed."""
    Service = apps.get_model("offer", "Service")
    Service.objects.using(schema_editor.connection.alias).filter(free=True).update(cost_kind="free")


def cost_kind_as_free(apps, schema_editor):
    Service = apps.get_model("offer", "Service")
    Service.objects.using(schema_editor.connection.alias).filter(cost_kind="free").update(free=True)


class Migration(migrations.Migration):
    dependencies = [
        ("offer", "0037_more_standard_search_words"),
    ]

    operations = [
        migrations.AddField(
            model_name="service",
            name="cost_amount",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                help_text="For an amount or a contribution, if the statement gives one, e.g. 5 or 7.50.",
                max_digits=8,
                null=True,
                validators=[django.core.validators.MinValueValidator(Decimal("0.01"))],
                verbose_name="amount (£)",
            ),
        ),
        migrations.AddField(
            model_name="service",
            name="cost_kind",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "Not stated"),
                    ("free", "Free"),
                    ("assessed", "Depends on your assessment"),
                    ("contribution", "A contribution"),
                    ("amount", "An amount"),
                ],
                default="",
                help_text="Free, depends on the family's assessment, a contribution, or an amount. Leave as not stated if the statement does not say: families are then told to ask. Only 'Free' is found by the finder's 'free' filter.",
                max_length=12,
                verbose_name="what it costs",
            ),
        ),
        migrations.AddField(
            model_name="service",
            name="cost_period",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "Not stated"),
                    ("session", "a session"),
                    ("hour", "an hour"),
                    ("day", "a day"),
                    ("night", "a night"),
                    ("week", "a week"),
                    ("month", "a month"),
                    ("year", "a year"),
                    ("once", "once"),
                ],
                default="",
                help_text="What the amount pays for: a session, an hour, a night... Needed with an amount.",
                max_length=8,
                verbose_name="amount per",
            ),
        ),
        migrations.AlterField(
            model_name="service",
            name="cost",
            field=models.CharField(
                blank=True,
                help_text="Anything more the statement says about the cost, e.g. 'Trips cost extra' or 'Up to 3 siblings free'. Shown after what it costs.",
                max_length=300,
                verbose_name="cost in words",
            ),
        ),
        migrations.RunPython(free_as_a_cost_kind, cost_kind_as_free),
        migrations.RemoveField(
            model_name="service",
            name="free",
        ),
    ]
