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
