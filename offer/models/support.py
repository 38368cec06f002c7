"""What support there is and how to get it: tiers, services, the places they happen,
eligibility rules and referral routes."""

import re
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from core.fields import PermanentIdField
from core.models import PROSE_HELP, SLUG_HELP, Ordered, Reviewed, Revised

from ..choices import Assessment, DirectPayment, LinkedKind, TierLevel
from .terms import Area, BreakTime, Need

MIN_AGE = 0
MAX_AGE = 25  # Short breaks cover disabled children and young people up to 25.


def _age_field(default: int, help_text: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        default=default,
        validators=[
            MinValueValidator(MIN_AGE, f"Ages start at {MIN_AGE}."),
            MaxValueValidator(MAX_AGE, f"Ages go up to {MAX_AGE}."),
        ],
        help_text=help_text,
    )


class AgeRange(models.Model):
    """Youngest and oldest ages (in years) within 0 to 25, youngest first."""

    min_age = _age_field(MIN_AGE, "Youngest age in years (0 to 25).")
    max_age = _age_field(MAX_AGE, "Oldest age in years (0 to 25).")

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            raise ValidationError(
                {"max_age": "The oldest age must be the same as or more than the youngest age."}
            )


def age_constraints(prefix: str) -> list[models.CheckConstraint]:
    return [
        models.CheckConstraint(
            condition=models.Q(max_age__lte=MAX_AGE) & models.Q(min_age__lte=models.F("max_age")),
            name=f"{prefix}_ages_within_0_25",
            violation_error_message="Ages must be within 0 to 25, youngest first.",
        )
    ]


class EligibilityRule(Revised, AgeRange, Ordered):
    """Who can use a tier or service, in words a family understands."""

    uid = PermanentIdField()
    title = models.CharField(
        max_length=200, help_text="A short name, e.g. 'Any family of a child with SEND, 0 to 25'."
    )
    criteria = models.TextField(help_text="Who can use it, in plain English. " + PROSE_HELP)
    assessment = models.CharField(
        max_length=20,
        choices=Assessment.choices,
        default=Assessment.NONE,
        help_text="What a family has to go through first.",
    )

    class Meta:
        ordering = ["order", "title"]
        constraints = age_constraints("eligibility")

    def __str__(self) -> str:
        return self.title


class ReferralRoute(Revised, Ordered):
    """How a family gets a service: who to contact or what to fill in. Many services
    share one route (for example 'Contact SENDEIC')."""

    uid = PermanentIdField()
    title = models.CharField(
        max_length=200, help_text="What the family does, e.g. 'Contact SENDEIC'."
    )
    steps = models.TextField(
        blank=True, help_text="What happens, step by step, in plain English. " + PROSE_HELP
    )
    contacts = models.ManyToManyField(
        "contacts.Contact",
        blank=True,
        related_name="referral_routes",
        help_text="Who the family gets in touch with. A route needs a contact or a link.",
    )
    link = models.URLField(
        blank=True, help_text="A web page or online form for this route, if there is one."
    )
    link_text = models.CharField(
        max_length=150,
        blank=True,
        help_text="Words for the link, e.g. 'Fill in the online form'. "
        "Leave blank to use the route's title.",
    )

    class Meta:
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title


class HasPublicPage(models.Model):
    """A record with a public page of its own (a tier, a service, a provider). When its
    slug changes, the old address is kept and answers 301 (offer/signals.py)."""

    page: ClassVar[str]  # its page in the public page family, e.g. "service"

    class Meta:
        abstract = True

    def get_absolute_url(self) -> str:
        return reverse(f"current:{self.page}", kwargs={"slug": self.slug})


class Tier(HasPublicPage, Revised, Ordered):
    """One level of the graduated offer, named and described the council's own way."""

    page = LinkedKind.TIER

    uid = PermanentIdField()
    level = models.CharField(
        max_length=20,
        choices=TierLevel.choices,
        help_text="Which of the three standard levels this is, whatever the council calls it.",
    )
    name = models.CharField(
        max_length=200,
        help_text="The council's own name, e.g. 'Advice, signposting and enabling access'.",
    )
    slug = models.SlugField(
        max_length=120,
        unique=True,
        help_text="The last part of the web address: /support/<slug>/. " + SLUG_HELP,
        error_messages={"unique": "Another tier already uses this web address."},
    )
    summary = models.TextField(help_text="One or two sentences on what this level offers.")
    who_it_is_for = models.TextField(
        blank=True, help_text="Which families and children this level is for. " + PROSE_HELP
    )
    description = models.TextField(
        blank=True, help_text="More about this level, what it includes. " + PROSE_HELP
    )
    stepping_up_and_down = models.TextField(
        blank=True,
        help_text="How a family moves to more or less support from here. " + PROSE_HELP,
    )
    eligibility_rules = models.ManyToManyField(
        EligibilityRule,
        blank=True,
        related_name="tiers",
        help_text="Who can use this level.",
    )
    referral_routes = models.ManyToManyField(
        ReferralRoute,
        blank=True,
        related_name="tiers",
        help_text="How families get support at this level.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class Service(HasPublicPage, Revised, Reviewed, AgeRange, Ordered):
    """A short break or a kind of support a family can use, with who it is for and how
    to get it."""

    page = LinkedKind.SERVICE

    uid = PermanentIdField()
    name = models.CharField(max_length=200, help_text="What families call it.")
    slug = models.SlugField(
        max_length=120,
        unique=True,
        help_text="The last part of the web address: /services/<slug>/. " + SLUG_HELP,
        error_messages={"unique": "Another service already uses this web address."},
    )
    tier = models.ForeignKey(
        Tier,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="services",
        help_text="Which level of the offer this belongs to. Needed before publishing.",
    )
    group = models.CharField(
        max_length=200,
        blank=True,
        help_text="Optional heading that groups services within the tier, e.g. "
        "'Support from Durham County Carers Support'.",
    )
    summary = models.TextField(help_text="One or two sentences families see in lists.")
    description = models.TextField(
        blank=True, help_text="What it includes, in plain English. " + PROSE_HELP
    )
    example_activities = models.TextField(
        blank=True,
        help_text="Examples of what children and families do, e.g. 'bowling, swimming, "
        "cinema'. " + PROSE_HELP,
    )
    needs = models.ManyToManyField(
        Need,
        blank=True,
        related_name="services",
        help_text="Needs this service is designed for. Leave empty if it is open to "
        "children and young people with any need.",
    )
    times = models.ManyToManyField(
        BreakTime,
        blank=True,
        related_name="services",
        help_text="When the breaks happen. Leave empty if it is arranged to suit the family.",
    )
    areas = models.ManyToManyField(
        Area,
        blank=True,
        related_name="services",
        help_text="Where it runs. Leave empty if it covers the whole council area.",
    )
    cost = models.CharField(
        max_length=300,
        blank=True,
        help_text="What families pay, e.g. 'Free' or '£5 a session'. Leave blank if not stated.",
    )
    direct_payment = models.CharField(
        max_length=3,
        choices=DirectPayment.choices,
        default=DirectPayment.UNKNOWN,
        blank=True,
        verbose_name="can use a direct payment",
        help_text="Whether a family can pay for this with a direct payment.",
    )
    providers = models.ManyToManyField(
        "providers.Provider", blank=True, related_name="services", help_text="Who runs it."
    )
    other_providers_note = models.CharField(
        max_length=300,
        blank=True,
        help_text="Shown under the list of providers, e.g. 'We do at times work with "
        "other care agencies.'",
    )
    eligibility_rules = models.ManyToManyField(
        EligibilityRule,
        blank=True,
        related_name="services",
        help_text="Who can use it, on top of its tier's rules: both are shown, a family "
        "must meet both, and 'no assessment needed' means none of them asks for one.",
    )
    referral_routes = models.ManyToManyField(
        ReferralRoute,
        blank=True,
        related_name="services",
        help_text="How to get it. Needed before publishing.",
    )
    contacts = models.ManyToManyField(
        "contacts.Contact",
        blank=True,
        related_name="services",
        help_text="Other contacts families may need for this service.",
    )
    include_in_statement = models.BooleanField(
        default=True,
        help_text="Untick to leave this service out of the next published edition "
        "(for example while it is being set up).",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "name"]
        constraints = age_constraints("service")

    def __str__(self) -> str:
        return self.name


# Outward code (area and district), then inward code (sector and unit), spaces removed.
_POSTCODE = re.compile(r"([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})")


def postcode_normalised(postcode: str) -> str:
    """A UK postcode in capitals with one space before the last three characters
    ('dh15za' -> 'DH1 5ZA'), or '' if it is not shaped like a postcode."""
    match = _POSTCODE.fullmatch(re.sub(r"\s+", "", postcode or "").upper())
    return f"{match[1]} {match[2]}" if match else ""


class Venue(Ordered):
    """A place where a service happens (a short break house, a youth club, a leisure
    centre), so families know where to go and directories can show it on a map.
    A service that happens at home or in many places has none."""

    uid = PermanentIdField()
    service = models.ForeignKey(
        "Service",
        on_delete=models.CASCADE,
        related_name="venues",
        help_text="The service that happens here.",
    )
    name = models.CharField(
        max_length=200, help_text="The place as families know it, e.g. 'Hawthorn House'."
    )
    address = models.CharField(
        max_length=300,
        help_text="Building and street, e.g. '12 High Street'. The town and postcode go below.",
    )
    town = models.CharField(max_length=100, help_text="Town or city, e.g. 'Durham'.")
    postcode = models.CharField(
        max_length=8, help_text="A UK postcode, e.g. 'DH1 5ZA'. Used to find the place on a map."
    )
    accessibility = models.CharField(
        max_length=300,
        blank=True,
        help_text="What a family needs to know to get in and around, e.g. 'Step-free "
        "entrance, hoist and Changing Places toilet'.",
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "place where it happens"
        verbose_name_plural = "places where it happens"

    def __str__(self) -> str:
        return f"{self.name}, {self.town}"

    def clean(self) -> None:
        super().clean()
        normalised = postcode_normalised(self.postcode)
        if not normalised:
            raise ValidationError({"postcode": "Enter a UK postcode, like DH1 5ZA."})
        self.postcode = normalised
