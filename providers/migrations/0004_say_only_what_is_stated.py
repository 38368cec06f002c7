"""A provider may be of several kinds: the fixed list becomes a list officers edit, seeded
with the six kinds there were, and each provider keeps the kind it had."""

from django.db import migrations, models

from providers.choices import STANDARD_PROVIDER_KINDS


def kinds_from_kind(apps, schema_editor):
    ProviderKind = apps.get_model("providers", "ProviderKind")
    Provider = apps.get_model("providers", "Provider")
    kinds = {
        slug: ProviderKind.objects.create(slug=slug, name=name, order=order)
        for order, (slug, name) in enumerate(STANDARD_PROVIDER_KINDS, start=1)
    }
    for provider in Provider.objects.all():
        if provider.kind in kinds:
            provider.kinds.add(kinds[provider.kind])


def kind_from_kinds(apps, schema_editor):
    Provider = apps.get_model("providers", "Provider")
    for provider in Provider.objects.all():
        first = provider.kinds.order_by("order").first()
        provider.kind = first.slug if first else "council"
        provider.save(update_fields=["kind"])


class Migration(migrations.Migration):
    dependencies = [
        ("providers", "0003_prose_help_in_one_place"),
    ]

    operations = [
        migrations.CreateModel(
            name="ProviderKind",
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
                        help_text="As families would read it, e.g. 'Commissioned by the council'.",
                        max_length=100,
                    ),
                ),
                (
                    "slug",
                    models.SlugField(
                        help_text="Lower case letters, numbers and hyphens only.", unique=True
                    ),
                ),
            ],
            options={
                "verbose_name": "kind of provider",
                "verbose_name_plural": "kinds of provider",
                "ordering": ["order", "pk"],
                "abstract": False,
            },
        ),
        migrations.AddField(
            model_name="provider",
            name="kinds",
            field=models.ManyToManyField(
                blank=True,
                help_text="How the council works with this provider: as many as the statement says.",
                related_name="providers",
                to="providers.providerkind",
            ),
        ),
        migrations.RunPython(kinds_from_kind, kind_from_kinds),
        migrations.RemoveField(
            model_name="provider",
            name="kind",
        ),
    ]
