"""Field-level history of the working copy: who changed which field of a record, from
what to what, and when (offer.models.RecordChange). The admin's History pages read it,
and a refused save names who saved last."""

import datetime
from typing import Any

from django import forms
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.utils.formats import date_format

from .models import RecordChange

EMPTY = "(empty)"
_LIMIT = 2000  # long text is kept whole up to here; beyond, the start is enough to tell


def _display(field: forms.Field, value: Any) -> str:
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
        old = _display(field, form.initial.get(name, field.initial))
        new = _display(field, form.cleaned_data.get(name))
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


def history_record(
    *,
    record: Model,
    action: str,
    by: AbstractBaseUser | None,
    fields: list[dict[str, str]],
) -> RecordChange:
    """Note who changed `record`, how, and each field's old and new value."""
    return RecordChange.objects.create(
        content_type=ContentType.objects.get_for_model(record),
        object_id=str(record.pk),
        object_repr=str(record)[:200],
        action=action,
        changed_by=by if by is not None and by.is_authenticated else None,
        fields=fields,
    )


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
