"""Field-level history of the working copy: who changed which field of a record, from
what to what, when and why (offer.models.RecordChange). The admin's History pages read
it, and a refused save names who saved last.

No writer can forget it. Every save, deletion and list change of a working-copy record
is seen by one set of receivers (offer/signals.py). A writer that knows more (the
admin's form with each field's old and new value, an import, a copy) works inside a
`history_scope` and records its own entry with `history_record`; anything saved in
the scope that it did not record gets a plain entry when the scope ends, with who and
why. A save outside any scope (a shell, a new command) is recorded at once, with each
field's old and new value.
"""

import datetime
from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Model
from django.utils.formats import date_format

from .models import RecordChange

EMPTY = "(empty)"
_LIMIT = 2000  # long text is kept whole up to here; beyond, the start is enough to tell


def value_shown(field: forms.Field, value: Any) -> str:
    """A value as an officer would read it: names, not primary keys."""
    if value is None or value == "" or value == [] or value == ():
        return EMPTY
    if isinstance(field, forms.ModelMultipleChoiceField):
        items = list(value)
        if items and not isinstance(items[0], Model):
            items = list(field.queryset.filter(pk__in=items))
        return ", ".join(sorted((str(item) for item in items), key=str.casefold)) or EMPTY
    if isinstance(field, forms.ModelChoiceField):
        if not isinstance(value, Model):
            value = field.queryset.filter(pk=value).first()
        return str(value) if value is not None else EMPTY
    if isinstance(field, forms.BooleanField):
        return "Yes" if value else "No"
    if isinstance(field, forms.ChoiceField):
        return str(dict(field.choices).get(value, value)) or EMPTY
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    text = str(value)
    return text if len(text) <= _LIMIT else text[:_LIMIT] + "…"


def form_differences(form: forms.BaseForm, prefix: str = "") -> list[dict[str, str]]:
    """Each field the officer changed in `form`, with its value before and after."""
    differences = []
    for name in form.changed_data:
        field = form.fields[name]
        if name in ("opened_revision", "DELETE", "id") or isinstance(
            field.widget, forms.HiddenInput
        ):
            continue
        old = value_shown(field, form.initial.get(name, field.initial))
        new = value_shown(field, form.cleaned_data.get(name))
        if old != new:
            label = str(field.label or name.replace("_", " ").capitalize())
            differences.append({"field": f"{prefix}{label}", "old": old, "new": new})
    return differences


def formset_differences(formset: forms.BaseFormSet) -> list[dict[str, str]]:
    """What an inline (phone numbers, social links, statement sections) added, changed
    and removed. Call after the formset is saved."""
    noun = str(formset.model._meta.verbose_name)
    differences = []
    for record in formset.new_objects:
        differences.append({"field": f"{noun.capitalize()} added", "old": "", "new": str(record)})
    changed = {record.pk for record, _ in formset.changed_objects}
    for position, form in enumerate(formset.initial_forms, start=1):
        if form.instance.pk in changed:
            differences += form_differences(form, prefix=f"{noun.capitalize()} {position}: ")
    for record in formset.deleted_objects:
        differences.append({"field": f"{noun.capitalize()} removed", "old": str(record), "new": ""})
    return differences


Key = tuple[int, str]  # (content type id, primary key) of a record with a history page


Fields = list[dict[str, str]]


@dataclass
class _Pending:
    """What a scope saw happen to one record, should its writer not record it: each
    change worked out only then (most writers record their own)."""

    record: Model
    action: str
    changes: list[Callable[[], Fields]] = field(default_factory=list)

    def fields(self) -> Fields:
        return [f for change in self.changes for f in change()]


@dataclass
class _Scope:
    by: AbstractBaseUser | None
    why: str
    # False for a writer that records every record it saves itself (an import): its
    # saves need not read each record's old values first.
    detailed: bool = True
    recorded: set[Key] = field(default_factory=set)
    saved: dict[Key, _Pending] = field(default_factory=dict)


_scope: ContextVar["_Scope | None"] = ContextVar("history_scope", default=None)

# A record kept on another's page (a phone number on its contact's): its changes are in
# the history of that one, by the name of the field that holds it.
HISTORY_PARENTS = {
    "contacts.contactphone": "contact",
    "contacts.sociallink": "contact",
    "offer.venue": "service",
    "offer.statementsection": "statement",
    "offer.statementfigure": "statement",
    "offer.familyview": "statement",
}


def history_owner(record: Model) -> Model:
    """The record whose History page shows a change to `record`."""
    parent = HISTORY_PARENTS.get(record._meta.label_lower)
    return getattr(record, parent) if parent else record


def _key(record: Model) -> Key:
    return (ContentType.objects.get_for_model(record).pk, str(record.pk))


@contextmanager
def history_scope(*, by: AbstractBaseUser | None, why: str = "", detailed: bool = True):
    """Saves made inside are the work of `by`, for `why`: whatever the writer records
    itself stands; every other record saved gets a plain entry when the scope ends
    (with each field's old and new value unless not `detailed`)."""
    scope = _Scope(
        by=by if by is not None and by.is_authenticated else None, why=why, detailed=detailed
    )
    token = _scope.set(scope)
    try:
        yield scope
    finally:
        _scope.reset(token)
    if connection.in_atomic_block and transaction.get_rollback():
        return  # a dry run (or a failed one): everything it saved is undone
    for key, pending in scope.saved.items():
        if key in scope.recorded:
            continue
        fields = pending.fields()
        if pending.action == RecordChange.Action.CHANGED and not fields and scope.detailed:
            continue  # saved as it was: nothing to tell
        _write(
            record=pending.record, action=pending.action, by=scope.by, fields=fields,
            reason=scope.why,
        )  # fmt: skip


def history_scope_current() -> "_Scope | None":
    return _scope.get()


def history_detailed() -> bool:
    """Whether a save should read the record's old values first (for its entry)."""
    scope = _scope.get()
    return scope is None or scope.detailed


def history_seen(*, record: Model, action: str, fields: Callable[[], Fields]) -> None:
    """A save, deletion or list change of `record`, with `fields` working out what it
    changed: kept for the current scope's end, or, outside any scope, recorded now."""
    owner = history_owner(record)
    if owner is not record:
        fields = _on_owners_page(record, action, fields)
        action = RecordChange.Action.CHANGED
    scope = _scope.get()
    if scope is None:
        changed = fields()
        if action == RecordChange.Action.CHANGED and not changed:
            return
        _write(
            record=owner, action=action, by=None, fields=changed,
            reason="A change made outside the admin",
        )  # fmt: skip
        return
    pending = scope.saved.setdefault(_key(owner), _Pending(owner, action))
    if action != RecordChange.Action.CHANGED:
        pending.action = action
    pending.changes.append(fields)


def _on_owners_page(record: Model, action: str, fields: Callable[[], Fields]):
    noun = str(record._meta.verbose_name).capitalize()
    if action != RecordChange.Action.CHANGED:
        verb = "added" if action == RecordChange.Action.ADDED else "removed"
        shown = str(record)
        return lambda: [{"field": f"{noun} {verb}", "old": "", "new": shown}]
    return lambda: [{**f, "field": f"{noun}: {f['field']}"} for f in fields()]


def _write(*, record, action, by, fields, reason) -> RecordChange:
    return RecordChange.objects.create(
        content_type=ContentType.objects.get_for_model(record),
        object_id=str(record.pk),
        object_repr=str(record)[:200],
        action=action,
        changed_by=by,
        fields=fields,
        reason=reason[:300],
    )


def history_record(
    *,
    record: Model,
    action: str,
    by: AbstractBaseUser | None,
    fields: list[dict[str, str]],
    reason: str | None = None,
) -> RecordChange:
    """Note who changed `record`, how, why, and each field's old and new value. Inside a
    scope the record (and the one whose page shows it) needs no plain entry."""
    scope = _scope.get()
    if scope is not None:
        scope.recorded.add(_key(record))
        scope.recorded.add(_key(history_owner(record)))
    return _write(
        record=record,
        action=action,
        by=by if by is not None and by.is_authenticated else None,
        fields=fields,
        reason=scope.why if reason is None and scope is not None else reason or "",
    )


def model_differences(record: Model, before: dict[str, Any]) -> list[dict[str, str]]:
    """Each of `record`'s own fields whose value differs from `before` (field attname ->
    value as stored), as the history shows it."""
    differences = []
    for model_field in record._meta.concrete_fields:
        name = model_field.attname
        if name not in before or name in _NOT_SHOWN or model_field.primary_key:
            continue
        old, new = before[name], getattr(record, name)
        if old == new:
            continue
        label = str(model_field.verbose_name).capitalize()
        differences.append(
            {"field": label, "old": _stored(model_field, old), "new": _stored(model_field, new)}
        )
    return differences


# Bookkeeping, not what an officer changed.
_NOT_SHOWN = {"revision", "updated_at", "uid"}


def _stored(model_field, value: Any) -> str:
    if value is None or value == "":
        return EMPTY
    if model_field.many_to_one:
        related = model_field.related_model.objects.filter(pk=value).first()
        return str(related) if related is not None else str(value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    text = str(value)
    return text if len(text) <= _LIMIT else text[:_LIMIT] + "…"


def _changes_to(record: Model):
    return RecordChange.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=str(record.pk)
    ).select_related("changed_by")


def history_of(*, record: Model) -> list[RecordChange]:
    """Every recorded change to a working-copy record, newest first."""
    return list(_changes_to(record))


def history_latest(*, record: Model) -> RecordChange | None:
    """The most recent recorded change to a record (who saved it last, and when)."""
    return _changes_to(record).first()
