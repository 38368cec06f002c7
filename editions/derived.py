"""What is worked out once from an edition and kept beside it (editions.EditionDerived),
so a worker reads it rather than works it out: stored as MessagePack compressed with
zlib, read back by whoever made it. Keeping it is best-effort: a database that refuses
the write loses nothing but time (the next worker works it out again)."""

import contextlib
import zlib
from typing import Any

import msgspec
from django.db import DatabaseError, IntegrityError, transaction

from .models import EditionDerived


def derived_read(*, edition_id: int | None, kind: str, type: Any = Any) -> Any | None:
    """What was kept of `kind` for the edition, decoded as `type`; None if nothing was
    kept yet (or it no longer reads as `type`)."""
    if edition_id is None:
        return None
    try:
        data = (
            EditionDerived.objects.filter(edition_id=edition_id, kind=kind)
            .values_list("data", flat=True)
            .first()
        )
    except DatabaseError:
        return None
    if data is None:
        return None
    try:
        return msgspec.msgpack.decode(zlib.decompress(bytes(data)), type=type)
    except (msgspec.DecodeError, msgspec.ValidationError, zlib.error):
        return None


def derived_keep(*, edition_id: int | None, kind: str, value: Any) -> None:
    """Keep `value` of `kind` for the edition, unless something is kept already."""
    if edition_id is None:
        return
    data = zlib.compress(msgspec.msgpack.encode(value), 1)
    with contextlib.suppress(IntegrityError, DatabaseError), transaction.atomic():
        EditionDerived.objects.create(edition_id=edition_id, kind=kind, data=data)
