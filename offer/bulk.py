"""Changing many services at once: after importing a directory, an officer gives dozens
of services a level, a way in, a status or a place in the statement in one go, each
change written into every service's history."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet

from .choices import ServiceStatus
from .history import EMPTY, history_record, history_scope
from .models import RecordChange, ReferralRoute, Service, Tier

# A choice that leaves a field as each service has it.
LEAVE = object()


def services_change_together(
    *,
    services: QuerySet[Service],
    by: AbstractBaseUser | None,
    tier: Tier | None | object = LEAVE,
    add_route: ReferralRoute | None = None,
    status: str | object = LEAVE,
    in_statement: bool | object = LEAVE,
) -> int:
    """Give every service in `services` the level, status and place in the statement
    chosen (LEAVE keeps each service's own) and add `add_route` to its ways in. Returns
    how many services changed; a service already so is left alone, with no history."""
    with (
        transaction.atomic(),
        history_scope(by=by, why="Changed together with other services", detailed=False),
    ):
        return _changed_together(services, by, tier, add_route, status, in_statement)


def _changed_together(services, by, tier, add_route, status, in_statement) -> int:
    changed = 0
    statuses = dict(ServiceStatus.choices)
    for service in services.select_related("tier").prefetch_related("referral_routes"):
        fields = []
        if tier is not LEAVE and service.tier != tier:
            fields.append(_change("Level of support", service.tier, tier))
            service.tier = tier
        if status is not LEAVE and service.status != status:
            fields.append(
                {"field": "Status", "old": statuses[service.status], "new": statuses[status]}
            )
            service.status = status
        if in_statement is not LEAVE and service.include_in_statement != in_statement:
            fields.append(
                {
                    "field": "Include in statement",
                    "old": "Yes" if service.include_in_statement else "No",
                    "new": "Yes" if in_statement else "No",
                }
            )
            service.include_in_statement = in_statement
        routes = list(service.referral_routes.all())
        adding = add_route is not None and add_route not in routes
        if adding:
            names = sorted((r.title for r in routes), key=str.casefold)
            fields.append(
                {
                    "field": "Referral routes",
                    "old": ", ".join(names) or EMPTY,
                    "new": ", ".join(sorted([*names, add_route.title], key=str.casefold)),
                }
            )
        if not fields:
            continue
        service.save()
        if adding:
            service.referral_routes.add(add_route)
        history_record(
            record=service,
            action=RecordChange.Action.CHANGED,
            by=by,
            fields=fields,
        )
        changed += 1
    return changed


def _change(label: str, old, new) -> dict[str, str]:
    return {"field": label, "old": str(old) if old else EMPTY, "new": str(new) if new else EMPTY}
