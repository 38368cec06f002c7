"""Keeping the working copy in step with a feed without losing officers' work.

Each record a feed brought in has a FeedRecord holding its fields as the feed last gave
them. Importing again compares, field by field, three values: as last imported, as the
working copy has it now, and as the feed now says.

- The feed says what it said before: nothing to do (an officer's edit stays).
- The officer has not changed it: the feed's new value is taken.
- The officer changed it and the feed changed it too: the officer's value is kept and
  the two are listed for the officer to decide (ImportConflict).

A field never compared before (a record imported before this was kept, or a field newly
brought in) takes the feed's value only where the working copy has none.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from offer.history import EMPTY, history_record, history_scope
from offer.models import RecordChange

from .models import FeedRecord, ImportConflict, ImportRun

_MISSING = object()
_SHOWN_CHARACTERS = 300
_BATCH = 500  # ids in one query (SQLite takes a limited number of parameters)
# Lists of the record's own rows, compared as [[number, label], ...] in order.
PHONES = "phones"


def _comparable(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _empty(value: Any) -> bool:
    return value in (None, "", [], False)


@dataclass
class Conflict:
    """An officer's edit kept against the feed's new value."""

    key: tuple[str, str]  # its (kind, key) in the feed
    name: str
    field: str
    label: str
    officer: str
    feed: str
    raw: Any


@dataclass
class Outcome:
    """What bringing one record in did."""

    record: models.Model | None
    added: bool = False
    changes: list[dict[str, str]] = field(default_factory=list)
    deleted_here: bool = False  # an officer deleted it; the feed still has it


class FieldReader:
    """A model's fields as the import compares, shows and writes them."""

    def __init__(self, model: type[models.Model]):
        self.model = model

    def _field(self, name: str):
        return None if name == PHONES else self.model._meta.get_field(name)

    def still_there(self, name: str, value: Any) -> Any:
        """A list's records that still exist (a feed's value decided on later may name a
        record deleted since)."""
        if name == PHONES or not self.is_list(name):
            return value
        related = self._field(name).related_model
        return list(related.objects.filter(pk__in=value or []).values_list("pk", flat=True))

    def label(self, name: str) -> str:
        if name == PHONES:
            return "Phone numbers"
        return str(self._field(name).verbose_name).capitalize()

    def is_list(self, name: str) -> bool:
        return name == PHONES or self._field(name).many_to_many

    def current(self, record: models.Model, name: str) -> Any:
        if name == PHONES:
            if record.pk is None:
                return []
            return [[p.number, p.label] for p in record.phones.order_by("order", "pk")]
        model_field = self._field(name)
        if model_field.many_to_many:
            if record.pk is None:
                return []
            return sorted(getattr(record, name).values_list("pk", flat=True))
        if model_field.many_to_one:
            return getattr(record, model_field.attname)
        return _comparable(getattr(record, name))

    def shown(self, name: str, value: Any) -> str:
        """A value in words, as the history page shows it."""
        if _empty(value) and not isinstance(value, bool):
            return EMPTY
        if name == PHONES:
            return "; ".join(f"{n} ({label})" if label else n for n, label in value)
        model_field = self._field(name)
        if model_field.many_to_many or model_field.many_to_one:
            keys = value if isinstance(value, list) else [value]
            found = model_field.related_model.objects.filter(pk__in=keys)
            return ", ".join(sorted((str(r) for r in found), key=str.casefold)) or EMPTY
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value)) or EMPTY
        text = str(value)
        return text if len(text) <= _SHOWN_CHARACTERS else text[:_SHOWN_CHARACTERS] + "…"

    def write(self, record: models.Model, name: str, value: Any) -> None:
        """A plain field, before the record is saved."""
        model_field = self._field(name)
        if isinstance(model_field, models.DateField) and isinstance(value, str):
            value = datetime.date.fromisoformat(value)
        setattr(record, model_field.attname, value)

    def write_list(self, record: models.Model, name: str, value: list) -> None:
        """A list, after the record is saved."""
        if name == PHONES:
            record.phones.all().delete()
            for order, (number, label) in enumerate(value, start=1):
                record.phones.create(number=number, label=label, order=order)
            return
        getattr(record, name).set(value)


class FeedSync:
    """One import's view of what a feed (`source`) brought in before."""

    def __init__(
        self,
        *,
        source: str,
        by: AbstractBaseUser | None,
        run: ImportRun | None,
    ):
        self.source = source
        self.by = by
        self.run = run  # None in a dry run
        self.records = {
            (record.kind, record.key): record for record in FeedRecord.objects.filter(source=source)
        }
        self.seen: set[tuple[str, str]] = set()
        self.conflicts: list[Conflict] = []
        # Records this import has brought in already: the same team under two services.
        self.brought: set[tuple[type, int]] = set()
        self.readers: dict[type[models.Model], FieldReader] = {}

    def reader(self, model: type[models.Model]) -> FieldReader:
        return self.readers.setdefault(model, FieldReader(model))

    def bring(
        self,
        *,
        kind: str,
        key: str,
        model: type[models.Model],
        values: dict[str, Any],
        make: Callable[[], models.Model],
        adopt: Callable[[], models.Model | None] = lambda: None,
        on_create: dict[str, Any] | None = None,
    ) -> Outcome:
        """The working-copy record for the feed's (`kind`, `key`), in step with `values`:
        found through what this feed brought in before, else `adopt`ed (a record that
        holds the feed's id from before imports were tracked), else `make`d. Fields in
        `on_create` are set only on a new record (such as whether a new service joins
        the statement)."""
        self.seen.add((kind, key))
        tracked = self.records.get((kind, key))
        record = None
        if tracked is not None:
            record = model.objects.filter(pk=tracked.object_id).first()
            if record is None:
                return Outcome(record=None, deleted_here=True)
        else:
            record = adopt()
            if record is not None and (model, record.pk) in self.brought:
                # Met again in this import under another id: linked, and compared from
                # now on as this id gives it.
                self._track(None, kind=kind, key=key, record=record, values=dict(values))
                return Outcome(record=record)
        added = record is None
        if added:
            record = make()
            for name, value in (on_create or {}).items():
                setattr(record, name, value)
        base = dict(tracked.values) if tracked is not None else {}
        reader = self.reader(model)
        changes, lists = [], {}
        for name, new in values.items():
            current = reader.current(record, name)
            before = base.get(name, _MISSING)
            if added or current == new:
                take = True
            elif before is _MISSING:
                take = _empty(current)  # never compared: only where nothing is here
            elif new == before:
                take = False  # the feed has not changed it: whatever is here stays
            else:
                take = current == before  # the officer has not changed it
            if not take:
                if new != before:  # the officer's value, against the feed's new one
                    self.conflicts.append(
                        Conflict(
                            key=(kind, key),
                            name=str(record),
                            field=name,
                            label=reader.label(name),
                            officer=reader.shown(name, current),
                            feed=reader.shown(name, new),
                            raw=new,
                        )
                    )
                continue
            base[name] = new
            if current == new:
                continue
            if not added:
                changes.append(
                    {
                        "field": reader.label(name),
                        "old": reader.shown(name, current),
                        "new": reader.shown(name, new),
                    }
                )
            if reader.is_list(name):
                lists[name] = new
            else:
                reader.write(record, name, new)
        if added or changes:
            record.save()
            for name, value in lists.items():
                reader.write_list(record, name, value)
        # An added record's entry says where it came from; its fields are its page.
        if added or changes:
            history_record(
                record=record,
                action=RecordChange.Action.ADDED if added else RecordChange.Action.CHANGED,
                by=self.by,
                fields=changes,
                reason=f"Imported from {self.source}",
            )
        self._track(tracked, kind=kind, key=key, record=record, values=base)
        self.brought.add((model, record.pk))
        return Outcome(record=record, added=added, changes=changes)

    def _track(self, tracked, *, kind: str, key: str, record, values: dict) -> None:
        if tracked is None:
            tracked = FeedRecord(
                source=self.source,
                kind=kind,
                key=key,
                content_type=ContentType.objects.get_for_model(record),
                object_id=record.pk,
            )
            self.records[(kind, key)] = tracked
        changed = tracked.values != values or tracked.left_at is not None
        tracked.values = values
        tracked.left_at = None
        if tracked.pk is None or changed:
            tracked.last_run = self.run
            tracked.save()

    def gone(self, kind: str) -> list[FeedRecord]:
        """Records of `kind` this feed brought in before and no longer lists."""
        return [
            record
            for (record_kind, key), record in self.records.items()
            if record_kind == kind and (kind, key) not in self.seen
        ]

    def finish(self) -> None:
        """Mark what left the feed; list each conflict for a decision, in place of any
        still open for the same field."""
        now = timezone.now()
        for kind in {kind for kind, _ in self.records}:
            for record in self.gone(kind):
                if record.left_at is None:
                    record.left_at = now
                    record.save(update_fields=["left_at"])
        if self.run is None:
            return
        # Every record still in the feed was last found by this run: one update for all.
        found = [self.records[key].pk for key in self.seen if key in self.records]
        for start in range(0, len(found), _BATCH):
            FeedRecord.objects.filter(pk__in=found[start : start + _BATCH]).exclude(
                last_run=self.run
            ).update(last_run=self.run)
        for conflict in self.conflicts:
            tracked = self.records[conflict.key]
            ImportConflict.objects.filter(
                record=tracked, field=conflict.field, decision=ImportConflict.Decision.OPEN
            ).update(decision=ImportConflict.Decision.SUPERSEDED)
            ImportConflict.objects.create(
                run=self.run,
                record=tracked,
                record_name=conflict.name[:300],
                field=conflict.field,
                label=conflict.label,
                officer_value=conflict.officer,
                feed_value=conflict.feed,
                feed_raw=conflict.raw,
            )


def conflict_decide(
    *, conflict: ImportConflict, take_feed: bool, by: AbstractBaseUser | None
) -> bool:
    """The officer's decision on a conflict: the feed's value written into the record
    (with its history), or the officer's kept. Either way a later import compares with
    the feed's value, so the same conflict is not listed again. False if the record is
    gone or the conflict was decided already."""
    if conflict.decision != ImportConflict.Decision.OPEN:
        return False
    tracked = conflict.record
    model = tracked.content_type.model_class()
    record = model.objects.filter(pk=tracked.object_id).first() if model else None
    if record is None:
        return False
    if take_feed:
        reader = FieldReader(model)
        old = reader.shown(conflict.field, reader.current(record, conflict.field))
        value = reader.still_there(conflict.field, conflict.feed_raw)
        with history_scope(by=by, why=f"Took the feed's value ({tracked.source})"):
            if reader.is_list(conflict.field):
                record.save()
                reader.write_list(record, conflict.field, value)
            else:
                reader.write(record, conflict.field, value)
                record.save()
            history_record(
                record=record,
                action=RecordChange.Action.CHANGED,
                by=by,
                fields=[{"field": conflict.label, "old": old, "new": conflict.feed_value}],
            )
    tracked.values = {**tracked.values, conflict.field: conflict.feed_raw}
    tracked.save(update_fields=["values"])
    conflict.decision = ImportConflict.Decision.FEED if take_feed else ImportConflict.Decision.KEPT
    conflict.decided_by = by if by is not None and by.is_authenticated else None
    conflict.decided_at = timezone.now()
    conflict.save(update_fields=["decision", "decided_by", "decided_at"])
    return True
