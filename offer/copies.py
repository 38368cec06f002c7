"""Copying a service as a starting point for a similar one."""

import uuid

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from .history import history_record, history_scope
from .models import RecordChange, Service

# What a copy takes along besides its own fields: the lists it is in.
_LISTS = [
    "needs",
    "times",
    "areas",
    "providers",
    "eligibility_rules",
    "referral_routes",
    "contacts",
]


def _free_slug(slug: str) -> str:
    """'saturday-club-copy', or '-copy-2', '-copy-3'... whichever no service uses."""
    base = f"{slug}-copy"[: Service._meta.get_field("slug").max_length - 4]
    candidate, number = base, 1
    while Service.objects.filter(slug=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


@transaction.atomic
def service_copy(*, service: Service, by: AbstractBaseUser | None) -> Service:
    """A new service like `service`: its fields, rules, routes, needs, times, areas,
    providers, contacts and places. It is left out of the statement until an officer
    puts it in, so a half-edited copy never reaches families."""
    with history_scope(by=by, why=f"Copied from {service.name}", detailed=False):
        return _copied(service, by)


def _copied(service: Service, by: AbstractBaseUser | None) -> Service:
    copy = Service.objects.get(pk=service.pk)
    copy.pk = None
    copy._state.adding = True
    copy.uid = uuid.uuid4()
    copy.revision = 1
    copy.name = f"{service.name} (copy)"[: Service._meta.get_field("name").max_length]
    copy.slug = _free_slug(service.slug)
    copy.include_in_statement = False
    copy.last_reviewed_on = None
    copy.source_id = ""  # the feed's record is the original, not the copy
    copy.save()
    for name in _LISTS:
        getattr(copy, name).set(getattr(service, name).all())
    for venue in service.venues.all():
        venue.pk = None
        venue._state.adding = True
        venue.uid = uuid.uuid4()
        venue.source_id = ""
        venue.service = copy
        venue.save()
    history_record(record=copy, action=RecordChange.Action.ADDED, by=by, fields=[])
    return copy
