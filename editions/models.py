"""What the editions app keeps beside each edition."""

from django.db import models


class EditionReading(models.Model):
    """The reading counts of every text the newest edition shows, worked out once when it
    is published, so that measuring a large offer's reading ages counts only the texts
    changed since (editions/reading.py). Only the newest edition's are kept: older ones
    are never measured again."""

    edition = models.OneToOneField(
        "offer.Edition",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
        help_text="The edition whose texts were counted.",
    )
    method = models.PositiveSmallIntegerField(
        help_text="Which way of counting made these (core.reading.COUNTING_METHOD): "
        "counts made another way are not used."
    )
    counts = models.BinaryField(
        help_text="Each text's key with its words, sentences, syllables and long "
        "sentences, as JSON compressed with zlib."
    )

    class Meta:
        verbose_name = "reading counts of an edition"
        verbose_name_plural = "reading counts of editions"

    def __str__(self) -> str:
        return f"Reading counts of edition {self.edition_id}"
