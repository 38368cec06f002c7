"""The short breaks offer: the working copy officers edit, and the editions families read.

Officers change the working-copy models (everything here except Edition) in the admin.
Families only ever see an Edition: an immutable snapshot taken when the statement is
published (see offer/snapshot.py and DESIGN.md section 1).
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from contacts.models import Contact
from providers.models import Provider
from shortbreaks.fields import PermanentIdField
from shortbreaks.records import Reviewed, Revised

from .choices import (
    Assessment,
    Condition,
    DirectPayment,
    LinkedKind,
    SectionKind,
    TierLevel,
)

MIN_AGE = 0
MAX_AGE = 25  # Short breaks cover disabled children and young people up to 25.

_SLUG_HELP = "Lower case letters, numbers and hyphens only."
_PROSE_HELP = "Leave a blank line between paragraphs; start a line with '- ' for a bullet point."


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


def _age_constraints(prefix: str) -> list[models.CheckConstraint]:
    return [
        models.CheckConstraint(
            condition=models.Q(max_age__lte=MAX_AGE) & models.Q(min_age__lte=models.F("max_age")),
            name=f"{prefix}_ages_within_0_25",
            violation_error_message="Ages must be within 0 to 25, youngest first.",
        )
    ]


class Term(models.Model):
    """A word families filter by (a need, a time, an area). Identified by its slug, so
    fixtures and editions refer to terms the same way on every site."""

    name = models.CharField(max_length=100, help_text="As families would say it.")
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text=_SLUG_HELP,
        error_messages={"unique": "Another term of this kind already uses this slug."},
    )
    description = models.CharField(
        max_length=300, blank=True, help_text="Optional plain-English explanation."
    )
    order = models.PositiveIntegerField(default=0, help_text="Lower numbers are listed first.")

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class TermManager(models.Manager):
    def get_by_natural_key(self, slug: str):
        return self.get(slug=slug)


class Need(Term):
    """A kind of need a service is designed for (autism, physical, complex health...)."""

    objects = TermManager()

    class Meta(Term.Meta):
        verbose_name = "need"


class BreakTime(Term):
    """When a break happens: after school, evenings, weekends, school holidays, daytime,
    overnight. The six standard times come with the site (data migration)."""

    objects = TermManager()

    class Meta(Term.Meta):
        verbose_name = "time of break"
        verbose_name_plural = "times of break"


class Area(Term):
    """A part of the council's area where a service runs (a town or locality)."""

    objects = TermManager()

    class Meta(Term.Meta):
        verbose_name = "area"


class Statement(Revised):
    """The statement as a whole: which council publishes it, its title and where the
    council's Local Offer lives. There is only ever one."""

    # The council's own permanent id: the Open Referral feed names the council with it
    # and derives the ids of records that have none of their own (a phone, an area) from
    # it, so ids from different councils' feeds never collide in a national directory.
    uid = PermanentIdField()
    council_name = models.CharField(
        max_length=150, help_text="Shown in the header of every page, e.g. 'Durham County Council'."
    )
    area_name = models.CharField(
        max_length=150,
        blank=True,
        help_text="The place as families say it, e.g. 'County Durham'.",
    )
    title = models.CharField(
        max_length=200,
        default="Short Breaks Service Statement",
        help_text="The statement's title as published.",
    )
    summary = models.TextField(
        blank=True,
        help_text="One or two sentences at the top of the home page. " + _PROSE_HELP,
    )
    local_offer_url = models.URLField(
        blank=True, help_text="The council's SEND Local Offer website, if it has one."
    )
    accessibility_email = models.EmailField(
        blank=True,
        help_text="Where people report a problem with this website or ask for another format.",
    )
    accessibility_reviewed_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the accessibility statement (at /accessibility/) was last reviewed. "
        "Leave blank to show the date the current edition was published.",
    )
    family_views_intro = models.TextField(
        blank=True,
        help_text="Introduces the points under 'What families told us', e.g. 'Families "
        "told us they want:'. " + _PROSE_HELP,
    )
    outside_age_range_help = models.TextField(
        blank=True,
        help_text="Who else can help when the 'What could we get?' checker is asked about "
        "someone over 25, e.g. adult social care's contact details. " + _PROSE_HELP,
    )

    class Meta:
        verbose_name = "statement details"
        verbose_name_plural = "statement details"

    def __str__(self) -> str:
        return f"{self.council_name}: {self.title}"

    @classmethod
    def load(cls) -> "Statement | None":
        return cls.objects.order_by("pk").first()


class StatementSection(models.Model):
    """A part of the statement's own text: the introduction, what short breaks are, how
    services are designed with families, feedback and complaints..."""

    statement = models.ForeignKey(
        Statement,
        on_delete=models.CASCADE,
        related_name="sections",
        help_text="The statement this text belongs to.",
    )
    kind = models.CharField(
        max_length=30,
        choices=SectionKind.choices,
        help_text="Which part of the statement this is; decides where it appears.",
    )
    title = models.CharField(max_length=200, help_text="The heading families see.")
    slug = models.SlugField(
        max_length=100,
        help_text="Used for the link to this part of the whole statement. " + _SLUG_HELP,
    )
    body = models.TextField(help_text="The text. " + _PROSE_HELP)
    order = models.PositiveIntegerField(default=0, help_text="Lower numbers come first.")

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "statement text section"
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "slug"],
                name="section_slug_unique",
                violation_error_message="Another section already uses this slug.",
            )
        ]

    def __str__(self) -> str:
        return self.title


class EligibilityRule(Revised, AgeRange):
    """Who can use a tier or service, in words a family understands."""

    uid = PermanentIdField()
    title = models.CharField(
        max_length=200, help_text="A short name, e.g. 'Any family of a child with SEND, 0 to 25'."
    )
    criteria = models.TextField(help_text="Who can use it, in plain English. " + _PROSE_HELP)
    assessment = models.CharField(
        max_length=20,
        choices=Assessment.choices,
        default=Assessment.NONE,
        help_text="What a family has to go through first.",
    )
    order = models.PositiveIntegerField(default=0, help_text="Lower numbers are shown first.")

    class Meta:
        ordering = ["order", "title"]
        constraints = _age_constraints("eligibility")

    def __str__(self) -> str:
        return self.title


class ReferralRoute(Revised):
    """How a family gets a service: who to contact or what to fill in. Many services
    share one route (for example 'Contact SENDEIC')."""

    uid = PermanentIdField()
    title = models.CharField(
        max_length=200, help_text="What the family does, e.g. 'Contact SENDEIC'."
    )
    steps = models.TextField(
        blank=True, help_text="What happens, step by step, in plain English. " + _PROSE_HELP
    )
    contacts = models.ManyToManyField(
        Contact,
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
    order = models.PositiveIntegerField(default=0, help_text="Lower numbers are shown first.")

    class Meta:
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title


class Tier(Revised):
    """One level of the graduated offer, named and described the council's own way."""

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
        help_text="The last part of the web address: /support/<slug>/. " + _SLUG_HELP,
        error_messages={"unique": "Another tier already uses this web address."},
    )
    summary = models.TextField(help_text="One or two sentences on what this level offers.")
    who_it_is_for = models.TextField(
        blank=True, help_text="Which families and children this level is for. " + _PROSE_HELP
    )
    description = models.TextField(
        blank=True, help_text="More about this level, what it includes. " + _PROSE_HELP
    )
    stepping_up_and_down = models.TextField(
        blank=True,
        help_text="How a family moves to more or less support from here. " + _PROSE_HELP,
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
    order = models.PositiveIntegerField(default=0, help_text="Lower numbers are shown first.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("offer:tier", kwargs={"slug": self.slug})


class Service(Revised, Reviewed, AgeRange):
    """A short break or a kind of support a family can use, with who it is for and how
    to get it."""

    uid = PermanentIdField()
    name = models.CharField(max_length=200, help_text="What families call it.")
    slug = models.SlugField(
        max_length=120,
        unique=True,
        help_text="The last part of the web address: /services/<slug>/. " + _SLUG_HELP,
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
        blank=True, help_text="What it includes, in plain English. " + _PROSE_HELP
    )
    example_activities = models.TextField(
        blank=True,
        help_text="Examples of what children and families do, e.g. 'bowling, swimming, "
        "cinema'. " + _PROSE_HELP,
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
        Provider, blank=True, related_name="services", help_text="Who runs it."
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
        help_text="Who can use it, if this differs from or adds to the tier's rules.",
    )
    referral_routes = models.ManyToManyField(
        ReferralRoute,
        blank=True,
        related_name="services",
        help_text="How to get it. Needed before publishing.",
    )
    contacts = models.ManyToManyField(
        Contact,
        blank=True,
        related_name="services",
        help_text="Other contacts families may need for this service.",
    )
    include_in_statement = models.BooleanField(
        default=True,
        help_text="Untick to leave this service out of the next published edition "
        "(for example while it is being set up).",
    )
    order = models.PositiveIntegerField(
        default=0, help_text="Lower numbers are listed first within the tier."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "name"]
        constraints = _age_constraints("service")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("offer:service", kwargs={"slug": self.slug})


# Outward code (area and district), then inward code (sector and unit), spaces removed.
_POSTCODE = re.compile(r"([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})")


def postcode_normalised(postcode: str) -> str:
    """A UK postcode in capitals with one space before the last three characters
    ('dh15za' -> 'DH1 5ZA'), or '' if it is not shaped like a postcode."""
    match = _POSTCODE.fullmatch(re.sub(r"\s+", "", postcode or "").upper())
    return f"{match[1]} {match[2]}" if match else ""


class Venue(models.Model):
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
    order = models.PositiveIntegerField(default=0, help_text="Lower numbers are listed first.")

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


class EditionQuerySet(models.QuerySet):
    """Bulk updates and deletes would bypass Edition.save/delete, so refuse them too."""

    def update(self, **kwargs):
        raise EditionIsImmutable("Published editions cannot be changed.")

    def delete(self):
        raise EditionIsImmutable("Published editions cannot be deleted.")


class EditionIsImmutable(Exception):
    """Raised on any attempt to change or delete a published edition."""


class Edition(models.Model):
    """One published version of the whole statement, frozen as a JSON snapshot.

    Public pages render only from editions, so what a family saw on a given date can
    always be shown again, and half-finished edits never reach the public.
    """

    uid = PermanentIdField(help_text="A permanent identifier, also used to key caches.")
    version = models.PositiveIntegerField(
        unique=True, editable=False, help_text="1 for the first edition, then 2, 3..."
    )
    label = models.CharField(
        max_length=100, help_text="How the edition is known, e.g. '2025 to 2026'."
    )
    schema_version = models.PositiveSmallIntegerField(
        editable=False, help_text="Which snapshot format the snapshot is written in."
    )
    snapshot = models.JSONField(
        editable=False, help_text="Everything the public pages show, as published."
    )
    published_at = models.DateTimeField(editable=False, help_text="When it was published.")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text="The officer who published it (empty when published from the command line "
        "without --by).",
    )
    reviewed_on = models.DateField(help_text="When the offer was last reviewed with families.")
    next_review_due = models.DateField(help_text="When the statement must next be reviewed.")

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        get_latest_by = "version"
        # 'add' an edition means publish; previewing the working copy is its own right.
        permissions = [("preview_statement", "Can preview the working copy")]

    def __str__(self) -> str:
        return f"Edition {self.version}: {self.label}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise EditionIsImmutable("Published editions cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise EditionIsImmutable("Published editions cannot be deleted.")


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


class WithdrawnService(models.Model):
    """A service a new edition no longer includes, recorded when that edition was
    published, so its address can say it is no longer offered (410) rather than 'not
    found', and point families to similar services."""

    uid = models.UUIDField(unique=True, help_text="The service's permanent id.")
    slug = models.SlugField(max_length=120, help_text="Its address in its last edition.")
    name = models.CharField(max_length=200, help_text="Its name in its last edition.")
    tier_uid = models.UUIDField(
        null=True, blank=True, help_text="The tier it was in, to suggest similar services."
    )
    tier_level = models.CharField(
        max_length=20, blank=True, help_text="That tier's level, if the tier has gone too."
    )
    last_edition = models.ForeignKey(
        Edition,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The last edition that included it.",
    )
    withdrawn_in = models.ForeignKey(
        Edition,
        on_delete=models.PROTECT,
        related_name="withdrawn_services",
        help_text="The first edition without it.",
    )

    class Meta:
        indexes = [models.Index(fields=["slug"])]

    def __str__(self) -> str:
        return self.name


class ReviewReminder(models.Model):
    """A reminder email sent to one officer on one day. Kept so that running
    send_review_reminders twice on the same day sends nobody the same digest twice."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The officer it was sent to.",
    )
    sent_on = models.DateField(help_text="The day it was sent.")
    item_count = models.PositiveIntegerField(help_text="How many due items it listed.")
    sent_at = models.DateTimeField(auto_now_add=True, help_text="When it was sent.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "sent_on"], name="one_reminder_a_day")
        ]

    def __str__(self) -> str:
        return f"Reminder to {self.owner} on {self.sent_on}"


class RecordChange(models.Model):
    """One change to a working-copy record: who made it, when, and each field's value
    before and after. Officers see these on the record's History page in the admin."""

    class Action(models.TextChoices):
        ADDED = "added", "Added"
        CHANGED = "changed", "Changed"
        DELETED = "deleted", "Deleted"
        REVIEWED = "reviewed", "Marked reviewed"

    content_type = models.ForeignKey(
        "contenttypes.ContentType",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="What kind of record changed.",
    )
    object_id = models.CharField(max_length=64, help_text="Which record (its primary key).")
    object_repr = models.CharField(max_length=200, help_text="Its name at the time.")
    action = models.CharField(
        max_length=10, choices=Action.choices, help_text="What happened to it."
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The officer who made the change.",
    )
    changed_at = models.DateTimeField(default=timezone.now, help_text="When.")
    fields = models.JSONField(
        default=list,
        help_text='Each changed field: {"field": label, "old": value, "new": value}.',
    )

    class Meta:
        ordering = ["-changed_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "-changed_at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}"


class Question(models.Model):
    """A question families often ask, answered in plain English (the FAQ page)."""

    question = models.CharField(max_length=300, help_text="As a parent would ask it.")
    answer = models.TextField(help_text="The answer in plain English. " + _PROSE_HELP)
    tier = models.ForeignKey(
        Tier,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        help_text="Optional: the level of support this question is about.",
    )
    service = models.ForeignKey(
        Service,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        help_text="Optional: the service this question is about.",
    )
    order = models.PositiveIntegerField(default=0, help_text="Lower numbers are shown first.")

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "frequently asked question"

    def __str__(self) -> str:
        return self.question


class FamilyStory(models.Model):
    """A family's story of using short breaks, told with their permission, so other
    families can picture what support looks like."""

    title = models.CharField(max_length=200, help_text="e.g. 'Weekends that work for Sam'.")
    who = models.CharField(
        max_length=200,
        help_text="Who the family is, without identifying them, e.g. 'Sam, 9, and his mum'.",
    )
    situation = models.TextField(
        help_text="What life was like and what they needed. " + _PROSE_HELP
    )
    what_they_got = models.TextField(help_text="The support they got. " + _PROSE_HELP)
    outcome = models.TextField(help_text="What difference it made. " + _PROSE_HELP)
    tiers = models.ManyToManyField(
        Tier, blank=True, related_name="stories", help_text="The levels of support they used."
    )
    services = models.ManyToManyField(
        Service, blank=True, related_name="stories", help_text="The services they used."
    )
    order = models.PositiveIntegerField(default=0, help_text="Lower numbers are shown first.")

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "family story"
        verbose_name_plural = "family stories"

    def __str__(self) -> str:
        return self.title


class GlossaryTerm(models.Model):
    """A word or abbreviation families may not know, explained plainly (the glossary)."""

    term = models.CharField(max_length=100, unique=True, help_text="e.g. 'EHCP'.")
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text="Used in the link to this term on the glossary page. " + _SLUG_HELP,
    )
    explanation = models.TextField(
        help_text="What it means, in one or two plain sentences. " + _PROSE_HELP
    )
    stands_for = models.CharField(
        max_length=200,
        blank=True,
        help_text="For an abbreviation, what it stands for, e.g. 'Education, Health and "
        "Care Plan'. Shown when a reader points at the abbreviation.",
    )
    aliases = models.CharField(
        max_length=300,
        blank=True,
        help_text="Other ways of writing it, separated by semicolons, e.g. "
        "'EHC plan; education health and care plan'. Plurals are found without listing them.",
    )

    class Meta:
        ordering = ["term"]
        verbose_name = "glossary term"

    def __str__(self) -> str:
        return self.term

    @property
    def alias_list(self) -> list[str]:
        return [alias.strip() for alias in re.split(r"[;\n]", self.aliases) if alias.strip()]


class StatementFigure(models.Model):
    """A number that shows what families need, e.g. how many children have an EHCP.
    Shown on 'How we know what families need' as a table and a bar chart."""

    statement = models.ForeignKey(
        Statement,
        on_delete=models.CASCADE,
        related_name="figures",
        help_text="The statement this figure belongs to.",
    )
    label = models.CharField(
        max_length=200,
        help_text="What is counted, e.g. 'Children and young people with an EHCP'.",
    )
    value = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0, "Figures cannot be negative.")],
        help_text="The number, or the lower end of a range such as 450 to 500.",
    )
    value_to = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, "Figures cannot be negative.")],
        verbose_name="up to",
        help_text="For a range, the upper end. Leave blank for a single number.",
    )
    approximate = models.BooleanField(
        default=False, help_text="Tick if the number is an estimate ('about 3,760')."
    )
    unit = models.CharField(
        max_length=50,
        help_text="What the number counts, e.g. 'children', 'nights a year' or '%'. "
        "Figures with the same unit share a chart.",
    )
    source = models.CharField(max_length=300, blank=True, help_text="Where the number comes from.")
    source_url = models.URLField(blank=True, help_text="A link to the source, if public.")
    year = models.CharField(
        max_length=20,
        blank=True,
        help_text="The year the number is for, e.g. '2023' or '2021 to 2022'.",
    )
    order = models.PositiveIntegerField(default=0, help_text="Lower numbers are shown first.")

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "figure"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(value_to__isnull=True)
                | models.Q(value_to__gte=models.F("value")),
                name="figure_range_low_to_high",
                violation_error_message="The upper end of a range must be at least the lower end.",
            )
        ]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        super().clean()
        if self.value is not None and self.value_to is not None and self.value_to < self.value:
            raise ValidationError(
                {"value_to": "The upper end of a range must be at least the lower end."}
            )


class FamilyView(models.Model):
    """One thing families told the council about short breaks ('What families told us')."""

    statement = models.ForeignKey(
        Statement,
        on_delete=models.CASCADE,
        related_name="family_views",
        help_text="The statement this point belongs to.",
    )
    point = models.TextField(
        help_text="What families said, in their words where possible, e.g. 'more short "
        "breaks for children with high support needs'."
    )
    order = models.PositiveIntegerField(default=0, help_text="Lower numbers are shown first.")

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "what families told us"
        verbose_name_plural = "what families told us"

    def __str__(self) -> str:
        return self.point[:80]


def _condition_field(verbose_name: str, question: str) -> models.CharField:
    """A checker rule's condition on one of the family's yes/no answers."""
    return models.CharField(
        max_length=10,
        choices=Condition.choices,
        blank=True,
        default=Condition.ANY,
        verbose_name=verbose_name,
        help_text=f"Match only families who said yes, or no, to '{question}'",
    )


class CheckerRule(AgeRange):
    """One rule of the 'What could we get?' checker: when a family's answers match every
    condition set here, the checker suggests starting with this tier and says why.

    Conditions left as 'any' (or empty) match every answer. A family's answers are
    matched against every rule; each tier is suggested once, in rule order.
    """

    title = models.CharField(
        max_length=200,
        help_text="For officers, e.g. 'Already has a social worker'. Families do not see it.",
    )
    tier = models.ForeignKey(
        Tier,
        on_delete=models.PROTECT,
        related_name="checker_rules",
        help_text="The tier to suggest when the answers match.",
    )
    reason = models.TextField(
        help_text="Why this tier, said to the family, e.g. 'Because your child has a social "
        "worker, they can ask for an assessment for specialist short breaks.' " + _PROSE_HELP
    )
    social_worker = _condition_field("has a social worker", "Does your child have a social worker?")
    ehcp = _condition_field(
        "has an EHCP", "Does your child have an Education, Health and Care Plan?"
    )
    tried_community = _condition_field(
        "has tried community activities",
        "Have you tried clubs or activities open to all children?",
    )
    needs = models.ManyToManyField(
        Need,
        blank=True,
        related_name="checker_rules",
        help_text="Match only families who ticked at least one of these needs. Leave empty "
        "for any need.",
    )
    times = models.ManyToManyField(
        BreakTime,
        blank=True,
        related_name="checker_rules",
        help_text="Match only families who want a break at one of these times. Leave empty "
        "for any time.",
    )
    order = models.PositiveIntegerField(
        default=0, help_text="Lower numbers are checked, and their tiers suggested, first."
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "checker rule"
        constraints = _age_constraints("checker_rule")

    def __str__(self) -> str:
        return self.title
