"""Reads for the feed: an edition as Open Referral records, and when each of its
services last changed. Records are worked out once per edition in each process; the
dates are worked out when an edition is published and kept with it (ServiceDates)."""

import datetime
import hashlib
import json

from django.db import IntegrityError, transaction

from editions.cache import EditionMemo
from editions.models import Edition
from editions.read import Statement
from editions.selectors import edition_statement

from .feed import Feed, fingerprint, links_at
from .models import ServiceDates

# The feed reads only the current edition: room for it and the one it replaced.
_feeds = EditionMemo(size=2)
_last_modified = EditionMemo(size=2)


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
    return _last_modified.get_or_make(str(edition.uid), lambda: _dates(edition))


def _dates(edition: Edition) -> dict[str, str]:
    kept = ServiceDates.objects.filter(edition=edition).values_list("last_modified", flat=True)
    found = kept.first()
    return found if found is not None else service_dates_record(edition=edition)


def _fingerprints(statement: Statement) -> dict[str, str]:
    """A digest of each service as the feed shows it (ids and addresses left out)."""
    return {
        service["id"]: hashlib.sha256(
            json.dumps(fingerprint(service), sort_keys=True).encode()
        ).hexdigest()
        for service in Feed(statement, links_at("")).services
    }


def service_dates_record(*, edition: Edition) -> dict[str, str]:
    """Work out and keep when each service in `edition` last changed: since the edition
    before, if it reads the same there, else since this one. Editions kept from before
    dates were recorded get theirs first, oldest first, each from the one before."""
    kept = ServiceDates.objects.values("edition_id")
    missing = list(
        Edition.objects.filter(version__lte=edition.version)
        .exclude(pk__in=kept)
        .order_by("version")  # snapshots read one at a time below: there may be hundreds
    )
    earlier = ServiceDates(last_modified={}, fingerprints={})
    if missing:
        before = Edition.objects.filter(version__lt=missing[0].version).order_by("-version")
        earlier = ServiceDates.objects.filter(edition__in=before[:1]).first() or earlier
    for item in missing:
        prints = _fingerprints(Statement(item.snapshot_read()))
        published = item.published_at.astimezone(datetime.UTC).isoformat(timespec="milliseconds")
        dates = {
            id: earlier.last_modified[id]
            if earlier.fingerprints.get(id) == digest and id in earlier.last_modified
            else published
            for id, digest in prints.items()
        }
        earlier = _keep(item, dates, prints)
    return ServiceDates.objects.get(edition=edition).last_modified


def _keep(edition: Edition, dates: dict[str, str], prints: dict[str, str]) -> ServiceDates:
    try:
        with transaction.atomic():
            return ServiceDates.objects.create(
                edition=edition, last_modified=dates, fingerprints=prints
            )
    except IntegrityError:  # another worker kept them first: the same dates
        return ServiceDates.objects.get(edition=edition)


def service_dates_on_publish(sender, *, edition: Edition, **kwargs) -> None:
    """When an edition is published, keep its services' dates with it (in the publishing
    transaction, so they commit together)."""
    service_dates_record(edition=edition)


def service_dates_catch_up(sender, **kwargs) -> None:
    """After migrate: dates for editions published before they were kept, so the first
    request after an upgrade does not work them out."""
    latest = Edition.objects.current()
    if latest is not None and not ServiceDates.objects.filter(edition=latest).exists():
        service_dates_record(edition=latest)
