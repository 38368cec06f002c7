"""What imports keep: a file uploaded for import, kept between the dry run an officer
reads and the import they confirm (any instance may answer the confirmation); each run
of a feed; each record a feed brought in, with its fields as last imported; and the
officers' edits a later import kept against the feed's new values."""

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
    report = models.JSONField(
        default=dict,
        blank=True,
        help_text="For a feed: what its dry run found, so the officer can download what "
        "it could not bring in before confirming.",
    )

    class Meta:
        verbose_name = "uploaded file"

    def __str__(self) -> str:
        return self.filename


class ImportRun(models.Model):
    """One import of an Open Referral UK feed into the working copy: who ran it, from
    where, what it added and changed, what left the feed, what it could not bring in and
    which officers' edits it kept against the feed's new values."""

    source = models.CharField(
        max_length=500, help_text="The feed's address, or the name of the file uploaded."
    )
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The officer who confirmed it (none from the command line).",
    )
    run_at = models.DateTimeField(auto_now_add=True, help_text="When it ran.")
    added = models.PositiveIntegerField(default=0, help_text="Services it added.")
    changed = models.PositiveIntegerField(default=0, help_text="Services it changed.")
    unchanged = models.PositiveIntegerField(default=0, help_text="Services already in step.")
    left = models.PositiveIntegerField(
        default=0, help_text="Services imported before that this feed no longer lists."
    )
    conflicts = models.PositiveIntegerField(
        default=0, help_text="Fields an officer changed that the feed changed too."
    )
    report = models.JSONField(
        default=dict,
        help_text="What it could not bring in (by field, with examples), the problems it "
        "found, the services that left the feed and each record's field changes.",
    )

    class Meta:
        ordering = ["-run_at", "-pk"]
        verbose_name = "import from a feed"
        verbose_name_plural = "imports from feeds"

    def __str__(self) -> str:
        return f"{self.source} ({self.run_at:%d %B %Y %H:%M})"


class FeedRecord(models.Model):
    """A working-copy record a feed brought in, and each of its fields as the feed last
    gave it. Importing the feed again compares the three: a field the officer has not
    changed takes the feed's new value; one the officer changed keeps the officer's and,
    if the feed changed it too, is listed for a decision."""

    source = models.CharField(max_length=500, help_text="The feed it came from.")
    kind = models.CharField(
        max_length=20, help_text="What it is here: service, provider, contact, route, rule, place."
    )
    key = models.CharField(max_length=300, help_text="Its id in the feed (or what stands for one).")
    content_type = models.ForeignKey(
        "contenttypes.ContentType",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The kind of record in the working copy.",
    )
    # No foreign key: a record an officer deleted stays deleted when the feed still has it.
    object_id = models.PositiveBigIntegerField(help_text="The record in the working copy.")
    values = models.JSONField(
        default=dict, help_text="Each field as the feed last gave it, as the import compares it."
    )
    last_run = models.ForeignKey(
        ImportRun,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The last import that found it in the feed.",
    )
    left_at = models.DateTimeField(
        null=True, blank=True, help_text="When an import first found it gone from the feed."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "kind", "key"], name="one_record_per_feed_id")
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} from {self.source}"


class ImportConflict(models.Model):
    """A field an officer changed that a feed then changed too: the officer's value was
    kept, and the officer decides whether to take the feed's."""

    class Decision(models.TextChoices):
        OPEN = "", "Not decided yet"
        FEED = "feed", "Took the feed's value"
        KEPT = "kept", "Kept the officer's value"
        SUPERSEDED = "superseded", "Listed again by a later import"

    run = models.ForeignKey(
        ImportRun, on_delete=models.CASCADE, related_name="conflict_list", help_text="The import."
    )
    record = models.ForeignKey(
        FeedRecord, on_delete=models.CASCADE, related_name="+", help_text="The record."
    )
    record_name = models.CharField(max_length=300, help_text="The record's name at the time.")
    field = models.CharField(max_length=100, help_text="The field, as the model names it.")
    label = models.CharField(max_length=200, help_text="The field as officers know it.")
    officer_value = models.TextField(blank=True, help_text="What the officer had, in words.")
    feed_value = models.TextField(blank=True, help_text="What the feed now says, in words.")
    feed_raw = models.JSONField(null=True, blank=True, help_text="The feed's value, to apply.")
    decision = models.CharField(
        max_length=12,
        choices=Decision.choices,
        default=Decision.OPEN,
        blank=True,
        help_text="What the officer decided.",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who decided.",
    )
    decided_at = models.DateTimeField(null=True, blank=True, help_text="When.")

    class Meta:
        ordering = ["record_name", "pk"]

    def __str__(self) -> str:
        return f"{self.record_name}: {self.label}"


class ImportJob(models.Model):
    """One import or dry run, run in the background (imports/jobs.py) so no request waits
    on it: what it is, whose, how far it has got, and what it found. Its page refreshes
    itself until it is done, then shows the result; kept a day."""

    class Kind(models.TextChoices):
        SPREADSHEET_CHECK = "spreadsheet-check", "Checking a spreadsheet"
        SPREADSHEET_IMPORT = "spreadsheet-import", "Importing a spreadsheet"
        FEED_CHECK = "feed-check", "Checking a feed"
        FEED_IMPORT = "feed-import", "Importing a feed"

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=20, choices=Kind.choices, help_text="What it does.")
    state = models.CharField(
        max_length=10, choices=State.choices, default=State.QUEUED, help_text="How far it is."
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Who started it: only they see it.",
    )
    upload = models.ForeignKey(
        ImportUpload,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The file it reads, if it was uploaded.",
    )
    options = models.JSONField(
        default=dict, blank=True, help_text="What the officer chose: a feed's address, a sheet."
    )
    stage = models.CharField(
        max_length=200, blank=True, help_text="What it is doing now, in words."
    )
    done = models.PositiveIntegerField(default=0, help_text="How many of `total` are done.")
    total = models.PositiveIntegerField(null=True, blank=True, help_text="How many in all.")
    result = models.JSONField(default=dict, blank=True, help_text="What it found or did.")
    started_at = models.DateTimeField(auto_now_add=True, help_text="When it was asked for.")
    finished_at = models.DateTimeField(null=True, blank=True, help_text="When it ended.")

    class Meta:
        verbose_name = "import in progress"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_state_display().lower()})"

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)
