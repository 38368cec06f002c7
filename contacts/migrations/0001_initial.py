import uuid

import django.db.models.deletion
from django.db import migrations, models

import contacts.validators
import core.fields


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Contact",
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
                    "name",
                    models.CharField(
                        help_text="The organisation or team, as families would know it, e.g. 'Durham County Carers Support'.",
                        max_length=200,
                    ),
                ),
                (
                    "slug",
                    models.SlugField(
                        error_messages={"unique": "Another contact already uses this web address."},
                        help_text="Used in links to this contact on the useful contacts page. Lower case letters, numbers and hyphens only.",
                        max_length=120,
                        unique=True,
                    ),
                ),
                (
                    "helps_with",
                    models.TextField(
                        blank=True,
                        help_text="What they can help families with, in plain English. Leave a blank line between paragraphs; start a line with '- ' for a bullet point.",
                    ),
                ),
                (
                    "email",
                    models.EmailField(
                        blank=True, help_text="The main email address for families.", max_length=254
                    ),
                ),
                (
                    "alternative_email",
                    models.EmailField(
                        blank=True,
                        help_text="Another email address, only if the statement gives a second one.",
                        max_length=254,
                    ),
                ),
                (
                    "website",
                    models.URLField(
                        blank=True, help_text="Full web address, starting https:// (or http://)."
                    ),
                ),
                (
                    "opening_hours",
                    models.CharField(
                        blank=True,
                        help_text="When families can phone or visit, e.g. 'Monday to Friday, 9am to 5pm'.",
                        max_length=200,
                    ),
                ),
                (
                    "is_useful_contact",
                    models.BooleanField(
                        default=True,
                        help_text="Tick to list this contact on the public 'Useful contacts' page.",
                        verbose_name="show on useful contacts page",
                    ),
                ),
                (
                    "order",
                    models.PositiveIntegerField(
                        default=0,
                        help_text="Lower numbers are listed first on the useful contacts page.",
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
            ],
            options={
                "ordering": ["order", "name"],
            },
        ),
        migrations.CreateModel(
            name="ContactPhone",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "number",
                    models.CharField(
                        help_text="A UK number as families would dial it, e.g. 03000 260 270.",
                        max_length=30,
                        validators=[contacts.validators.validate_uk_phone],
                    ),
                ),
                (
                    "label",
                    models.CharField(
                        blank=True,
                        help_text="Only if there is more than one number, e.g. 'Helpline' or 'Out of hours'.",
                        max_length=80,
                    ),
                ),
                (
                    "order",
                    models.PositiveIntegerField(
                        default=0, help_text="Lower numbers are shown first."
                    ),
                ),
                (
                    "contact",
                    models.ForeignKey(
                        help_text="Whose number this is.",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="phones",
                        to="contacts.contact",
                    ),
                ),
            ],
            options={
                "verbose_name": "phone number",
                "ordering": ["order", "pk"],
            },
        ),
        migrations.CreateModel(
            name="SocialLink",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "network",
                    models.CharField(
                        choices=[
                            ("facebook", "Facebook"),
                            ("x", "X (Twitter)"),
                            ("instagram", "Instagram"),
                            ("youtube", "YouTube"),
                            ("linkedin", "LinkedIn"),
                            ("tiktok", "TikTok"),
                            ("other", "Other"),
                        ],
                        help_text="Which social network.",
                        max_length=20,
                    ),
                ),
                (
                    "url",
                    models.URLField(help_text="Full web address of the page, starting https://."),
                ),
                (
                    "label",
                    models.CharField(
                        blank=True,
                        help_text="The page's name as shown on the network, if it helps families find it.",
                        max_length=120,
                    ),
                ),
                (
                    "contact",
                    models.ForeignKey(
                        help_text="Whose page this is.",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="social_links",
                        to="contacts.contact",
                    ),
                ),
            ],
            options={
                "verbose_name": "social media link",
                "ordering": ["pk"],
            },
        ),
    ]
