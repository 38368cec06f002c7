"""Fixed lists used by the offer models.

Values are stored in the database and in published editions, so never rename a value;
change only its label.
"""

from django.db import models


class TierLevel(models.TextChoices):
    """The three levels the law and guidance use; each council names them its own way."""

    UNIVERSAL = "universal", "Universal: open to every family"
    TARGETED = "targeted", "Targeted: no social care assessment needed"
    SPECIALIST = "specialist", "Specialist: after a social care assessment"


class Assessment(models.TextChoices):
    """What a family has to go through before they can use a service."""

    NONE = "none", "No assessment needed"
    SELF = "self", "A self-assessment the family fills in"
    PROVIDER = "provider", "The provider's own criteria"
    SOCIAL_CARE = "social_care", "A social care assessment"


class DirectPayment(models.TextChoices):
    YES = "yes", "Yes, a direct payment can be used"
    NO = "no", "No"
    UNKNOWN = "", "Not stated"


class SectionKind(models.TextChoices):
    """The parts of the statement's own text, in the order the statement reads."""

    INTRODUCTION = "introduction", "Introduction"
    WHAT_SHORT_BREAKS_ARE = "what_short_breaks_are", "What short breaks are"
    HOW_TO_GET = "how_to_get", "How to get a short break"
    DESIGN = "design", "How services are designed with families"
    FEEDBACK = "feedback", "Feedback and complaints"
    OTHER = "other", "Other information"


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
