"""The statement's own words: its details and text sections, what families told us and
the figures behind it, questions families ask, families' stories and the glossary."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from core.fields import PermanentIdField
from core.models import PROSE_HELP, SLUG_HELP, Ordered, Revised
from core.wording import date_from_stated

from ..choices import AccessibilityCompliance, SectionPlace, SectionPosition
from .support import Service, Tier


def validate_stated_date(text: str) -> None:
    """A date as exactly as a statement gives it: 2027-03-31, 2027-03 or 2027."""
    try:
        date_from_stated(text)
    except ValueError:
        raise ValidationError(
            "Write the date as the statement gives it: 2027-03-31, 2027-03 or 2027."
        ) from None


_STATED_HELP = " Write it as exactly as the statement gives it: 2027-03-31, 2027-03 or 2027."


class Statement(Revised):
    """The statement as a whole: which council publishes it, its title and where the
    council's Local Offer lives. There is only ever one."""

    # The council's own permanent id: the Open Referral feed names the council with it
    # and derives the ids of records that have none of their own (a phone, an area) from
    # it, so ids from different councils' feeds never collide in a national directory.
    uid = PermanentIdField()
    council_name = models.CharField(
        max_length=150, help_text="Shown in the header of every page, e.g. 'Exampleshire Council'."
    )
    area_name = models.CharField(
        max_length=150,
        blank=True,
        help_text="The place as families say it, e.g. 'Exampleshire'.",
    )
    title = models.CharField(
        max_length=200,
        default="Short Breaks Service Statement",
        help_text="The statement's title as published.",
    )
    home_heading = models.CharField(
        verbose_name="home page heading",
        max_length=150,
        blank=True,
        help_text="The home page's heading, in families' words. Leave blank for 'Short "
        "breaks for disabled children and young people in' and the area's name.",
    )
    summary = models.TextField(
        blank=True,
        help_text="One short paragraph under the home page's heading, before the buttons: "
        "keep it to two sentences, as a parent on a phone reads it first. " + PROSE_HELP,
    )
    first_contact = models.ForeignKey(
        "contacts.Contact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Whom a family unsure where to start should call: the home page says "
        "'Not sure? Call' them, with their number.",
    )
    reviewed_on_stated = models.CharField(
        max_length=10,
        blank=True,
        validators=[validate_stated_date],
        verbose_name="the statement says it was reviewed on",
        help_text="Only if the statement says when the offer was last reviewed: the "
        "publish page then offers it. Leave blank if it does not say: no date is assumed."
        + _STATED_HELP,
    )
    next_review_stated = models.CharField(
        max_length=10,
        blank=True,
        validators=[validate_stated_date],
        verbose_name="the statement says its next review is due",
        help_text="Only if the statement says when it will next be reviewed: the publish "
        "page then offers it." + _STATED_HELP,
    )
    local_offer_url = models.URLField(
        verbose_name="Local Offer website",
        blank=True,
        help_text="The council's SEND Local Offer website, if it has one.",
    )
    accessibility_email = models.EmailField(
        blank=True,
        help_text="Where people report a problem with this website or ask for another format.",
    )
    accessibility_reply_time = models.CharField(
        max_length=100,
        blank=True,
        help_text="How soon the council replies to a request for another format or a report "
        "of a problem, in its words, e.g. 'within 10 working days' (the GOV.UK sample "
        "statement says 'We'll consider your request and get back to you in [number] "
        "days'). Leave blank until the council has decided: nothing is promised.",
    )
    accessibility_compliance = models.CharField(
        max_length=10,
        blank=True,
        choices=AccessibilityCompliance.choices,
        help_text="How far this website meets the WCAG 2.2 AA standard, as the council "
        "declares it. The GOV.UK sample statement's words: 'partially compliant' while "
        "any part fails or has not been checked. Leave blank until the council has decided.",
    )
    accessibility_problems = models.TextField(
        verbose_name="not accessible",
        blank=True,
        help_text="What is not accessible, and why, in the council's words (the regulations "
        "ask for it), e.g. documents linked from the statement that are not accessible. "
        "Leave blank if the council knows of none. " + PROSE_HELP,
    )
    accessibility_prepared_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the council prepared its accessibility statement (at "
        "/accessibility/). Leave blank until it has: no date is shown.",
    )
    accessibility_reviewed_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the council last reviewed its accessibility statement. Leave blank "
        "if it has not: no date is shown.",
    )
    family_views_intro = models.TextField(
        verbose_name="introduces what families told us",
        blank=True,
        help_text="Introduces the points under 'What families told us', e.g. 'Families "
        "told us they want:'. " + PROSE_HELP,
    )
    outside_age_range_help = models.TextField(
        verbose_name="who else can help",
        blank=True,
        help_text="Who else can help when the 'What could we get?' checker is asked about "
        "someone over 25, e.g. adult social care's contact details. " + PROSE_HELP,
    )
    stories_note = models.TextField(
        verbose_name="about the stories",
        blank=True,
        help_text="Optional: said at the top of the families' stories, e.g. 'Names and "
        "details have been changed.' Only if it is true of every story. " + PROSE_HELP,
    )
    reading_age_target = models.PositiveSmallIntegerField(
        default=11,
        validators=[MinValueValidator(5), MaxValueValidator(21)],
        help_text="The reading age the council aims to write at. The preview and the "
        "publish page show each page's reading age against it. Plain English guidance "
        "suggests 9 to 11.",
    )

    class Meta:
        verbose_name = "statement details"
        verbose_name_plural = "statement details"

    def __str__(self) -> str:
        return f"{self.council_name}: {self.title}"

    @classmethod
    def load(cls) -> "Statement | None":
        return cls.objects.order_by("pk").first()


class StatementSection(Ordered):
    """A part of the statement's own text, titled and placed the council's way: the
    introduction, what short breaks are, costs, how services are designed with
    families... Every section is in the whole statement; `place` says where else."""

    statement = models.ForeignKey(
        Statement,
        on_delete=models.CASCADE,
        related_name="sections",
        help_text="The statement this text belongs to.",
    )
    title = models.CharField(max_length=200, help_text="The heading families see.")
    slug = models.SlugField(
        max_length=100,
        help_text="Used in the link to this part: /about/<em>this-slug</em>/ for a page of its "
        "own, and #<em>this-slug</em> in the whole statement. " + SLUG_HELP,
    )
    body = models.TextField(verbose_name="text", help_text="The text. " + PROSE_HELP)
    describes_design = models.BooleanField(
        default=False,
        verbose_name="says how the services are designed with families",
        help_text="Tick for the section that says how the range of short breaks is designed "
        "to meet local families' needs: the law asks every statement to say this.",
    )
    place = models.CharField(
        max_length=10,
        choices=SectionPlace.choices,
        default=SectionPlace.STATEMENT,
        help_text="Where families read it, besides the whole statement.",
    )
    position = models.CharField(
        max_length=10,
        choices=SectionPosition.choices,
        default=SectionPosition.AFTER,
        help_text="Where it sits in the whole statement (a section on a level's page sits "
        "with that level).",
    )
    tier = models.ForeignKey(
        "Tier",
        verbose_name="level of support",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sections",
        help_text="For a section on a level of support's page: which level.",
    )

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

    def clean(self) -> None:
        super().clean()
        if self.place == SectionPlace.TIER and self.tier_id is None:
            raise ValidationError({"tier": "Choose the level of support whose page it is on."})
        if self.place != SectionPlace.TIER:
            self.tier = None


class Question(Ordered):
    """A question families often ask, answered in plain English (the FAQ page)."""

    question = models.CharField(max_length=300, help_text="As a parent would ask it.")
    answer = models.TextField(help_text="The answer in plain English. " + PROSE_HELP)
    tier = models.ForeignKey(
        Tier,
        verbose_name="level of support",
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

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "frequently asked question"

    def __str__(self) -> str:
        return self.question


class FamilyStory(Ordered):
    """A family's story of using short breaks, told with their permission, so other
    families can picture what support looks like."""

    title = models.CharField(max_length=200, help_text="e.g. 'Weekends that work for Sam'.")
    who = models.CharField(
        max_length=200,
        help_text="Who the family is, without identifying them, e.g. 'Sam, 9, and his mum'.",
    )
    situation = models.TextField(help_text="What life was like and what they needed. " + PROSE_HELP)
    what_they_got = models.TextField(help_text="The support they got. " + PROSE_HELP)
    outcome = models.TextField(
        blank=True, help_text="What difference it made, if the story says. " + PROSE_HELP
    )
    tiers = models.ManyToManyField(
        Tier, blank=True, related_name="stories", help_text="The levels of support they used."
    )
    services = models.ManyToManyField(
        Service, blank=True, related_name="stories", help_text="The services they used."
    )

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
        help_text="Used in the link to this term on the glossary page. " + SLUG_HELP,
    )
    explanation = models.TextField(
        help_text="What it means, in one or two plain sentences. " + PROSE_HELP
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
    pinned = models.BooleanField(
        default=False,
        help_text="Keep this term in the glossary even when no page of the statement uses "
        "it. Otherwise the glossary lists only the terms the statement's pages use.",
    )

    class Meta:
        ordering = ["term"]
        verbose_name = "glossary term"

    def __str__(self) -> str:
        return self.term

    @property
    def alias_list(self) -> list[str]:
        return [alias.strip() for alias in re.split(r"[;\n]", self.aliases) if alias.strip()]


class StatementFigure(Ordered):
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


class FamilyView(Ordered):
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

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "what families told us"
        verbose_name_plural = "what families told us"

    def __str__(self) -> str:
        return self.point[:80]
