import uuid

from django.db import migrations, models

import core.fields


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contacts", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="Provider",
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
                        help_text="The provider's name as families know it.", max_length=200
                    ),
                ),
                (
                    "slug",
                    models.SlugField(
                        error_messages={
                            "unique": "Another provider already uses this web address."
                        },
                        help_text="The last part of the provider's web address, e.g. 'sense' gives /providers/sense/. Lower case letters, numbers and hyphens only.",
                        max_length=120,
                        unique=True,
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("council", "Council in-house service"),
                            ("commissioned", "Commissioned by the council"),
                            ("framework", "Approved specialist provider"),
                            ("care_agency", "Quality-assured care agency"),
                            ("voluntary", "Voluntary or community organisation"),
                            ("health", "Health service"),
                        ],
                        help_text="How the council works with this provider.",
                        max_length=20,
                    ),
                ),
                (
                    "description",
                    models.TextField(
                        blank=True,
                        help_text="What they do, in plain English. Leave a blank line between paragraphs.",
                    ),
                ),
                (
                    "website",
                    models.URLField(
                        blank=True, help_text="Full web address, starting https:// (or http://)."
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
                    "contacts",
                    models.ManyToManyField(
                        blank=True,
                        help_text="How families reach this provider.",
                        related_name="providers",
                        to="contacts.contact",
                    ),
                ),
            ],
            options={
                "ordering": ["name"],
            },
        ),
    ]
