"""Where officers fix a record: its admin page, worked out from the model and primary
key alone (no admin code), for publishing's problems, reviews and reports."""

from typing import NamedTuple

from django.db.models import Model
from django.urls import reverse


class RecordRef(NamedTuple):
    """A record known only by its model and primary key: enough for change_url, without
    loading it (a list of thousands of problems links to each record)."""

    model: type[Model]
    pk: int

    @property
    def _meta(self):
        return self.model._meta


def change_url(record) -> str:
    """The admin page where `record` (a model instance or a RecordRef) is edited."""
    meta = record._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.pk])
