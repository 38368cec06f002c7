"""A file uploaded for import, kept between the dry run an officer reads and the import
they confirm (any instance may answer the confirmation)."""

from django.conf import settings
from django.db import models


class ImportUpload(models.Model):
    """One uploaded file: the offer spreadsheet, or an Open Referral UK feed."""

    class Source(models.TextChoices):
        SPREADSHEET = "spreadsheet", "Offer spreadsheet"
        OPENREFERRAL = "openreferral", "Open Referral UK feed"

    source = models.CharField(max_length=20, choices=Source.choices, help_text="What it is.")
    filename = models.CharField(max_length=255, help_text="Its name as uploaded (or its address).")
    kind = models.CharField(
        max_length=50, blank=True, help_text="For a CSV file: which sheet of the offer it is."
    )
    content = models.BinaryField(help_text="The file itself.")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Only they may confirm the import.",
    )
    uploaded_at = models.DateTimeField(auto_now_add=True, help_text="When it was uploaded.")

    class Meta:
        verbose_name = "uploaded file"

    def __str__(self) -> str:
        return self.filename
