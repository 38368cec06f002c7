"""Providers: the organisations that run short breaks."""

from django.db import models
from django.urls import reverse

from contacts.models import Contact
from shortbreaks.fields import PermanentIdField
from shortbreaks.records import Reviewed, Revised

from .choices import ProviderKind


class Provider(Revised, Reviewed):
    """An organisation that delivers short breaks: the council itself, a commissioned
    charity, an approved specialist provider or a quality-assured care agency."""

    uid = PermanentIdField()
    name = models.CharField(max_length=200, help_text="The provider's name as families know it.")
    slug = models.SlugField(
        max_length=120,
        unique=True,
        help_text="The last part of the provider's web address, e.g. 'sense' gives "
        "/providers/sense/. Lower case letters, numbers and hyphens only.",
        error_messages={"unique": "Another provider already uses this web address."},
    )
    kind = models.CharField(
        max_length=20,
        choices=ProviderKind.choices,
        help_text="How the council works with this provider.",
    )
    description = models.TextField(
        blank=True,
        help_text="What they do, in plain English. Leave a blank line between paragraphs.",
    )
    website = models.URLField(
        blank=True, help_text="Full web address, starting https:// (or http://)."
    )
    contacts = models.ManyToManyField(
        Contact,
        blank=True,
        related_name="providers",
        help_text="How families reach this provider.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("providers:detail", kwargs={"slug": self.slug})
