"""A family's shortlist: services they chose to keep, held only in the address.

`/list/?s=<id>&s=<id>` (a service's permanent id, so a list survives renames and new
editions). Nothing is stored on the server and no cookie is set: the address is the
list, so it can be bookmarked, printed, emailed or copied. While a list exists every
page carries it on: each link within the site and each search form of a page with a
list in its address takes the list along (shortlist_carried), so it survives moving
around the site without JavaScript; with JavaScript the browser also keeps it in its
own storage (assets/js/init.mjs). Such pages are private: never kept by any cache.
"""

import re
import uuid
from dataclasses import dataclass, field
from html import escape

from django.conf import settings
from django.http import HttpResponse, QueryDict

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


# A link or a search form's start tag, as the templates write them (double quotes).
_TAG = re.compile(r"<(a|form)\b[^>]*>", re.IGNORECASE)
_ADDRESS = re.compile(r'\b(href|action)="([^"]*)"')


def _carries(address: str) -> bool:
    """Whether a link to `address` should take the list along: a page of this site
    (not a file, the officers' area, the feed or another site) that has no list of its
    own in the link already."""
    if not address.startswith("/") or address.startswith("//"):
        return False
    path, _, query = address.partition("#")[0].partition("?")
    # Nor to feedback and reports: a family's list is never sent with what they tell us.
    if path.startswith((settings.STATIC_URL, f"/{settings.ADMIN_PATH}", "/api/", "/feedback/")):
        return False
    if "." in path.rsplit("/", 1)[-1]:
        return False  # a file: the PDF, the sitemap, robots.txt
    return not any(
        part.split("=")[0] == SHORTLIST_PARAMETER for part in query.replace("&amp;", "&").split("&")
    )


def shortlist_carried(response: HttpResponse, query: QueryDict) -> None:
    """The list in `query` added to every link within the site on the page and to each
    search form (as hidden fields), but not to the links that change the list
    (data-shortlist) or forms that carry it already (data-list-carried)."""
    ids = query.getlist(SHORTLIST_PARAMETER)
    if (
        not ids
        or response.streaming
        or not response.get("Content-Type", "").startswith("text/html")
    ):
        return
    encoded = escape(shortlist_address(QueryDict(), ids))
    hidden = "".join(
        f'<input type="hidden" name="{SHORTLIST_PARAMETER}" value="{escape(i)}">' for i in ids
    )

    def carried(match: re.Match) -> str:
        tag = match[0]
        if "data-shortlist" in tag or "data-list-carried" in tag:
            return tag
        if match[1].lower() == "form":
            found = _ADDRESS.search(tag)
            is_get = 'method="post"' not in tag.lower()
            # A form with no action goes back to this page.
            goes_on = found is None or _carries(found[2])
            return tag + hidden if is_get and goes_on else tag

        def with_list(address: re.Match) -> str:
            name, value = address[1], address[2]
            if name != "href" or not _carries(value):
                return address[0]
            before, hash_mark, fragment = value.partition("#")
            joined = f"{before}{'&amp;' if '?' in before else '?'}{encoded}"
            return f'{name}="{joined}{hash_mark}{fragment}"'

        return _ADDRESS.sub(with_list, tag, count=1)

    charset = response.charset or "utf-8"
    response.content = _TAG.sub(carried, response.content.decode(charset)).encode(charset)
