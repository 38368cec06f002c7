from django.apps import AppConfig
from django.db.models.signals import post_migrate

from .roles import roles_sync
from .standard_lists import assessments_ensure, break_times_ensure, search_words_ensure


class OfferConfig(AppConfig):
    name = "offer"
    verbose_name = "Short breaks offer"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the receivers; needs the models)

        # After every migrate (and a test database's flush): the officer roles with
        # every working-copy model's permissions, and a new site's standard lists.
        post_migrate.connect(roles_sync, sender=self)
        post_migrate.connect(break_times_ensure, sender=self)
        post_migrate.connect(assessments_ensure, sender=self)
        post_migrate.connect(search_words_ensure, sender=self)
