from django.apps import AppConfig


class OfferConfig(AppConfig):
    name = "offer"
    verbose_name = "Short breaks offer"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the receivers)
