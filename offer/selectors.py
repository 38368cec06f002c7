"""Reads: the current edition for the public pages, and what stops a publish."""

import datetime
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from threading import Lock
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count, Model, Q

from contacts.models import Contact
from providers.models import Provider

from .changes import ChangeReport, changes_between
from .models import (
    Edition,
    RecordChange,
    ReferralRoute,
    Service,
    SlugHistory,
    Statement,
    Tier,
    WithdrawnService,
)
from .openreferral import Feed, fingerprint, links_at
from .snapshot import PublishedStatement, snapshot_build, snapshot_digest


class _EditionCache:
    """Editions never change, so what is worked out from one (its parsed statement, its
    changes since another) is kept per process, keyed by edition uids (never by pk,
    which a test database may reuse). A few entries are enough: the current edition and
    any pinned editions people are reading."""

    def __init__(self, size: int = 8):
        self.size = size
        self._items: OrderedDict[tuple, Any] = OrderedDict()
        self._lock = Lock()

    def get_or_make(self, key: tuple, make: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = make()  # outside the lock: parsing a large snapshot takes a while
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


_statements = _EditionCache()
_changes = _EditionCache()
_feeds = _EditionCache()
_last_modified = _EditionCache()


def edition_caches_clear() -> None:
    """Forget everything worked out from editions in this process. Only needed when the
    editions themselves are replaced under the same ids, as restoring a backup does."""
    for cache in (_statements, _changes, _feeds, _last_modified):
        cache.clear()


_current_sql: dict[str, tuple[str, tuple]] = {}


def edition_current() -> Edition | None:
    """The latest published edition, without its (large) snapshot.

    Every public request asks this first, so its SQL is compiled once per database
    kind and run raw: a third of the ORM's cost, the same answer (and the same
    conversions of values) every time."""
    vendor = connection.vendor
    if vendor not in _current_sql:
        latest = Edition.objects.defer("snapshot").order_by("-version")[:1]
        _current_sql[vendor] = latest.query.sql_with_params()
    sql, params = _current_sql[vendor]
    return next(iter(Edition.objects.raw(sql, params)), None)


def edition_by_version(version: int) -> Edition | None:
    """A published edition by its number, without its snapshot."""
    return Edition.objects.defer("snapshot").filter(version=version).first()


def edition_before(*, edition: Edition) -> Edition | None:
    """The edition published just before `edition`, or None for the first."""
    return (
        Edition.objects.defer("snapshot")
        .filter(version__lt=edition.version)
        .order_by("-version")
        .first()
    )


def editions_published() -> list[Edition]:
    """Every published edition, newest first, without their snapshots."""
    return list(Edition.objects.defer("snapshot").select_related("published_by"))


def edition_statement(*, edition: Edition) -> PublishedStatement:
    """The edition's content, ready for templates (loads the snapshot on first use)."""
    return _statements.get_or_make(
        (str(edition.uid),), lambda: PublishedStatement(edition.snapshot)
    )


def edition_changes(*, edition: Edition, since: Edition | None) -> ChangeReport:
    """What changed in `edition` since the edition `since` (None: the first edition)."""
    key = (str(since.uid) if since else "", str(edition.uid))
    return _changes.get_or_make(
        key,
        lambda: changes_between(old=since.snapshot if since else None, new=edition.snapshot),
    )


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
    return _last_modified.get_or_make((str(edition.uid),), lambda: _services_changed(edition))


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


def working_copy_statement() -> PublishedStatement:
    """The working copy as the public pages would show it if published now (preview)."""
    return PublishedStatement(snapshot_build())


def working_copy_changes() -> tuple[ChangeReport, str]:
    """What publishing now would change for families, against the current edition, and
    the working copy's digest (so a publish can check nothing changed since)."""
    current = edition_current()
    snapshot = snapshot_build()
    report = changes_between(old=current.snapshot if current else None, new=snapshot)
    return report, snapshot_digest(snapshot)


def statement_current() -> tuple[Edition, PublishedStatement] | None:
    """The current edition and its content, or None before the first publish."""
    edition = edition_current()
    if edition is None:
        return None
    return edition, edition_statement(edition=edition)


def slug_now(*, statement: PublishedStatement, kind: str, slug: str) -> str | None:
    """Where the tier, service or provider that used to be at `slug` lives now in
    `statement`, or None if no record there ever used that address."""
    uid = SlugHistory.objects.filter(kind=kind, slug=slug).values_list("uid", flat=True).first()
    if uid is None:
        return None
    record = statement.record(kind, str(uid))
    return record["slug"] if record else None


def withdrawn_service(*, slug: str) -> WithdrawnService | None:
    """A service no longer offered, by the address it had last or any address before."""
    withdrawn = WithdrawnService.objects.select_related("last_edition", "withdrawn_in")
    found = withdrawn.filter(slug=slug).order_by("-withdrawn_in__version").first()
    if found is None:
        old = SlugHistory.objects.filter(kind="service", slug=slug).values_list("uid", flat=True)
        found = withdrawn.filter(uid__in=old).first()
    return found


@dataclass(frozen=True)
class Problem:
    """Something that must be put right before the working copy can be published."""

    message: str
    record: Model | None = None


def statement_problems() -> list[Problem]:
    """Everything missing from the working copy, in the order an officer would fix it.

    An empty list means the working copy can be published.
    """
    problems: list[Problem] = []
    statement = Statement.load()
    if statement is None or not statement.council_name.strip():
        problems.append(Problem("Add the statement details, including the council's name."))

    if not Tier.objects.exists():
        problems.append(Problem("Add at least one tier of support."))

    services = (
        Service.objects.filter(include_in_statement=True)
        .select_related("tier")
        .annotate(route_count=Count("referral_routes"))
        .order_by("name")
    )
    if not services:
        problems.append(Problem("Add at least one service to the statement."))
    for service in services:
        if service.tier_id is None:
            problems.append(Problem(f'Service "{service.name}" has no tier.', service))
        if service.route_count == 0:
            problems.append(Problem(f'Service "{service.name}" has no referral route.', service))

    routes = (
        ReferralRoute.objects.annotate(contact_count=Count("contacts"))
        .filter(Q(contact_count=0) & Q(link=""))
        .order_by("title")
    )
    for route in routes:
        problems.append(
            Problem(f'Referral route "{route.title}" has no contact and no link.', route)
        )
    return problems


# Records an officer owns and reviews, in the order the "Due for review" page lists kinds.
REVIEWED_MODELS: tuple[type[Model], ...] = (Service, Provider, Contact)


@dataclass(frozen=True)
class DueItem:
    """A service, provider or contact that is due (or overdue) for its regular check."""

    record: Model
    due_on: datetime.date | None  # None: never reviewed, so due now
    overdue: bool

    @property
    def kind(self) -> str:
        return self.record._meta.verbose_name.capitalize()

    @property
    def key(self) -> str:
        """Identifies the record in a form: '<app>.<model>:<pk>'."""
        return f"{self.record._meta.label_lower}:{self.record.pk}"


def review_items_due(*, today: datetime.date, owner: Model | None = None) -> list[DueItem]:
    """Everything overdue or due within REVIEW_WARNING_DAYS, never-reviewed and most
    overdue first. With `owner`, only that officer's items."""
    interval = datetime.timedelta(days=settings.REVIEW_INTERVAL_DAYS)
    horizon = today + datetime.timedelta(days=settings.REVIEW_WARNING_DAYS)
    items = []
    for model in REVIEWED_MODELS:
        records = model.objects.filter(
            Q(last_reviewed_on__isnull=True) | Q(last_reviewed_on__lte=horizon - interval)
        ).select_related("owner")
        if owner is not None:
            records = records.filter(owner=owner)
        for record in records:
            due_on = record.review_due_on
            items.append(DueItem(record, due_on, overdue=due_on is None or due_on < today))
    return sorted(
        items,
        key=lambda i: (i.due_on is not None, i.due_on or today, str(i.record).casefold()),
    )


def statement_review_due(*, today: datetime.date) -> Edition | None:
    """The current edition, if the statement's own review is due within the warning
    period or overdue; otherwise None."""
    edition = edition_current()
    horizon = today + datetime.timedelta(days=settings.REVIEW_WARNING_DAYS)
    if edition is not None and edition.next_review_due <= horizon:
        return edition
    return None


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
