"""What the feed keeps about each edition."""

from django.db import models


class ServiceDates(models.Model):
    """When each service in an edition last changed as the feed shows it, worked out
    once when the edition is published (openreferral/selectors.py), so no request ever
    walks back through earlier editions."""

    edition = models.OneToOneField(
        "editions.Edition",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The edition these dates are for.",
    )
    last_modified = models.JSONField(
        help_text="Each service's id and when it last changed (ISO 8601, in UTC)."
    )
    fingerprints = models.JSONField(
        help_text="Each service's id and a digest of how the feed shows it, to compare "
        "with the next edition's."
    )

    class Meta:
        verbose_name = "services' last changes in an edition"
        verbose_name_plural = "services' last changes in editions"

    def __str__(self) -> str:
        return f"Last changes in edition {self.edition_id}"
