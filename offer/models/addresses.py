"""What is kept about the addresses the working copy's pages had: old web addresses
that answer 301 to wherever a renamed record lives now."""

from django.db import models

from ..choices import LinkedKind


class SlugHistory(models.Model):
    """A web address a tier, service or provider used to have. Professionals' old links
    answer 301 to wherever the record lives now (see offer/signals.py)."""

    kind = models.CharField(
        max_length=20, choices=LinkedKind.choices, help_text="What sort of page it was."
    )
    slug = models.SlugField(max_length=120, help_text="The old last part of the web address.")
    uid = models.UUIDField(help_text="The permanent id of the record that used this address.")
    retired_at = models.DateTimeField(
        auto_now=True, help_text="When the record stopped using this address."
    )

    class Meta:
        verbose_name = "old web address"
        verbose_name_plural = "old web addresses"
        constraints = [models.UniqueConstraint(fields=["kind", "slug"], name="slug_history_unique")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.slug}"
