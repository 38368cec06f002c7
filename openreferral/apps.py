from django.apps import AppConfig
from django.db.models.signals import post_migrate

from editions.signals import edition_published


class OpenReferralConfig(AppConfig):
    name = "openreferral"
    verbose_name = "Open Referral UK feed"

    def ready(self) -> None:
        from .selectors import service_dates_catch_up, service_dates_on_publish

        # Each service's last change is worked out when an edition is published and kept
        # with it; after an upgrade, migrate works out any that are missing.
        edition_published.connect(service_dates_on_publish, dispatch_uid="feed-dates")
        post_migrate.connect(service_dates_catch_up, sender=self)
