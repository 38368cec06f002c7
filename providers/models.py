"""Providers: the organisations that run short breaks."""

from django.db import models

from core.fields import PermanentIdField
from core.models import PROSE_HELP, SLUG_HELP, Reviewed, Revised
from offer.choices import LinkedKind
from offer.models import HasPublicPage

from .choices import ProviderKind


class Provider(HasPublicPage, Revised, Reviewed):
    """An organisation that delivers short breaks: the council itself, a commissioned
    charity, an approved specialist provider or a quality-assured care agency."""

    page = LinkedKind.PROVIDER

    uid = PermanentIdField()
    name = models.CharField(max_length=200, help_text="The provider's name as families know it.")
    slug = models.SlugField(
        max_length=120,
        unique=True,
        help_text="The last part of the provider's web address, e.g. 'sense' gives "
        "/providers/sense/. " + SLUG_HELP,
        error_messages={"unique": "Another provider already uses this web address."},
    )
    kind = models.CharField(
        max_length=20,
        choices=ProviderKind.choices,
        help_text="How the council works with this provider.",
    )
    description = models.TextField(
        blank=True,
        help_text="What they do, in plain English. " + PROSE_HELP,
    )
    website = models.URLField(
        blank=True, help_text="Full web address, starting https:// (or http://)."
    )
    contacts = models.ManyToManyField(
        "contacts.Contact",
        blank=True,
        related_name="providers",
        help_text="How families reach this provider.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
