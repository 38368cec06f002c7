"""Fixed lists used by the offer models.

Values are stored in the database and in published editions, so never rename a value;
change only its label.
"""

from django.db import models


class TierLevel(models.TextChoices):
    """The three graduated levels the finder, the checker and directories sort tiers
    by. Officers choose one; families never see these words, only the council's own."""

    UNIVERSAL = "universal", "Universal"
    TARGETED = "targeted", "Targeted"
    SPECIALIST = "specialist", "Specialist"


class ServiceStatus(models.TextChoices):
    """Whether families can have a service now."""

    AVAILABLE = "available", "Available"
    PLANNED = "planned", "Planned: being developed"
    PILOT = "pilot", "Pilot: available for now"
    PAUSED = "paused", "Paused"


# Services families can have now: the finder, the checker, the feed's active services,
# and the ones that need a way in before publishing.
OFFERED = frozenset({ServiceStatus.AVAILABLE, ServiceStatus.PILOT})


class WhoseWayIn(models.TextChoices):
    """Which families a way in is for, by whether their child has a social worker."""

    EVERY_FAMILY = "", "Every family"
    WITH_SOCIAL_WORKER = "yes", "Families whose child has a social worker"
    WITHOUT_SOCIAL_WORKER = "no", "Families whose child has no social worker"


class DatePrecision(models.TextChoices):
    """How exactly a statement gives a date: 'next review 2027' names no day, so none
    is printed."""

    DAY = "day", "The day"
    MONTH = "month", "The month"
    YEAR = "year", "The year only"


class Attendance(models.TextChoices):
    """How a family gets a place, where the statement (or a directory) says."""

    NOT_STATED = "", "Not stated"
    DROP_IN = "drop_in", "Drop in: no need to book"
    APPOINTMENT = "appointment", "By appointment"
    REFERRAL = "referral", "By referral only"
    MEMBERSHIP = "membership", "Members only: join first"


class PlaceFeature(models.TextChoices):
    """What makes a place usable for a disabled child, as families ask for it. Each value
    is the name of a yes/no field of a place (offer.models.Venue)."""

    STEP_FREE = "step_free", "Step-free access"
    CHANGING_PLACES = "changing_places", "Changing Places toilet"
    HOIST = "hoist", "Hoist"
    HEARING_LOOP = "hearing_loop", "Hearing loop"

    @classmethod
    def labels_of(cls, place) -> list[str]:
        """What a place (a published venue, or a working-copy one) says it has, in this
        order; none if it says nothing."""
        return [label for value, label in cls.choices if getattr(place, value)]


class DirectPayment(models.TextChoices):
    YES = "yes", "Yes, a direct payment can be used"
    NO = "no", "No"
    UNKNOWN = "", "Not stated"


class CostKind(models.TextChoices):
    """What a family pays for a service, as the statement says it."""

    NOT_STATED = "", "Not stated"
    FREE = "free", "Free"
    ASSESSED = "assessed", "Depends on your assessment"
    CONTRIBUTION = "contribution", "A contribution"
    AMOUNT = "amount", "An amount"


class CostPeriod(models.TextChoices):
    """What an amount pays for. Labels read after the amount: '£5 a session'."""

    NOT_STATED = "", "Not stated"
    SESSION = "session", "a session"
    HOUR = "hour", "an hour"
    DAY = "day", "a day"
    NIGHT = "night", "a night"
    WEEK = "week", "a week"
    MONTH = "month", "a month"
    YEAR = "year", "a year"
    ONCE = "once", "once"


class SectionPlace(models.TextChoices):
    """Where a part of the statement's own text is read, besides the whole statement."""

    HOME = "home", "On the home page"
    STATEMENT = "statement", "In the whole statement only"
    OWN_PAGE = "page", "On a page of its own (/about/...)"
    NEEDS = "needs", "On 'How we know what families need'"
    TIER = "tier", "On a level of support's page"


class SectionPosition(models.TextChoices):
    """Where a part of the text sits in the whole statement."""

    BEFORE = "before", "Before the levels of support"
    AFTER = "after", "After the levels of support"


# Titles statements often use for their own text, offered as suggestions only: each
# council names and orders its sections its own way.
SUGGESTED_SECTION_TITLES = [
    "Introduction",
    "What short breaks are",
    "How to get a short break",
    "How services are designed with families",
    "Costs and paying for short breaks",
    "Quality and commissioning",
    "Information sharing and consent",
    "Feedback and complaints",
]


class LinkedKind(models.TextChoices):
    """Records with their own public page, whose old addresses must keep working."""

    TIER = "tier", "Level of support"
    SERVICE = "service", "Service"
    PROVIDER = "provider", "Provider"


class Answer(models.TextChoices):
    """A family's answer to a yes/no question in the checker."""

    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_SURE = "not_sure", "I'm not sure"


class Condition(models.TextChoices):
    """What a checker rule needs a family to have answered to a yes/no question."""

    ANY = "", "Any answer"
    YES = "yes", "Yes"
    NO = "no", "No"


class AccessibilityCompliance(models.TextChoices):
    """How far the website meets WCAG 2.2 AA, as the council declares it in its
    accessibility statement (the 2018 regulations ask for one of these)."""

    FULLY = "fully", "Fully compliant"
    PARTIALLY = "partially", "Partially compliant"
    NOT = "not", "Not compliant"
