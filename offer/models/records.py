"""What is kept about officers' work on the working copy: every change to a record
(its history page) and the review reminders sent."""

from django.conf import settings
from django.db import models
from django.utils import timezone


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


# The reason a family's report closed is written with, then its outcome ('fixed',
# 'no-change'): feedback writes it, an edition's changes read it.
REPORT_CLOSED_REASON = "A family's report, closed: "


class RecordChange(models.Model):
    """One change to a working-copy record: who made it, when, and each field's value
    before and after. Officers see these on the record's History page in the admin."""

    class Action(models.TextChoices):
        ADDED = "added", "Added"
        CHANGED = "changed", "Changed"
        DELETED = "deleted", "Deleted"
        REVIEWED = "reviewed", "Marked reviewed"
        # A family's report that something about it is wrong, and what was done.
        REPORTED = "reported", "Problem reported"
        REPORT_CLOSED = "closed", "Problem report closed"
        # A change its provider's staff proposed, and what an officer decided.
        PROPOSED = "proposed", "Change proposed by its provider"
        PROPOSAL_APPROVED = "approved", "Proposed change approved"
        PROPOSAL_SENT_BACK = "sentback", "Proposed change sent back"
        # Someone was emailed to check it is still correct.
        REMINDED = "reminded", "Asked to check it"

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
    reason = models.CharField(
        max_length=300,
        blank=True,
        help_text="Why, when it was not an officer's edit in the admin: 'Imported from ...', "
        "'Copied from ...', 'Moved up', 'A change made outside the admin'.",
    )

    class Meta:
        ordering = ["-changed_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "-changed_at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}"
