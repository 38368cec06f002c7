"""What readers tell us about a page: was it useful, and anything they want to add."""

from django.db import models

COMMENT_MAX = 1200


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
