"""Providers' staff and the changes they propose to their organisation's services.

A provider's staff member is a user with a `ProviderMember` row: never staff, so the
officers' admin is closed to them, and they see only their own organisation's services
(proposals/views.py). What they save is a `ProposedChange`, never an edit of the
working copy: an officer approves it into the working copy or sends it back.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone

from .choices import ProposalState


class ProviderMember(models.Model):
    """One person who may propose changes to one provider's services."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="provider_member",
        help_text="Their sign-in. Never an officer: a provider's staff have no admin access.",
    )
    provider = models.ForeignKey(
        "providers.Provider",
        on_delete=models.CASCADE,
        related_name="members",
        help_text="The organisation whose services they may propose changes to.",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The officer who invited them.",
    )
    joined_at = models.DateTimeField(default=timezone.now, help_text="When they joined.")

    class Meta:
        verbose_name = "provider's staff member"
        verbose_name_plural = "providers' staff"
        ordering = ["provider__name", "user__first_name", "user__email"]

    def __str__(self) -> str:
        return f"{self.name} ({self.provider})"

    @property
    def name(self) -> str:
        return self.user.get_full_name() or self.user.email


def token_hash(token: str) -> str:
    """What is kept of an invitation's token: its SHA-256, so the database alone never
    lets anyone in."""
    return hashlib.sha256(token.encode()).hexdigest()


class ProviderInvitation(models.Model):
    """An email inviting one person to propose changes to a provider's services. Its
    link works once, until `expires_at`."""

    provider = models.ForeignKey(
        "providers.Provider",
        on_delete=models.CASCADE,
        related_name="invitations",
        help_text="The organisation they will propose changes for.",
    )
    email = models.EmailField(help_text="Where the invitation goes; it is their sign-in too.")
    name = models.CharField(
        max_length=150, blank=True, help_text="Optional: their name, to greet them by."
    )
    token_hash = models.CharField(
        max_length=64, unique=True, editable=False, help_text="SHA-256 of the link's secret."
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        help_text="The officer who sent it.",
    )
    sent_at = models.DateTimeField(default=timezone.now, help_text="When it was sent.")
    expires_at = models.DateTimeField(help_text="After this the link no longer works.")
    accepted_at = models.DateTimeField(
        null=True, blank=True, help_text="When the link was used (it works only once)."
    )

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"{self.email} for {self.provider}"

    @property
    def state(self) -> str:
        if self.accepted_at is not None:
            return "Accepted"
        if self.expires_at <= timezone.now():
            return "Expired"
        return "Waiting"


class ProposedChange(models.Model):
    """Changes a provider's staff member proposes to one of their services: each field's
    value when proposed and the value they want. Officers compare them with the working
    copy field by field, then approve (the working copy takes them, with its history) or
    send them back with a reason the provider sees."""

    service = models.ForeignKey(
        "offer.Service",
        on_delete=models.CASCADE,
        related_name="proposed_changes",
        help_text="The service the change is for.",
    )
    provider = models.ForeignKey(
        "providers.Provider",
        on_delete=models.CASCADE,
        related_name="proposed_changes",
        help_text="The organisation that proposed it.",
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        help_text="Who at the provider proposed it.",
    )
    proposed_at = models.DateTimeField(
        default=timezone.now, help_text="When it was proposed (or last changed)."
    )
    changes = models.JSONField(
        default=list,
        help_text='Each field: {"name", "label", "old", "new", "old_shown", "new_shown"}; '
        "old and new as stored, the shown ones as people read them.",
    )
    note = models.TextField(
        blank=True, help_text="Anything the provider wanted to tell the officers."
    )
    state = models.CharField(
        max_length=10,
        choices=ProposalState.choices,
        default=ProposalState.OPEN,
        help_text="Waiting, approved or sent back.",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The officer who approved it or sent it back.",
    )
    decided_at = models.DateTimeField(null=True, blank=True, help_text="When.")
    reason = models.TextField(blank=True, help_text="Why it was sent back: the provider sees this.")

    class Meta:
        verbose_name = "proposed change"
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            # One open proposal per service and provider: a new save changes it.
            models.UniqueConstraint(
                fields=["service", "provider"],
                condition=models.Q(state="open"),
                name="one_open_proposal_per_service",
            )
        ]

    def __str__(self) -> str:
        return f"Change to {self.service} from {self.provider}"

    @property
    def is_open(self) -> bool:
        return self.state == ProposalState.OPEN


class ProviderReminder(models.Model):
    """A 'please check your entry' email sent to a provider's staff member: one a day at
    most, so Due for review can say who was asked and when."""

    member = models.ForeignKey(
        ProviderMember,
        on_delete=models.CASCADE,
        related_name="reminders",
        help_text="Who was asked.",
    )
    sent_on = models.DateField(help_text="The day it was sent.")
    item_count = models.PositiveIntegerField(help_text="How many services it asked about.")

    class Meta:
        ordering = ["-sent_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "sent_on"], name="one_provider_reminder_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"Reminder to {self.member} on {self.sent_on}"
