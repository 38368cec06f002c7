"""Fixed lists of the feedback models. Values are stored: never rename one, only its label."""

from django.db import models


class ReportTopic(models.TextChoices):
    """What a family says is wrong with a service."""

    CONTACT = "contact", "The phone number or email is wrong"
    CLOSED = "closed", "It has closed or is not running"
    COST = "cost", "The cost has changed"
    WHO = "who", "The ages or who it is for are wrong"
    OTHER = "other", "Something else"


class ReportOutcome(models.TextChoices):
    """What an officer did about a report."""

    FIXED = "fixed", "Fixed in the working copy"
    NO_CHANGE = "no-change", "No change needed"
