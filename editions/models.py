"""Published editions and what is kept beside each: its snapshot (in a table of its
own), its PDF, the services it dropped (so their addresses answer 410), and the reading
counts of its texts. An edition is never changed or deleted.

The tables keep the names they were first made with, in offer/ (db_table): moving the
models here changed no table.
"""

import calendar
import json
import zlib
from typing import Any

import msgspec
from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from core.fields import PermanentIdField
from core.wording import date_as_stated, date_as_stated_with_preposition
from offer.choices import DatePrecision

from .snapshot import Snapshot, snapshot_data, snapshot_decoded


class EditionQuerySet(models.QuerySet):
    """Bulk updates and deletes would bypass Edition.save/delete, so refuse them too."""

    def newest_first(self) -> "EditionQuerySet":
        """Editions (whose large snapshots live apart), the latest published first."""
        return self.order_by("-version")

    def current(self) -> "Edition | None":
        """The latest published edition, without its snapshot."""
        return self.newest_first().first()

    def update(self, **kwargs):
        raise EditionIsImmutable("Published editions cannot be changed.")

    def delete(self):
        raise EditionIsImmutable("Published editions cannot be deleted.")


class EditionIsImmutable(Exception):
    """Raised on any attempt to change or delete a published edition."""


def _date_precision(help_text: str) -> models.CharField:
    """How exactly a date beside it was given: the day, the month or the year."""
    return models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY, help_text=help_text
    )


class Edition(models.Model):
    """One published version of the whole statement, frozen as a JSON snapshot.

    Public pages render only from editions, so what a family saw on a given date can
    always be shown again, and half-finished edits never reach the public.
    """

    uid = PermanentIdField(help_text="A permanent identifier, also used to key caches.")
    version = models.PositiveIntegerField(
        unique=True, editable=False, help_text="1 for the first edition, then 2, 3..."
    )
    label = models.CharField(
        max_length=100, help_text="How the edition is known, e.g. '2025 to 2026'."
    )
    schema_version = models.PositiveSmallIntegerField(
        editable=False, help_text="Which snapshot format the snapshot is written in."
    )
    published_at = models.DateTimeField(editable=False, help_text="When it was published.")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text="The officer who published it (empty when published from the command line "
        "without --by).",
    )
    reviewed_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the statement says the offer was last reviewed; empty when it does "
        "not say, and then no page gives a date.",
    )
    reviewed_on_shown_as = _date_precision(
        "How exactly the statement gives it: a month or year is stored as its first day "
        "and printed without the day."
    )
    next_review_due = models.DateField(
        null=True,
        blank=True,
        help_text="When the statement says it will next be reviewed; empty when it does not "
        "say, and then no page gives a date and no reminder is sent.",
    )
    next_review_due_shown_as = _date_precision(
        "How exactly the statement gives it (reminders count from the first day of that "
        "month or year)."
    )

    objects = EditionQuerySet.as_manager()

    class Meta:
        db_table = "offer_edition"  # where editions were first kept
        ordering = ["-version"]
        get_latest_by = "version"
        # 'add' an edition means publish; previewing the working copy is its own right.
        permissions = [
            ("preview_statement", "Can preview the working copy"),
            ("publish_edition", "Can publish the working copy as a new edition"),
        ]

    def __str__(self) -> str:
        return f"Edition {self.version}: {self.label}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise EditionIsImmutable("Published editions cannot be changed.")
        snapshot = self.__dict__.pop("_new_snapshot", None)
        if snapshot is None:
            raise ValueError("A new edition needs its snapshot.")
        with transaction.atomic():
            super().save(*args, **kwargs)
            EditionSnapshot.objects.create(edition=self, data=snapshot_packed(snapshot))

    def delete(self, *args, **kwargs):
        raise EditionIsImmutable("Published editions cannot be deleted.")

    @property
    def snapshot(self) -> dict[str, Any]:
        """Everything the public pages show, as published and as stored (in the format
        of its `schema_version`): read from its own table each time it is asked for (one
        query), so an edition in a memo stays small."""
        if "_new_snapshot" in self.__dict__:
            return _as_data(self.__dict__["_new_snapshot"])
        return json.loads(self._stored_json())

    def snapshot_read(self) -> Snapshot:
        """Its snapshot as records, of today's format (one query): decoded in one pass
        when it was published in today's format."""
        if "_new_snapshot" in self.__dict__:
            return snapshot_decoded(_as_data(self.__dict__["_new_snapshot"]))
        return snapshot_decoded(self._stored_json(), version=self.schema_version)

    def snapshot_read_with_glossary(self) -> tuple[Snapshot, list[str] | None]:
        """Its snapshot as records, and the glossary terms its texts use as kept when
        it was published (None: not kept), in one query."""
        data, used = (
            EditionSnapshot.objects.filter(edition_id=self.pk)
            .values_list("data", "glossary_used")
            .get()
        )
        stored = zlib.decompress(bytes(data))
        return snapshot_decoded(stored, version=self.schema_version), used

    def _stored_json(self) -> bytes:
        data = EditionSnapshot.objects.filter(edition_id=self.pk).values_list("data", flat=True)
        return zlib.decompress(bytes(data.get()))

    @snapshot.setter
    def snapshot(self, value: Snapshot | dict[str, Any]) -> None:
        if not self._state.adding:
            raise EditionIsImmutable("Published editions cannot be changed.")
        self.__dict__["_new_snapshot"] = value

    @property
    def reviewed_on_text(self) -> str:
        """When the offer was reviewed, as exactly as the statement says: '2024'; empty
        when it does not say."""
        if self.reviewed_on is None:
            return ""
        return date_as_stated(self.reviewed_on, self.reviewed_on_shown_as)

    @property
    def next_review_due_text(self) -> str:
        """When the next review is due, as exactly as the statement says; empty when it
        does not say."""
        if self.next_review_due is None:
            return ""
        return date_as_stated(self.next_review_due, self.next_review_due_shown_as)

    @property
    def next_review_overdue(self) -> bool:
        """Past the whole day, month or year the next review was due in (never, when the
        statement gives no date)."""
        due = self.next_review_due
        if due is None:
            return False
        if self.next_review_due_shown_as == DatePrecision.YEAR:
            due = due.replace(month=12, day=31)
        elif self.next_review_due_shown_as == DatePrecision.MONTH:
            due = due.replace(day=calendar.monthrange(due.year, due.month)[1])
        return due < timezone.localdate()

    @property
    def next_review_due_when(self) -> str:
        """'on 31 March 2027', 'in 2027'; empty when the statement gives no date."""
        if self.next_review_due is None:
            return ""
        return date_as_stated_with_preposition(self.next_review_due, self.next_review_due_shown_as)


def snapshot_packed(snapshot: Snapshot | dict[str, Any]) -> bytes:
    """A snapshot as stored: compact JSON, compressed (SQLite would not compress it, and
    PostgreSQL gains nothing by compressing it again)."""
    return zlib.compress(msgspec.json.encode(snapshot), 6)


def _as_data(snapshot: Snapshot | dict[str, Any]) -> dict[str, Any]:
    return snapshot_data(snapshot) if isinstance(snapshot, Snapshot) else snapshot


class EditionSnapshot(models.Model):
    """An edition's snapshot, in a table of its own: the question every page asks (which
    edition is current?) then never reads past a megabyte of JSON in the same row."""

    edition = models.OneToOneField(
        Edition,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="stored_snapshot",
        help_text="Whose snapshot.",
    )
    data = models.BinaryField(help_text="The snapshot as compact JSON, compressed with zlib.")
    glossary_used = models.JSONField(
        null=True,
        blank=True,
        help_text="The glossary terms (their slugs) some page of the edition uses, worked out "
        "once as it is published, so no worker searches every text for them (empty: not "
        "worked out yet, for an edition published before this was kept).",
    )

    class Meta:
        db_table = "offer_editionsnapshot"
        verbose_name = "edition's snapshot"

    def __str__(self) -> str:
        return f"{self.edition} (snapshot)"


class EditionDerived(models.Model):
    """Something worked out once from an edition and kept beside it, so that no worker
    works it out again on its first page (the finder's index, what changed since the
    edition before): made by the task that warms a new edition, or by the first worker
    to need it. An edition never changes, so neither does what is worked out from it."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="derived", help_text="Whose."
    )
    kind = models.CharField(max_length=30, help_text="What it is, e.g. 'finder index'.")
    data = models.BinaryField(help_text="Its kept form (MessagePack, compressed with zlib).")
    made_at = models.DateTimeField(auto_now_add=True, help_text="When it was worked out.")

    class Meta:
        verbose_name = "what is worked out from an edition"
        constraints = [
            models.UniqueConstraint(fields=["edition", "kind"], name="one_derived_of_each_kind")
        ]

    def __str__(self) -> str:
        return f"{self.edition}: {self.kind}"


class EditionDocument(models.Model):
    """An edition as a PDF, or one part of it when the whole statement comes in parts
    (STATEMENT_PART_SERVICES): made the first time someone asks and kept. The edition
    never changes, so neither does its PDF (a fresh instance would make the same bytes)."""

    edition = models.ForeignKey(
        Edition, on_delete=models.PROTECT, related_name="documents", help_text="Whose PDF."
    )
    part = models.PositiveSmallIntegerField(
        default=1, help_text="Which part of the whole statement (1 when it is in one part)."
    )
    pdf = models.BinaryField(help_text="The tagged PDF, as served.")
    made_at = models.DateTimeField(auto_now_add=True, help_text="When it was first made.")

    class Meta:
        db_table = "offer_editiondocument"
        verbose_name = "edition as a PDF"
        constraints = [
            models.UniqueConstraint(fields=["edition", "part"], name="one_pdf_per_edition_part")
        ]

    def __str__(self) -> str:
        return f"{self.edition} (PDF, part {self.part})"


class WithdrawnService(models.Model):
    """A service a new edition no longer includes, recorded when that edition was
    published, so its address can say it is no longer offered (410) rather than 'not
    found', and point families to similar services."""

    uid = models.UUIDField(unique=True, help_text="The service's permanent id.")
    slug = models.SlugField(max_length=120, help_text="Its address in its last edition.")
    name = models.CharField(max_length=200, help_text="Its name in its last edition.")
    tier_uid = models.UUIDField(
        null=True, blank=True, help_text="The tier it was in, to suggest similar services."
    )
    tier_level = models.CharField(
        max_length=20, blank=True, help_text="That tier's level, if the tier has gone too."
    )
    last_edition = models.ForeignKey(
        Edition,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The last edition that included it.",
    )
    withdrawn_in = models.ForeignKey(
        Edition,
        on_delete=models.PROTECT,
        related_name="withdrawn_services",
        help_text="The first edition without it.",
    )

    class Meta:
        db_table = "offer_withdrawnservice"
        indexes = [models.Index(fields=["slug"])]

    def __str__(self) -> str:
        return self.name


class EditionReading(models.Model):
    """The reading counts of every text the newest edition shows, worked out once when it
    is published, so that measuring a large offer's reading ages counts only the texts
    changed since (editions/reading.py). Only the newest edition's are kept: older ones
    are never measured again."""

    edition = models.OneToOneField(
        Edition,
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
