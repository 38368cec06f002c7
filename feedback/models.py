"""What readers tell us: was a page useful, and what is wrong with a service."""

from django.conf import settings
from django.db import models

from .choices import ReportOutcome, ReportTopic

COMMENT_MAX = 1200
REPORT_WORDS_MAX = 1200


class PageFeedback(models.Model):
    """One answer to 'Is this page useful?'. Emails and phone numbers in the comment
    are masked before it is saved (see feedback/services.py), so officers never see
    personal contact details here."""

    path = models.CharField(
        max_length=500, db_index=True, help_text="The page the feedback is about, e.g. /find/."
    )
    edition_version = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="The edition of the statement that was current when it was given.",
    )
    useful = models.BooleanField(help_text="Whether the reader found the page useful.")
    comment = models.TextField(
        blank=True,
        max_length=COMMENT_MAX,
        help_text="What the reader added, with emails and phone numbers masked.",
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text="When it was given.")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "page feedback"
        verbose_name_plural = "page feedback"

    def __str__(self) -> str:
        return f"{'Useful' if self.useful else 'Not useful'}: {self.path}"


class SubmissionCount(models.Model):
    """How many answers one client has sent in one window of FEEDBACK_RATE_WINDOW
    seconds: the feedback limit. Kept in the database, not the cache, so flooding or
    losing the cache cannot reset it and every worker and instance counts the same.
    The client is kept only as a keyed hash of its address."""

    client = models.CharField(
        max_length=64, help_text="A keyed hash of the client's address, never the address."
    )
    window_start = models.DateTimeField(help_text="When the window being counted began.")
    count = models.PositiveIntegerField(default=0, help_text="Answers sent in the window.")

    class Meta:
        verbose_name = "feedback submission count"
        constraints = [
            models.UniqueConstraint(fields=["client", "window_start"], name="one_count_a_window")
        ]
        indexes = [models.Index(fields=["window_start"])]

    def __str__(self) -> str:
        return f"{self.count} since {self.window_start:%Y-%m-%d %H:%M}"


class ServiceReport(models.Model):
    """A family's report that something on a service's page is wrong: a phone number, a
    closed club, a cost. It goes to the service's owner (the Publishers when it has
    none) in a daily digest, shows on Start here, and is closed with what was done. No
    personal data is asked for; an email given for a reply is deleted when it closes."""

    service = models.ForeignKey(
        "offer.Service",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        help_text="The service in the working copy (none if it has since been deleted).",
    )
    service_name = models.CharField(
        max_length=200, help_text="The service's name as the family saw it."
    )
    topic = models.CharField(
        max_length=10, choices=ReportTopic.choices, help_text="What they say is wrong."
    )
    words = models.TextField(
        blank=True,
        max_length=REPORT_WORDS_MAX,
        help_text="What they added, with other people's emails and phone numbers masked.",
    )
    reply_email = models.EmailField(
        blank=True,
        help_text="Only if they want a reply; deleted when the report is closed, and never "
        "shown on the site.",
    )
    path = models.CharField(max_length=500, help_text="The page they reported it from.")
    edition_version = models.PositiveIntegerField(
        null=True, blank=True, help_text="The edition they were reading."
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text="When it was sent.")
    notified_at = models.DateTimeField(
        null=True, blank=True, help_text="When its owner was sent it in a digest."
    )
    outcome = models.CharField(
        max_length=10,
        choices=ReportOutcome.choices,
        blank=True,
        help_text="What was done. Choosing one closes the report.",
    )
    outcome_note = models.TextField(
        blank=True, verbose_name="note", help_text="What was changed, or why nothing was."
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The officer who closed it.",
    )
    closed_at = models.DateTimeField(null=True, blank=True, help_text="When it was closed.")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "problem reported with a service"
        verbose_name_plural = "problems reported with services"

    def __str__(self) -> str:
        return f"{self.service_name}: {self.get_topic_display()}"

    @property
    def is_open(self) -> bool:
        return not self.closed_at
