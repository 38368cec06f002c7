"""Contacts: the organisations and teams a family can phone, email or visit online."""

from django.db import models

from core.fields import PermanentIdField, open_referral_source_id
from core.models import PROSE_HELP, SLUG_HELP, Ordered, Reviewed, Revised

from .choices import SocialNetwork
from .validators import validate_uk_phone


class Contact(Revised, Reviewed, Ordered):
    """An organisation or team families can get in touch with, and how.

    Referral routes, services and providers point at contacts, so a phone number is
    typed once and every page that shows it stays right when it changes.
    """

    uid = PermanentIdField()
    source_id = open_referral_source_id()
    name = models.CharField(
        max_length=200,
        help_text="The organisation, team or person, as families would know them, e.g. "
        "'Exampleshire Carers Centre' or 'Your allocated social worker'.",
    )
    slug = models.SlugField(
        max_length=120,
        unique=True,
        help_text="Used in links to this contact on the useful contacts page. " + SLUG_HELP,
        error_messages={"unique": "Another contact already uses this web address."},
    )
    helps_with = models.TextField(
        blank=True,
        help_text="What they can help families with, in plain English. " + PROSE_HELP,
    )
    explanation = models.TextField(
        verbose_name="about this contact",
        blank=True,
        help_text="For a contact the statement gives no details for (a role such as 'your "
        "allocated social worker', or a directory it only names): who they are and how "
        "families reach them, in the statement's words. " + PROSE_HELP,
    )
    email = models.EmailField(blank=True, help_text="The main email address for families.")
    alternative_email = models.EmailField(
        verbose_name="other email",
        blank=True,
        help_text="Another email address, only if the statement gives a second one.",
    )
    website = models.URLField(
        blank=True, help_text="Full web address, starting https:// (or http://)."
    )
    opening_hours = models.CharField(
        max_length=200,
        blank=True,
        help_text="When families can phone or visit, e.g. 'Monday to Friday, 9am to 5pm'.",
    )
    is_useful_contact = models.BooleanField(
        default=True,
        verbose_name="show on useful contacts page",
        help_text="Tick to list this contact on the public 'Useful contacts' page.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def has_details(self) -> bool:
        """Whether families are told any way to reach this contact (after it is saved:
        phone numbers are kept apart)."""
        return bool(
            self.email
            or self.alternative_email
            or self.website
            or self.explanation.strip()
            or self.phones.exists()
            or self.social_links.exists()
        )


class ContactPhone(Ordered):
    """One phone number for a contact (a team may have a helpline and an office line)."""

    contact = models.ForeignKey(
        Contact,
        on_delete=models.CASCADE,
        related_name="phones",
        help_text="Whose number this is.",
    )
    number = models.CharField(
        max_length=30,
        validators=[validate_uk_phone],
        help_text="A UK number as families would dial it, e.g. 01632 960 001.",
    )
    charges = models.CharField(
        max_length=150,
        blank=True,
        help_text="What a call costs, if the statement says, e.g. 'free from landlines and "
        "mobiles'. Shown next to the number.",
    )
    label = models.CharField(
        max_length=80,
        blank=True,
        help_text="Only if there is more than one number, e.g. 'Helpline' or 'Out of hours'.",
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "phone number"

    def __str__(self) -> str:
        return f"{self.number} ({self.label})" if self.label else self.number


class SocialLink(models.Model):
    """A contact's page on a social network (many parent groups live on Facebook)."""

    contact = models.ForeignKey(
        Contact,
        on_delete=models.CASCADE,
        related_name="social_links",
        help_text="Whose page this is.",
    )
    network = models.CharField(
        max_length=20, choices=SocialNetwork.choices, help_text="Which social network."
    )
    url = models.URLField(help_text="Full web address of the page, starting https://.")
    label = models.CharField(
        max_length=120,
        blank=True,
        help_text="The page's name as shown on the network, if it helps families find it.",
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = "social media link"

    def __str__(self) -> str:
        return f"{self.get_network_display()}: {self.url}"
