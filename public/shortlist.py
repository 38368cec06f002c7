"""A family's shortlist: services they chose to keep, held only in the address.

`/list/?s=<id>&s=<id>` (a service's permanent id, so a list survives renames and new
editions). Nothing is stored on the server and no cookie is set: the address is the
list, so it can be bookmarked, printed, emailed or copied. The finder and service pages
carry the list in their addresses too, so services can be added without JavaScript.
"""

import uuid
from dataclasses import dataclass, field

from django.http import QueryDict

from editions.read import Service, Statement

# Enough for any family's list; the address stays short enough for every browser.
SHORTLIST_MOST = 30
SHORTLIST_PARAMETER = "s"


@dataclass(frozen=True)
class Shortlist:
    """The services in an address's list that the edition offers, in the statement's
    order, and what was wrong with the rest."""

    services: list[Service] = field(default_factory=list)
    # Well-formed ids of services this edition does not offer (withdrawn, paused...).
    gone: int = 0
    # What a family should be told about values that are not service ids at all.
    problems: list[str] = field(default_factory=list)

    @property
    def ids(self) -> list[str]:
        return [service.id for service in self.services]

    def has(self, service: Service) -> bool:
        return service.id in self.ids

    def query(self, *, adding: Service | None = None, removing: Service | None = None) -> list[str]:
        """The list's ids with one service added or taken off."""
        ids = [i for i in self.ids if removing is None or i != removing.id]
        if adding is not None and adding.id not in ids:
            ids.append(adding.id)
        return ids

    @property
    def full(self) -> bool:
        return len(self.services) >= SHORTLIST_MOST


def shortlist_read(*, query: QueryDict, statement: Statement) -> Shortlist:
    """The list in `query` (its `s` values), checked against the edition."""
    values = query.getlist(SHORTLIST_PARAMETER)
    problems = []
    wanted: list[str] = []
    unreadable = 0
    for value in values:
        try:
            wanted.append(str(uuid.UUID(value.strip())))
        except ValueError:
            unreadable += 1
    if unreadable:
        problems.append(
            "Part of this list's address is not a service on this site"
            + (" (it may have been cut short when it was copied)." if unreadable == 1 else ".")
            + " The services we could read are below."
        )
    wanted = list(dict.fromkeys(wanted))
    if len(wanted) > SHORTLIST_MOST:
        problems.append(
            f"A list can hold up to {SHORTLIST_MOST} services. This address has {len(wanted)}, "
            f"so only the first {SHORTLIST_MOST} are shown."
        )
        wanted = wanted[:SHORTLIST_MOST]
    if not wanted:
        return Shortlist(problems=problems)
    found = {}
    for uid in wanted:
        service = statement.record("service", uid)
        if service is not None and service.offered:
            found[uid] = service
    services = [service for service in statement.offered_services if service.id in found]
    return Shortlist(services=services, gone=len(wanted) - len(found), problems=problems)


def shortlist_address(base: QueryDict, ids: list[str]) -> str:
    """`base` (a page's query) with the list set to `ids`, as a query string."""
    query = base.copy()
    query.setlist(SHORTLIST_PARAMETER, ids)
    if not ids:
        query.pop(SHORTLIST_PARAMETER)
    return query.urlencode()
