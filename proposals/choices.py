"""Choices for providers' accounts and the changes they propose."""

from django.db import models


class ProposalState(models.TextChoices):
    OPEN = "open", "Waiting for an officer"
    APPROVED = "approved", "Approved"
    SENT_BACK = "sent_back", "Sent back"
