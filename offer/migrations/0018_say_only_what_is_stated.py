"""Say only what the statement says, the council's way.

Assessments become a list officers edit (seeded with the four fixed kinds there were,
each rule keeping its own); ages may be left unstated; services gain a status; a
service's times and areas may be 'not stated', which existing services are not: their
empty lists meant 'arranged to suit the family' and 'the whole area', as the old help
said, so those are now ticked. Sections are placed by the council rather than by kind,
each where its kind put it before.
"""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from offer.standard_lists import STANDARD_ASSESSMENTS

# The old fixed assessments, in STANDARD_ASSESSMENTS' order.
_CODES = ["none", "self", "provider", "social_care"]
# Where each old kind of section appeared: (place, position in the whole statement).
_PLACES = {
    "introduction": ("statement", "before"),
    "what_short_breaks_are": ("home", "before"),
    "how_to_get": ("statement", "before"),
    "design": ("needs", "after"),
    "feedback": ("statement", "after"),
    "other": ("statement", "after"),
}


def assessments_from_codes(apps, schema_editor):
    Assessment = apps.get_model("offer", "Assessment")
    EligibilityRule = apps.get_model("offer", "EligibilityRule")
    listed = {
        code: Assessment.objects.create(
            name=name, none_needed=none, family_can_start=starts, order=order
        )
        for order, (code, (name, none, starts)) in enumerate(
            zip(_CODES, STANDARD_ASSESSMENTS, strict=True), start=1
        )
    }
    for rule in EligibilityRule.objects.all():
        rule.assessment_from_list = listed.get(rule.assessment)
        rule.save(update_fields=["assessment_from_list"])


def places_from_kinds(apps, schema_editor):
    StatementSection = apps.get_model("offer", "StatementSection")
    for section in StatementSection.objects.all():
        section.place, section.position = _PLACES.get(section.kind, ("statement", "after"))
        section.save(update_fields=["place", "position"])


def open_times_and_areas(apps, schema_editor):
    Service = apps.get_model("offer", "Service")
    Service.objects.filter(times__isnull=True).update(any_time=True)
    Service.objects.filter(areas__isnull=True).update(whole_area=True)


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0004_say_only_what_is_stated"),
        ("offer", "0017_service_rules_add_to_the_tiers"),
        ("providers", "0004_say_only_what_is_stated"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Assessment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "order",
                    models.PositiveIntegerField(default=0, help_text="Lower numbers come first."),
                ),
                (
                    "name",
                    models.CharField(
                        error_messages={"unique": "There is already an assessment with this name."},
                        help_text="As families would say it, e.g. 'A social care assessment'.",
                        max_length=200,
                        unique=True,
                    ),
                ),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        help_text="What it involves, in plain English. Leave a blank line between paragraphs; start a line with '- ' for a bullet point.",
                    ),
                ),
                (
                    "none_needed",
                    models.BooleanField(
                        default=False,
                        help_text="Tick for the entry that says a family needs no assessment at all: services whose rules all say so are 'no assessment needed' in the finder.",
                        verbose_name="means no assessment is needed",
                    ),
                ),
                (
                    "family_can_start",
                    models.BooleanField(
                        default=False,
                        help_text="Tick if a family can start it without being referred, e.g. a self-assessment form.",
                        verbose_name="the family can start it themselves",
                    ),
                ),
            ],
            options={
                "verbose_name": "assessment",
                "ordering": ["order", "pk"],
                "abstract": False,
            },
        ),
        migrations.AddField(
            model_name="eligibilityrule",
            name="assessment_from_list",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="offer.assessment",
            ),
        ),
        migrations.RunPython(assessments_from_codes, migrations.RunPython.noop),
        migrations.RemoveField(model_name="eligibilityrule", name="assessment"),
        migrations.RenameField(
            model_name="eligibilityrule", old_name="assessment_from_list", new_name="assessment"
        ),
        migrations.AlterField(
            model_name="eligibilityrule",
            name="assessment",
            field=models.ForeignKey(
                blank=True,
                help_text="What a family has to go through first. Blank if the statement does not say.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="rules",
                to="offer.assessment",
            ),
        ),
        migrations.RemoveConstraint(
            model_name="checkerrule",
            name="checker_rule_ages_within_0_25",
        ),
        migrations.RemoveConstraint(
            model_name="eligibilityrule",
            name="eligibility_ages_within_0_25",
        ),
        migrations.RemoveConstraint(
            model_name="service",
            name="service_ages_within_0_25",
        ),
        migrations.AddField(
            model_name="service",
            name="any_time",
            field=models.BooleanField(
                default=False,
                help_text="Tick only if the statement says the times are arranged with each family (leave the times empty then). With neither, when it happens is not stated.",
                verbose_name="arranged to suit the family",
            ),
        ),
        migrations.AddField(
            model_name="service",
            name="expected_from",
            field=models.CharField(
                blank=True,
                help_text="For a planned service: when the council expects it, in its words, e.g. 'September 2027' or 'from 2027'. Blank if the statement does not say.",
                max_length=100,
            ),
        ),
        migrations.AddField(
            model_name="service",
            name="free",
            field=models.BooleanField(
                default=False,
                help_text="Tick only if the statement says it is free: it is found by the finder's 'free' filter.",
            ),
        ),
        migrations.AddField(
            model_name="service",
            name="pilot_until",
            field=models.DateField(
                blank=True,
                help_text="For a pilot: the day it is due to end, if the statement says.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="service",
            name="status",
            field=models.CharField(
                choices=[
                    ("available", "Available"),
                    ("planned", "Planned: being developed"),
                    ("pilot", "Pilot: available for now"),
                    ("paused", "Paused"),
                ],
                default="available",
                help_text="Only available services (and pilots) are offered to families by the finder, the checker and directories. Planned and paused ones are listed under their own heading, with no way to apply.",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="service",
            name="status_note",
            field=models.TextField(
                blank=True,
                help_text="Optional: more about its status, e.g. why it is paused. Leave a blank line between paragraphs; start a line with '- ' for a bullet point.",
            ),
        ),
        migrations.AddField(
            model_name="service",
            name="whole_area",
            field=models.BooleanField(
                default=False,
                help_text="Tick only if the statement says it covers the whole area (leave the areas empty then). With neither, where it runs is not stated.",
                verbose_name="across the whole council area",
            ),
        ),
        migrations.RunPython(open_times_and_areas, migrations.RunPython.noop),
        migrations.AddField(
            model_name="statement",
            name="stories_note",
            field=models.TextField(
                blank=True,
                help_text="Optional: said at the top of the families' stories, e.g. 'Names and details have been changed.' Only if it is true of every story. Leave a blank line between paragraphs; start a line with '- ' for a bullet point.",
            ),
        ),
        migrations.AddField(
            model_name="statementsection",
            name="place",
            field=models.CharField(
                choices=[
                    ("home", "On the home page"),
                    ("statement", "In the whole statement only"),
                    ("page", "On a page of its own (/about/...)"),
                    ("needs", "On 'How we know what families need'"),
                    ("tier", "On a level of support's page"),
                ],
                default="statement",
                help_text="Where families read it, besides the whole statement.",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="statementsection",
            name="position",
            field=models.CharField(
                choices=[
                    ("before", "Before the levels of support"),
                    ("after", "After the levels of support"),
                ],
                default="after",
                help_text="Where it sits in the whole statement (a section on a level's page sits with that level).",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="statementsection",
            name="tier",
            field=models.ForeignKey(
                blank=True,
                help_text="For a section on a level of support's page: which level.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="sections",
                to="offer.tier",
            ),
        ),
        migrations.RunPython(places_from_kinds, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="statementsection",
            name="kind",
        ),
        migrations.AddField(
            model_name="tier",
            name="caption",
            field=models.CharField(
                blank=True,
                help_text="Optional: a short line the council uses above the name, e.g. 'Level A' or 'For families with a social worker'. Leave blank for none.",
                max_length=200,
            ),
        ),
        migrations.AlterField(
            model_name="checkerrule",
            name="max_age",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="Oldest age in years (0 to 25). Blank if the statement does not say.",
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(0, "Ages start at 0."),
                    django.core.validators.MaxValueValidator(25, "Ages go up to 25."),
                ],
            ),
        ),
        migrations.AlterField(
            model_name="checkerrule",
            name="min_age",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="Youngest age in years (0 to 25). Blank if the statement does not say.",
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(0, "Ages start at 0."),
                    django.core.validators.MaxValueValidator(25, "Ages go up to 25."),
                ],
            ),
        ),
        migrations.AlterField(
            model_name="eligibilityrule",
            name="max_age",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="Oldest age in years (0 to 25). Blank if the statement does not say.",
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(0, "Ages start at 0."),
                    django.core.validators.MaxValueValidator(25, "Ages go up to 25."),
                ],
            ),
        ),
        migrations.AlterField(
            model_name="eligibilityrule",
            name="min_age",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="Youngest age in years (0 to 25). Blank if the statement does not say.",
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(0, "Ages start at 0."),
                    django.core.validators.MaxValueValidator(25, "Ages go up to 25."),
                ],
            ),
        ),
        migrations.AlterField(
            model_name="eligibilityrule",
            name="title",
            field=models.CharField(
                help_text="A short name, e.g. 'Families of a disabled child'.", max_length=200
            ),
        ),
        migrations.AlterField(
            model_name="familystory",
            name="outcome",
            field=models.TextField(
                blank=True,
                help_text="What difference it made, if the story says. Leave a blank line between paragraphs; start a line with '- ' for a bullet point.",
            ),
        ),
        migrations.AlterField(
            model_name="referralroute",
            name="contacts",
            field=models.ManyToManyField(
                blank=True,
                help_text="Who the family gets in touch with, if the statement names someone.",
                related_name="referral_routes",
                to="contacts.contact",
            ),
        ),
        migrations.AlterField(
            model_name="referralroute",
            name="title",
            field=models.CharField(
                help_text="What the family does, e.g. 'Contact the Family Information Service' or 'Ask at your child's school'.",
                max_length=200,
            ),
        ),
        migrations.AlterField(
            model_name="service",
            name="areas",
            field=models.ManyToManyField(
                blank=True,
                help_text="Where it runs, if the statement names places.",
                related_name="services",
                to="offer.area",
            ),
        ),
        migrations.AlterField(
            model_name="service",
            name="cost",
            field=models.CharField(
                blank=True,
                help_text="What families pay, in the statement's words, e.g. '£5 a session'. Leave blank if not stated: families are then told to ask.",
                max_length=300,
            ),
        ),
        migrations.AlterField(
            model_name="service",
            name="group",
            field=models.CharField(
                blank=True,
                help_text="Optional heading that groups services within the tier, e.g. 'Support from Exampleshire Carers Centre'.",
                max_length=200,
            ),
        ),
        migrations.AlterField(
            model_name="service",
            name="max_age",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="Oldest age in years (0 to 25). Blank if the statement does not say.",
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(0, "Ages start at 0."),
                    django.core.validators.MaxValueValidator(25, "Ages go up to 25."),
                ],
            ),
        ),
        migrations.AlterField(
            model_name="service",
            name="min_age",
            field=models.PositiveSmallIntegerField(
                blank=True,
                help_text="Youngest age in years (0 to 25). Blank if the statement does not say.",
                null=True,
                validators=[
                    django.core.validators.MinValueValidator(0, "Ages start at 0."),
                    django.core.validators.MaxValueValidator(25, "Ages go up to 25."),
                ],
            ),
        ),
        migrations.AlterField(
            model_name="service",
            name="slug",
            field=models.SlugField(
                error_messages={"unique": "Another service already uses this web address."},
                help_text="The last part of the web address, e.g. 'saturday-club' gives /services/saturday-club/. Lower case letters, numbers and hyphens only.",
                max_length=120,
                unique=True,
            ),
        ),
        migrations.AlterField(
            model_name="service",
            name="times",
            field=models.ManyToManyField(
                blank=True,
                help_text="When the breaks happen, if the statement says.",
                related_name="services",
                to="offer.breaktime",
            ),
        ),
        migrations.AlterField(
            model_name="statement",
            name="area_name",
            field=models.CharField(
                blank=True,
                help_text="The place as families say it, e.g. 'Exampleshire'.",
                max_length=150,
            ),
        ),
        migrations.AlterField(
            model_name="statement",
            name="council_name",
            field=models.CharField(
                help_text="Shown in the header of every page, e.g. 'Exampleshire Council'.",
                max_length=150,
            ),
        ),
        migrations.AlterField(
            model_name="statementsection",
            name="slug",
            field=models.SlugField(
                help_text="Used in the link to this part: /about/<em>this-slug</em>/ for a page of its own, and #<em>this-slug</em> in the whole statement. Lower case letters, numbers and hyphens only.",
                max_length=100,
            ),
        ),
        migrations.AlterField(
            model_name="tier",
            name="level",
            field=models.CharField(
                choices=[
                    ("universal", "Universal"),
                    ("targeted", "Targeted"),
                    ("specialist", "Specialist"),
                ],
                help_text="Which of the three graduated levels this is closest to, whatever the council calls it. Families never see this: it sorts the finder's 'level' filter, the checker and directories' categories. A council may have one, two or three.",
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="tier",
            name="name",
            field=models.CharField(
                help_text="The council's own name, e.g. 'Help in your community'.", max_length=200
            ),
        ),
        migrations.AlterField(
            model_name="tier",
            name="slug",
            field=models.SlugField(
                error_messages={"unique": "Another tier already uses this web address."},
                help_text="The last part of the web address, e.g. 'help-in-your-community' gives /support/help-in-your-community/. Lower case letters, numbers and hyphens only.",
                max_length=120,
                unique=True,
            ),
        ),
        migrations.AlterField(
            model_name="venue",
            name="postcode",
            field=models.CharField(
                help_text="A UK postcode, e.g. 'ZZ99 9ZZ'. Used to find the place on a map.",
                max_length=8,
            ),
        ),
        migrations.AlterField(
            model_name="venue",
            name="town",
            field=models.CharField(help_text="Town or city, e.g. 'Exampletown'.", max_length=100),
        ),
        migrations.AddConstraint(
            model_name="checkerrule",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("max_age__isnull", True), ("max_age__lte", 25), _connector="OR"),
                    models.Q(
                        ("min_age__isnull", True),
                        ("max_age__isnull", True),
                        ("min_age__lte", models.F("max_age")),
                        _connector="OR",
                    ),
                ),
                name="checker_rule_ages_within_0_25_if_stated",
                violation_error_message="Ages must be within 0 to 25, youngest first.",
            ),
        ),
        migrations.AddConstraint(
            model_name="service",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("max_age__isnull", True), ("max_age__lte", 25), _connector="OR"),
                    models.Q(
                        ("min_age__isnull", True),
                        ("max_age__isnull", True),
                        ("min_age__lte", models.F("max_age")),
                        _connector="OR",
                    ),
                ),
                name="service_ages_within_0_25_if_stated",
                violation_error_message="Ages must be within 0 to 25, youngest first.",
            ),
        ),
        migrations.AddConstraint(
            model_name="eligibilityrule",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("max_age__isnull", True), ("max_age__lte", 25), _connector="OR"),
                    models.Q(
                        ("min_age__isnull", True),
                        ("max_age__isnull", True),
                        ("min_age__lte", models.F("max_age")),
                        _connector="OR",
                    ),
                ),
                name="eligibility_ages_within_0_25_if_stated",
                violation_error_message="Ages must be within 0 to 25, youngest first.",
            ),
        ),
    ]
