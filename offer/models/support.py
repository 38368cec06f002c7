"""What support there is and how to get it: tiers, services, the places they happen,
eligibility rules and referral routes."""

import re
from decimal import Decimal
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from core.fields import PermanentIdField, open_referral_source_id
from core.models import PROSE_HELP, SLUG_HELP, Ordered, Reviewed, Revised

from ..choices import (
    OFFERED,
    Attendance,
    CostKind,
    CostPeriod,
    DirectPayment,
    LinkedKind,
    ServiceStatus,
    TierLevel,
    WhoseWayIn,
)
from .terms import Area, BreakTime, Need

MIN_AGE = 0
MAX_AGE = 25  # Short breaks cover disabled children and young people up to 25.


def _age_field(verbose_name: str, help_text: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        verbose_name=verbose_name,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(MIN_AGE, f"Ages start at {MIN_AGE}."),
            MaxValueValidator(MAX_AGE, f"Ages go up to {MAX_AGE}."),
        ],
        help_text=help_text,
    )


class AgeRange(models.Model):
    """Youngest and oldest ages (in years) within 0 to 25, youngest first. Either may be
    left blank when the statement does not say: nothing is printed for it, and the
    finder asks rather than guesses."""

    min_age = _age_field(
        "youngest age", "Youngest age in years (0 to 25). Blank if the statement does not say."
    )
    max_age = _age_field(
        "oldest age", "Oldest age in years (0 to 25). Blank if the statement does not say."
    )

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
            condition=(models.Q(max_age__isnull=True) | models.Q(max_age__lte=MAX_AGE))
            & (
                models.Q(min_age__isnull=True)
                | models.Q(max_age__isnull=True)
                | models.Q(min_age__lte=models.F("max_age"))
            ),
            name=f"{prefix}_ages_within_0_25_if_stated",
            violation_error_message="Ages must be within 0 to 25, youngest first.",
        )
    ]


class AssessmentManager(models.Manager):
    def get_by_natural_key(self, name: str):
        return self.get(name=name)


class Assessment(Ordered):
    """Something a family may have to go through before they can use a service: an
    officer-edited list, since every council names its own (a social care assessment,
    a Family Help assessment, a panel, a self-assessment at level 1...)."""

    objects = AssessmentManager()

    name = models.CharField(
        max_length=200,
        unique=True,
        help_text="As families would say it, e.g. 'A social care assessment'.",
        error_messages={"unique": "There is already an assessment with this name."},
    )
    description = models.TextField(
        blank=True, help_text="What it involves, in plain English. " + PROSE_HELP
    )
    none_needed = models.BooleanField(
        default=False,
        verbose_name="means no assessment is needed",
        help_text="Tick for the entry that says a family needs no assessment at all: "
        "services whose rules all say so are 'no assessment needed' in the finder.",
    )
    family_can_start = models.BooleanField(
        default=False,
        verbose_name="the family can start it themselves",
        help_text="Tick if a family can start it without being referred, e.g. a "
        "self-assessment form.",
    )

    class Meta(Ordered.Meta):
        verbose_name = "assessment"

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.name,)


class EligibilityRule(Revised, AgeRange, Ordered):
    """Who can use a tier or service, in words a family understands."""

    uid = PermanentIdField()
    title = models.CharField(
        max_length=200, help_text="A short name, e.g. 'Families of a disabled child'."
    )
    criteria = models.TextField(
        verbose_name="who can get it", help_text="Who can use it, in plain English. " + PROSE_HELP
    )
    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rules",
        help_text="What a family has to go through first. Blank if the statement does not say.",
    )

    class Meta:
        ordering = ["order", "title"]
        constraints = age_constraints("eligibility")

    def __str__(self) -> str:
        return self.title


class ReferralRoute(Revised, Ordered):
    """How a family gets a service: whom to contact, what to fill in or whom to ask
    ("Speak to your social worker"). Many services share one route."""

    uid = PermanentIdField()
    title = models.CharField(
        max_length=200,
        help_text="What the family does, e.g. 'Contact the Family Information Service' or "
        "'Ask at your child's school'.",
    )
    steps = models.TextField(
        verbose_name="what happens",
        blank=True,
        help_text="What happens, step by step, in plain English. " + PROSE_HELP,
    )
    contacts = models.ManyToManyField(
        "contacts.Contact",
        blank=True,
        related_name="referral_routes",
        help_text="Who the family gets in touch with, if the statement names someone.",
    )
    link = models.URLField(
        blank=True, help_text="A web page or online form for this route, if there is one."
    )
    social_worker = models.CharField(
        max_length=3,
        choices=WhoseWayIn.choices,
        default=WhoseWayIn.EVERY_FAMILY,
        blank=True,
        verbose_name="for",
        help_text="Whether it is the way in only for families whose child has (or has no) "
        "social worker: the checker then shows it only to them.",
    )
    link_text = models.CharField(
        verbose_name="link words",
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
        help_text="Which of the three graduated levels this is closest to, whatever the "
        "council calls it. Families never see this: it sorts the finder's 'level' filter, "
        "the checker and directories' categories. A council may have one, two or three.",
    )
    name = models.CharField(
        max_length=200,
        help_text="The council's own name, e.g. 'Help in your community'.",
    )
    caption = models.CharField(
        max_length=200,
        blank=True,
        help_text="Optional: a short line the council uses above the name, e.g. 'Level A' "
        "or 'For families with a social worker'. Leave blank for none.",
    )
    slug = models.SlugField(
        max_length=120,
        unique=True,
        help_text="The last part of the web address, e.g. 'help-in-your-community' gives "
        "/support/help-in-your-community/. " + SLUG_HELP,
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
        verbose_name="moving to more or less support",
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


class ServiceQuerySet(models.QuerySet):
    def in_statement(self) -> "ServiceQuerySet":
        """Services the next edition will hold (officers may keep some out)."""
        return self.filter(include_in_statement=True)

    def offered(self) -> "ServiceQuerySet":
        """Services families can have now (not planned or paused)."""
        return self.filter(status__in=OFFERED)


class Service(HasPublicPage, Revised, Reviewed, AgeRange, Ordered):
    """A short break or a kind of support a family can use, with who it is for and how
    to get it."""

    page = LinkedKind.SERVICE

    uid = PermanentIdField()
    source_id = open_referral_source_id()
    name = models.CharField(max_length=200, help_text="What families call it.")
    slug = models.SlugField(
        max_length=120,
        unique=True,
        help_text="The last part of the web address, e.g. 'saturday-club' gives "
        "/services/saturday-club/. " + SLUG_HELP,
        error_messages={"unique": "Another service already uses this web address."},
    )
    status = models.CharField(
        max_length=10,
        choices=ServiceStatus.choices,
        default=ServiceStatus.AVAILABLE,
        help_text="Only available services (and pilots) are offered to families by the "
        "finder, the checker and directories. Planned and paused ones are listed under "
        "their own heading, with no way to apply.",
    )
    expected_from = models.CharField(
        max_length=100,
        blank=True,
        help_text="For a planned service: when the council expects it, in its words, e.g. "
        "'September 2027' or 'from 2027'. Blank if the statement does not say.",
    )
    pilot_until = models.DateField(
        null=True,
        blank=True,
        help_text="For a pilot: the day it is due to end, if the statement says.",
    )
    status_note = models.TextField(
        verbose_name="about its status",
        blank=True,
        help_text="Optional: more about its status, e.g. why it is paused. " + PROSE_HELP,
    )
    tier = models.ForeignKey(
        Tier,
        verbose_name="level of support",
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
        "'Support from Exampleshire Carers Centre'.",
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
        help_text="When the breaks happen, if the statement says.",
    )
    any_time = models.BooleanField(
        default=False,
        verbose_name="arranged to suit the family",
        help_text="Tick only if the statement says the times are arranged with each family "
        "(leave the times empty then). With neither, when it happens is not stated.",
    )
    in_family_home = models.BooleanField(
        default=False,
        verbose_name="in the family's home",
        help_text="Tick if the statement says it happens in the child's own home (care or "
        "support at home).",
    )
    away_from_home = models.BooleanField(
        default=False,
        verbose_name="away from home",
        help_text="Tick if the statement says it happens away from home (a club, a centre, "
        "another family's home, a residential setting). With neither, not stated.",
    )
    leisure_activity = models.BooleanField(
        default=False,
        verbose_name="an educational or leisure activity",
        help_text="Tick if it is an activity for the child (a club, a sport, a course), as "
        "opposed to care or money: the law asks councils to offer these outside the home.",
    )
    online = models.BooleanField(
        default=False,
        help_text="Tick if the statement says it happens online (on a video call or a website).",
    )
    by_phone = models.BooleanField(
        default=False,
        verbose_name="by phone",
        help_text="Tick if the statement says it happens over the phone.",
    )
    when_note = models.CharField(
        max_length=500,
        blank=True,
        verbose_name="days and times",
        help_text="When it runs, in the statement's words, e.g. 'Saturdays, 10am to 2pm, in "
        "term time'. Blank if the statement does not say.",
    )
    attendance = models.CharField(
        max_length=12,
        choices=Attendance.choices,
        default=Attendance.NOT_STATED,
        blank=True,
        verbose_name="getting a place",
        help_text="Whether families drop in, book, are referred or join first, if the "
        "statement says.",
    )
    areas = models.ManyToManyField(
        Area,
        blank=True,
        related_name="services",
        help_text="Where it runs, if the statement names places.",
    )
    whole_area = models.BooleanField(
        default=False,
        verbose_name="across the whole council area",
        help_text="Tick only if the statement says it covers the whole area (leave the "
        "areas empty then). With neither, where it runs is not stated.",
    )
    cost_kind = models.CharField(
        max_length=12,
        choices=CostKind.choices,
        default=CostKind.NOT_STATED,
        blank=True,
        verbose_name="what it costs",
        help_text="Free, depends on the family's assessment, a contribution, or an amount. "
        "Leave as not stated if the statement does not say: families are then told to ask. "
        "Only 'Free' is found by the finder's 'free' filter.",
    )
    cost_amount = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        verbose_name="amount (£)",
        help_text="For an amount or a contribution, if the statement gives one, e.g. 5 or 7.50.",
    )
    cost_period = models.CharField(
        max_length=8,
        choices=CostPeriod.choices,
        default=CostPeriod.NOT_STATED,
        blank=True,
        verbose_name="amount per",
        help_text="What the amount pays for: a session, an hour, a night... Needed with an amount.",
    )
    cost = models.CharField(
        max_length=300,
        blank=True,
        verbose_name="cost in words",
        help_text="Anything more the statement says about the cost, e.g. 'Trips cost extra' "
        "or 'Up to 3 siblings free'. Shown after what it costs.",
    )
    direct_payment = models.CharField(
        max_length=3,
        choices=DirectPayment.choices,
        default=DirectPayment.UNKNOWN,
        blank=True,
        verbose_name="can use a direct payment",
        help_text="Whether a family can pay for this with a direct payment.",
    )
    website = models.URLField(
        max_length=500,
        blank=True,
        help_text="The service's own web page, if it has one (starting https://). A service "
        "with no other way in can use it as its referral route.",
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
    own_rules_only = models.BooleanField(
        default=False,
        verbose_name="its own rules only",
        help_text="Tick when the statement says who can get this service differently from "
        "its level (a pilot reached through another team, say): only the rules chosen "
        "above apply to it, and none if none is chosen.",
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
        verbose_name="in the statement",
        default=True,
        help_text="Untick to leave this service out of the next published edition "
        "(for example while it is being set up).",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        constraints = age_constraints("service")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        errors = {}
        with_amount = (CostKind.AMOUNT, CostKind.CONTRIBUTION)
        if self.cost_kind == CostKind.AMOUNT and self.cost_amount is None:
            errors["cost_amount"] = "Give the amount, or choose another answer to what it costs."
        elif self.cost_amount is not None and self.cost_kind not in with_amount:
            errors["cost_amount"] = (
                "An amount goes with 'An amount' or 'A contribution': choose one of them, or "
                "clear the amount."
            )
        if self.cost_amount is not None and not self.cost_period:
            errors["cost_period"] = "Say what the amount pays for, such as a session or a night."
        elif self.cost_period and self.cost_amount is None:
            errors["cost_period"] = "Give the amount this is for, or clear it."
        if errors:
            raise ValidationError(errors)


# Outward code (area and district), then inward code (sector and unit), spaces removed.
_POSTCODE = re.compile(r"([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})")


def postcode_normalised(postcode: str) -> str:
    """A UK postcode in capitals with one space before the last three characters
    ('zz999zz' -> 'ZZ99 9ZZ'), or '' if it is not shaped like a postcode."""
    match = _POSTCODE.fullmatch(re.sub(r"\s+", "", postcode or "").upper())
    return f"{match[1]} {match[2]}" if match else ""


class Venue(Ordered):
    """A place where a service happens (a short break house, a youth club, a leisure
    centre), so families know where to go and directories can show it on a map.
    A service that happens at home or in many places has none."""

    uid = PermanentIdField()
    source_id = open_referral_source_id()
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
    town = models.CharField(max_length=100, help_text="Town or city, e.g. 'Exampletown'.")
    postcode = models.CharField(
        max_length=8, help_text="A UK postcode, e.g. 'ZZ99 9ZZ'. Used to find the place on a map."
    )
    accessibility = models.CharField(
        max_length=300,
        blank=True,
        help_text="What else a family needs to know to get in and around, in words, e.g. "
        "'Lift to every floor; quiet room on request'.",
    )
    step_free = models.BooleanField(
        default=False,
        verbose_name="step-free access",
        help_text="Tick if the place says a wheelchair user can get in and around without steps.",
    )
    changing_places = models.BooleanField(
        default=False,
        verbose_name="Changing Places toilet",
        help_text="Tick if it has a Changing Places toilet (with a hoist and an adult-sized "
        "changing bench).",
    )
    hoist = models.BooleanField(
        default=False, help_text="Tick if it has a hoist for moving a child or young person."
    )
    hearing_loop = models.BooleanField(
        default=False, help_text="Tick if it has a hearing loop for hearing aid users."
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
            raise ValidationError({"postcode": "Enter a UK postcode, like ZZ99 9ZZ."})
        self.postcode = normalised
