from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_migrate

from .choices import STANDARD_PROVIDER_KINDS


def provider_kinds_ensure(sender, *, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs) -> None:
    """After migrate: on a site with no kinds of provider at all, the standard six."""
    ProviderKind = apps.get_model("providers", "ProviderKind")
    if ProviderKind.objects.using(using).exists():
        return
    ProviderKind.objects.using(using).bulk_create(
        ProviderKind(slug=slug, name=name, order=order)
        for order, (slug, name) in enumerate(STANDARD_PROVIDER_KINDS, start=1)
    )


class ProvidersConfig(AppConfig):
    name = "providers"
    verbose_name = "Providers"

    def ready(self) -> None:
        post_migrate.connect(provider_kinds_ensure, sender=self)
