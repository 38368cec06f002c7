"""Putting records in order without typing numbers: one step up or down."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Model

from .history import history_record
from .models import RecordChange


@transaction.atomic
def record_move(
    *, record: Model, direction: str, within: tuple[str, ...] = (), by: AbstractBaseUser | None
) -> bool:
    """Swap `record` with the one before it ('up') or after it ('down') among those
    sharing its `within` fields (a service moves among its tier's), then number them
    1, 2, 3... so equal numbers never hide the change. False when it is already first
    or last."""
    Model_ = type(record)
    scope = {name: getattr(record, name) for name in within}
    siblings = list(
        Model_.objects.select_for_update().filter(**scope).order_by(*Model_._meta.ordering)
    )
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == record.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(siblings):
        return False
    siblings[index], siblings[other] = siblings[other], siblings[index]
    changed = []
    for position, sibling in enumerate(siblings, start=1):
        if sibling.order != position:
            sibling.order = position
            changed.append(sibling)
    # Only the position changes: no revision bump, so an officer's open form on another
    # field of the record still saves.
    Model_.objects.bulk_update(changed, ["order"])
    history_record(
        record=record,
        action=RecordChange.Action.CHANGED,
        by=by,
        fields=[{"field": "Position", "old": str(index + 1), "new": str(other + 1)}],
        reason=f"Moved {direction}",
    )
    return True
