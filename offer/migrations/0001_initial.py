import uuid

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import core.fields


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contacts", "0001_initial"),
        ("providers", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Area",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(help_text="As families would say it.", max_length=100)),
                (
                    "slug",
                    models.SlugField(
                        error_messages={
                            "unique": "Another term of this kind already uses this slug."
                        },
                        help_text="Lower case letters, numbers and hyphens only.",
                        max_length=100,
                        unique=True,
                    ),
                ),
                (
                    "description",
                    models.CharField(
                        blank=True, help_text="Optional plain-English explanation.", max_length=300
                    ),
                ),
                (
                    "order",
                    models.PositiveIntegerField(
                        default=0, help_text="Lower numbers are listed first."
                    ),
                ),
            ],
            options={
                "verbose_name": "area",
                "ordering": ["order", "name"],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="BreakTime",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(help_text="As families would say it.", max_length=100)),
                (
                    "slug",
                    models.SlugField(
                        error_messages={
                            "unique": "Another term of this kind already uses this slug."
                        },
                        help_text="Lower case letters, numbers and hyphens only.",
                        max_length=100,
                        unique=True,
                    ),
                ),
                (
                    "description",
                    models.CharField(
                        blank=True, help_text="Optional plain-English explanation.", max_length=300
                    ),
                ),
                (
                    "order",
                    models.PositiveIntegerField(
                        default=0, help_text="Lower numbers are listed first."
                    ),
                ),
            ],
            options={
                "verbose_name": "time of break",
                "verbose_name_plural": "times of break",
                "ordering": ["order", "name"],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="Need",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(help_text="As families would say it.", max_length=100)),
                (
                    "slug",
                    models.SlugField(
                        error_messages={
                            "unique": "Another term of this kind already uses this slug."
                        },
                        help_text="Lower case letters, numbers and hyphens only.",
                        max_length=100,
                        unique=True,
                    ),
                ),
                (
                    "description",
                    models.CharField(
                        blank=True, help_text="Optional plain-English explanation.", max_length=300
                    ),
                ),
                (
                    "order",
                    models.PositiveIntegerField(
                        default=0, help_text="Lower numbers are listed first."
                    ),
                ),
            ],
            options={
                "verbose_name": "need",
                "ordering": ["order", "name"],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="Statement",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "council_name",
                    models.CharField(
                        help_text="Shown in the header of every page, e.g. 'Durham County Council'.",
                        max_length=150,
                    ),
                ),
                (
                    "area_name",
                    models.CharField(
                        blank=True,
                        help_text="The place as families say it, e.g. 'County Durham'.",
                        max_length=150,
                    ),
                ),
                (
                    "title",
                    models.CharField(
                        default="Short Breaks Service Statement",
                        help_text="The statement's title as published.",
                        max_length=200,
                    ),
                ),
                (
                    "summary",
                    models.TextField(
                        blank=True,
                        help_text="One or two sentences at the top of the home page. Leave a blank line between paragraphs; start a line with '- ' for a bullet point.",
                    ),
                ),
                (
                    "local_offer_url",
                    models.URLField(
                        blank=True,
                        help_text="The council's SEND Local Offer website, if it has one.",
                    ),
                ),
                (
                    "accessibility_email",
                    models.EmailField(
                        blank=True,
                        help_text="Where people report a problem with this website or ask for another format.",
                        max_length=254,
                    ),
                ),
            ],
            options={
                "verbose_name": "statement details",
                "verbose_name_plural": "statement details",
            },
        ),
        migrations.CreateModel(
            name="Edition",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "uid",
                    core.fields.PermanentIdField(
                        default=uuid.uuid4,
                        editable=False,
                        help_text="A permanent identifier, also used to key caches.",
                        unique=True,
                    ),
                ),
                (
                    "version",
                    models.PositiveIntegerField(
                        editable=False,
                        help_text="1 for the first edition, then 2, 3...",
                        unique=True,
                    ),
                ),
                (
                    "label",
                    models.CharField(
                        help_text="How the edition is known, e.g. '2025 to 2026'.", max_length=100
                    ),
                ),
                (
                    "schema_version",
                    models.PositiveSmallIntegerField(
                        editable=False,
                        help_text="Which snapshot format the snapshot is written in.",
                    ),
                ),
                (
                    "snapshot",
                    models.JSONField(
                        editable=False, help_text="Everything the public pages show, as published."
                    ),
                ),
                (
                    "published_at",
                    models.DateTimeField(editable=False, help_text="When it was published."),
                ),
                (
                    "reviewed_on",
                    models.DateField(help_text="When the offer was last reviewed with families."),
                ),
                (
                    "next_review_due",
                    models.DateField(help_text="When the statement must next be reviewed."),
                ),
                (
                    "published_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        help_text="The officer who published it (empty when published from the command line without --by).",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-version"],
                "get_latest_by": "version",
            },
        ),
        migrations.CreateModel(
            name="EligibilityRule",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "min_age",
                    models.PositiveSmallIntegerField(
                        default=0,
                        help_text="Youngest age in years (0 to 25).",
                        validators=[
                            django.core.validators.MinValueValidator(0, "Ages start at 0."),
                            django.core.validators.MaxValueValidator(25, "Ages go up to 25."),
                        ],
                    ),
                ),
                (
                    "max_age",
                    models.PositiveSmallIntegerField(
                        default=25,
                        help_text="Oldest age in years (0 to 25).",
                        validators=[
                            django.core.validators.MinValueValidator(0, "Ages start at 0."),
                            django.core.validators.MaxValueValidator(25, "Ages go up to 25."),
                        ],
                    ),
                ),
                (
                    "uid",
                    core.fields.PermanentIdField(
                        default=uuid.uuid4,
                        editable=False,
                        help_text="A permanent identifier that never changes, even if the name does.",
                        unique=True,
                    ),
                ),
                (
                    "title",
                    models.CharField(
                        help_text="A short name, e.g. 'Any family of a child with SEND, 0 to 25'.",
                        max_length=200,
                    ),
                ),
                (
                    "criteria",
                    models.TextField(
                        help_text="Who can use it, in plain English. Leave a blank line between paragraphs; start a line with '- ' for a bullet point."
                    ),
                ),
                (
                    "assessment",
                    models.CharField(
                        choices=[
                            ("none", "No assessment needed"),
                            ("self", "A self-assessment the family fills in"),
                            ("provider", "The provider's own criteria"),
                            ("social_care", "A social care assessment"),
                        ],
                        default="none",
                        help_text="What a family has to go through first.",
                        max_length=20,
                    ),
                ),
                (
                    "order",
                    models.PositiveIntegerField(
                        default=0, help_text="Lower numbers are shown first."
                    ),
                ),
            ],
            options={
                "ordering": ["order", "title"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("max_age__lte", 25), ("min_age__lte", models.F("max_age"))
                        ),
                        name="eligibility_ages_within_0_25",
                        violation_error_message="Ages must be within 0 to 25, youngest first.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ReferralRoute",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "uid",
                    core.fields.PermanentIdField(
                        default=uuid.uuid4,
                        editable=False,
                        help_text="A permanent identifier that never changes, even if the name does.",
                        unique=True,
                    ),
                ),
                (
                    "title",
                    models.CharField(
                        help_text="What the family does, e.g. 'Contact SENDEIC'.", max_length=200
                    ),
                ),
                (
                    "steps",
                    models.TextField(
                        blank=True,
                        help_text="What happens, step by step, in plain English. Leave a blank line between paragraphs; start a line with '- ' for a bullet point.",
                    ),
                ),
                (
                    "link",
                    models.URLField(
                        blank=True,
                        help_text="A web page or online form for this route, if there is one.",
                    ),
                ),
                (
                    "link_text",
                    models.CharField(
                        blank=True,
                        help_text="Words for the link, e.g. 'Fill in the online form'. Leave blank to use the route's title.",
                        max_length=150,
                    ),
                ),
                (
                    "order",
                    models.PositiveIntegerField(
                        default=0, help_text="Lower numbers are shown first."
                    ),
                ),
                (
                    "contacts",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Who the family gets in touch with. A route needs a contact or a link.",
                        related_name="referral_routes",
                        to="contacts.contact",
                    ),
                ),
            ],
            options={
                "ordering": ["order", "title"],
            },
        ),
        migrations.CreateModel(
            name="Tier",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "uid",
                    core.fields.PermanentIdField(
                        default=uuid.uuid4,
                        editable=False,
                        help_text="A permanent identifier that never changes, even if the name does.",
                        unique=True,
                    ),
                ),
                (
                    "level",
                    models.CharField(
                        choices=[
                            ("universal", "Universal: open to every family"),
                            ("targeted", "Targeted: no social care assessment needed"),
                            ("specialist", "Specialist: after a social care assessment"),
                        ],
                        help_text="Which of the three standard levels this is, whatever the council calls it.",
                        max_length=20,
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        help_text="The council's own name, e.g. 'Advice, signposting and enabling access'.",
                        max_length=200,
                    ),
                ),
                (
                    "slug",
                    models.SlugField(
                        error_messages={"unique": "Another tier already uses this web address."},
                        help_text="The last part of the web address: /support/<slug>/. Lower case letters, numbers and hyphens only.",
                        max_length=120,
                        unique=True,
                    ),
                ),
                (
                    "summary",
                    models.TextField(help_text="One or two sentences on what this level offers."),
                ),
                (
                    "who_it_is_for",
                    models.TextField(
                        blank=True,
                        help_text="Which families and children this level is for. Leave a blank line between paragraphs; start a line with '- ' for a bullet point.",
                    ),
                ),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        help_text="More about this level, what it includes. Leave a blank line between paragraphs; start a line with '- ' for a bullet point.",
                    ),
                ),
                (
                    "stepping_up_and_down",
                    models.TextField(
                        blank=True,
                        help_text="How a family moves to more or less support from here. Leave a blank line between paragraphs; start a line with '- ' for a bullet point.",
                    ),
                ),
                (
                    "order",
                    models.PositiveIntegerField(
                        default=0, help_text="Lower numbers are shown first."
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "eligibility_rules",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Who can use this level.",
                        related_name="tiers",
                        to="offer.eligibilityrule",
                    ),
                ),
                (
                    "referral_routes",
                    models.ManyToManyField(
                        blank=True,
                        help_text="How families get support at this level.",
                        related_name="tiers",
                        to="offer.referralroute",
                    ),
                ),
            ],
            options={
                "ordering": ["order", "pk"],
            },
        ),
        migrations.CreateModel(
            name="StatementSection",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("introduction", "Introduction"),
                            ("what_short_breaks_are", "What short breaks are"),
                            ("how_to_get", "How to get a short break"),
                            ("design", "How services are designed with families"),
                            ("feedback", "Feedback and complaints"),
                            ("other", "Other information"),
                        ],
                        help_text="Which part of the statement this is; decides where it appears.",
                        max_length=30,
                    ),
                ),
                ("title", models.CharField(help_text="The heading families see.", max_length=200)),
                (
                    "slug",
                    models.SlugField(
                        help_text="Used for the link to this part of the whole statement. Lower case letters, numbers and hyphens only.",
                        max_length=100,
                    ),
                ),
                (
                    "body",
                    models.TextField(
                        help_text="The text. Leave a blank line between paragraphs; start a line with '- ' for a bullet point."
                    ),
                ),
                (
                    "order",
                    models.PositiveIntegerField(default=0, help_text="Lower numbers come first."),
                ),
                (
                    "statement",
                    models.ForeignKey(
                        help_text="The statement this text belongs to.",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="sections",
                        to="offer.statement",
                    ),
                ),
            ],
            options={
                "verbose_name": "statement text section",
                "ordering": ["order", "pk"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("statement", "slug"),
                        name="section_slug_unique",
                        violation_error_message="Another section already uses this slug.",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Service",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "min_age",
                    models.PositiveSmallIntegerField(
                        default=0,
                        help_text="Youngest age in years (0 to 25).",
                        validators=[
                            django.core.validators.MinValueValidator(0, "Ages start at 0."),
                            django.core.validators.MaxValueValidator(25, "Ages go up to 25."),
                        ],
                    ),
                ),
                (
                    "max_age",
                    models.PositiveSmallIntegerField(
                        default=25,
                        help_text="Oldest age in years (0 to 25).",
                        validators=[
                            django.core.validators.MinValueValidator(0, "Ages start at 0."),
                            django.core.validators.MaxValueValidator(25, "Ages go up to 25."),
                        ],
                    ),
                ),
                (
                    "uid",
                    core.fields.PermanentIdField(
                        default=uuid.uuid4,
                        editable=False,
                        help_text="A permanent identifier that never changes, even if the name does.",
                        unique=True,
                    ),
                ),
                ("name", models.CharField(help_text="What families call it.", max_length=200)),
                (
                    "slug",
                    models.SlugField(
                        error_messages={"unique": "Another service already uses this web address."},
                        help_text="The last part of the web address: /services/<slug>/. Lower case letters, numbers and hyphens only.",
                        max_length=120,
                        unique=True,
                    ),
                ),
                (
                    "group",
                    models.CharField(
                        blank=True,
                        help_text="Optional heading that groups services within the tier, e.g. 'Support from Durham County Carers Support'.",
                        max_length=200,
                    ),
                ),
                (
                    "summary",
                    models.TextField(help_text="One or two sentences families see in lists."),
                ),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        help_text="What it includes, in plain English. Leave a blank line between paragraphs; start a line with '- ' for a bullet point.",
                    ),
                ),
                (
                    "example_activities",
                    models.TextField(
                        blank=True,
                        help_text="Examples of what children and families do, e.g. 'bowling, swimming, cinema'. Leave a blank line between paragraphs; start a line with '- ' for a bullet point.",
                    ),
                ),
                (
                    "cost",
                    models.CharField(
                        blank=True,
                        help_text="What families pay, e.g. 'Free' or '£5 a session'. Leave blank if not stated.",
                        max_length=300,
                    ),
                ),
                (
                    "direct_payment",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("yes", "Yes, a direct payment can be used"),
                            ("no", "No"),
                            ("", "Not stated"),
                        ],
                        default="",
                        help_text="Whether a family can pay for this with a direct payment.",
                        max_length=3,
                        verbose_name="can use a direct payment",
                    ),
                ),
                (
                    "include_in_statement",
                    models.BooleanField(
                        default=True,
                        help_text="Untick to leave this service out of the next published edition (for example while it is being set up).",
                    ),
                ),
                (
                    "order",
                    models.PositiveIntegerField(
                        default=0, help_text="Lower numbers are listed first within the tier."
                    ),
                ),
                (
                    "last_reviewed_on",
                    models.DateField(
                        blank=True,
                        help_text="When an officer last checked these details.",
                        null=True,
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "areas",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Where it runs. Leave empty if it covers the whole council area.",
                        related_name="services",
                        to="offer.area",
                    ),
                ),
                (
                    "contacts",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Other contacts families may need for this service.",
                        related_name="services",
                        to="contacts.contact",
                    ),
                ),
                (
                    "eligibility_rules",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Who can use it, if this differs from or adds to the tier's rules.",
                        related_name="services",
                        to="offer.eligibilityrule",
                    ),
                ),
                (
                    "needs",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Needs this service is designed for. Leave empty if it is open to children and young people with any need.",
                        related_name="services",
                        to="offer.need",
                    ),
                ),
                (
                    "providers",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Who runs it.",
                        related_name="services",
                        to="providers.provider",
                    ),
                ),
                (
                    "referral_routes",
                    models.ManyToManyField(
                        blank=True,
                        help_text="How to get it. Needed before publishing.",
                        related_name="services",
                        to="offer.referralroute",
                    ),
                ),
                (
                    "times",
                    models.ManyToManyField(
                        blank=True,
                        help_text="When the breaks happen. Leave empty if it is arranged to suit the family.",
                        related_name="services",
                        to="offer.breaktime",
                    ),
                ),
                (
                    "tier",
                    models.ForeignKey(
                        blank=True,
                        help_text="Which level of the offer this belongs to. Needed before publishing.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="services",
                        to="offer.tier",
                    ),
                ),
            ],
            options={
                "ordering": ["order", "name"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("max_age__lte", 25), ("min_age__lte", models.F("max_age"))
                        ),
                        name="service_ages_within_0_25",
                        violation_error_message="Ages must be within 0 to 25, youngest first.",
                    )
                ],
            },
        ),
    ]
