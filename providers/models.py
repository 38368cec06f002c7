"""Providers: the organisations that run short breaks."""

from django.db import models

from core.fields import PermanentIdField, open_referral_source_id
from core.models import PROSE_HELP, SLUG_HELP, Ordered, Reviewed, Revised
from offer.choices import LinkedKind
from offer.models import HasPublicPage


class ProviderKindManager(models.Manager):
    def get_by_natural_key(self, slug: str):
        return self.get(slug=slug)


class ProviderKind(Ordered):
    """A way a council works with providers: commissioned, on an approved framework,
    quality-assured... A provider may be several. Officers may add their own."""

    objects = ProviderKindManager()

    name = models.CharField(
        max_length=100, help_text="As families would read it, e.g. 'Commissioned by the council'."
    )
    slug = models.SlugField(max_length=50, unique=True, help_text=SLUG_HELP)

    class Meta(Ordered.Meta):
        verbose_name = "kind of provider"
        verbose_name_plural = "kinds of provider"

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class Provider(HasPublicPage, Revised, Reviewed):
    """An organisation that delivers short breaks: the council itself, a commissioned
    charity, an approved specialist provider or a quality-assured care agency."""

    page = LinkedKind.PROVIDER

    uid = PermanentIdField()
    source_id = open_referral_source_id()
    name = models.CharField(max_length=200, help_text="The provider's name as families know it.")
    slug = models.SlugField(
        max_length=120,
        unique=True,
        help_text="The last part of the provider's web address, e.g. 'sense' gives "
        "/providers/sense/. " + SLUG_HELP,
        error_messages={"unique": "Another provider already uses this web address."},
    )
    kinds = models.ManyToManyField(
        "ProviderKind",
        blank=True,
        related_name="providers",
        help_text="How the council works with this provider: as many as the statement says.",
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
