from django.apps import AppConfig

from editions.signals import edition_published


class PublicConfig(AppConfig):
    name = "public"
    verbose_name = "Public pages"

    def ready(self) -> None:
        from .warming import edition_warm_on_publish

        # What every worker would work out on its first page of a new edition is worked
        # out once, in the background, and kept beside it (public/warming.py).
        edition_published.connect(edition_warm_on_publish, dispatch_uid="edition-warm")
