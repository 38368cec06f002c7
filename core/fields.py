"""Model fields shared by the apps."""

import uuid

from django.db import models


class PermanentIdField(models.UUIDField):
    """A UUID given once and never changed, so links, feeds and editions can refer to a
    record even after it is renamed or its slug changes."""

    def __init__(self, **kwargs):
        kwargs.setdefault("default", uuid.uuid4)
        kwargs.setdefault("unique", True)
        kwargs.setdefault("editable", False)
        kwargs.setdefault(
            "help_text", "A permanent identifier that never changes, even if the name does."
        )
        super().__init__(**kwargs)


def open_referral_source_id() -> models.CharField:
    """Where an imported record came from: its id in the Open Referral UK feed, so
    importing the feed again updates the record rather than adding it twice. A plain
    CharField (not a field class of our own), so migrations see nothing new."""
    return models.CharField(
        max_length=200,
        blank=True,
        db_index=True,
        editable=False,
        help_text="Its id in the Open Referral UK feed it was imported from, so importing "
        "the feed again updates it rather than adding it twice.",
    )


def uid_from_hex(digits: str) -> str:
    """32 hex digits as str(UUID) prints them (8-4-4-4-12), without a UUID object: a
    snapshot or feed writes tens of thousands of ids."""
    return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"
