from django.apps import AppConfig
from django.db.models.signals import post_migrate

from core.standard_lists import standard_list_receiver

from .choices import STANDARD_PROVIDER_KINDS

# On a site with no kinds of provider at all, the standard six.
provider_kinds_ensure = standard_list_receiver(
    "providers.ProviderKind",
    [{"slug": slug, "name": name} for slug, name in STANDARD_PROVIDER_KINDS],
)


class ProvidersConfig(AppConfig):
    name = "providers"
    verbose_name = "Providers"

    def ready(self) -> None:
        post_migrate.connect(provider_kinds_ensure, sender=self)
