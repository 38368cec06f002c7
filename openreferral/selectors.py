"""Reads for the feed: an edition as Open Referral records, and when each of its
services last changed. Both are worked out once per edition in each process."""

import datetime

from editions.cache import EditionMemo
from offer.models import Edition
from public.statement import PublishedStatement, edition_statement

from .feed import Feed, fingerprint, links_at

_feeds = EditionMemo()
_last_modified = EditionMemo()


def edition_openreferral(*, edition: Edition, base: str) -> Feed:
    """The edition as Open Referral UK records, linking to pages at `base`."""
    return _feeds.get_or_make(
        (str(edition.uid), base),
        lambda: Feed(
            edition_statement(edition=edition),
            links_at(base),
            services_last_modified(edition=edition),
        ),
    )


def services_last_modified(*, edition: Edition) -> dict[str, str]:
    """When each service in `edition` last changed, by id: the time the earliest edition
    was published since which the service, and everything shown with it (contacts,
    rules, organisation), reads the same. ISO 8601 in UTC, to the millisecond."""
    return _last_modified.get_or_make(str(edition.uid), lambda: _services_changed(edition))


def _services_changed(edition: Edition) -> dict[str, str]:
    links = links_at("")  # addresses relative to the site, so the host does not matter
    target = {
        service["id"]: fingerprint(service)
        for service in Feed(edition_statement(edition=edition), links).services
    }
    same_since = dict.fromkeys(target, edition.published_at)
    unchanged = set(target)
    older = (
        Edition.objects.filter(version__lt=edition.version)
        .only("version", "published_at", "snapshot")
        .order_by("-version")
    )
    # Walk back one edition at a time until every service has found its change.
    for before in older.iterator(chunk_size=1):
        if not unchanged:
            break
        feed = Feed(PublishedStatement(before.snapshot), links)
        for service_id in list(unchanged):
            service = feed.service(service_id)
            if service is None or fingerprint(service) != target[service_id]:
                unchanged.discard(service_id)
            else:
                same_since[service_id] = before.published_at
    return {
        service_id: when.astimezone(datetime.UTC).isoformat(timespec="milliseconds")
        for service_id, when in same_since.items()
    }
