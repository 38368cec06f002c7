"""Reads: the current edition for the public pages, and what stops a publish."""

from collections import OrderedDict
from dataclasses import dataclass
from threading import Lock

from django.db.models import Count, Model, Q

from .models import Edition, ReferralRoute, Service, Statement, Tier
from .snapshot import PublishedStatement

# Editions never change, so each is parsed once per process and kept, keyed by its uid
# (never by pk, which a test database may reuse). A few are enough: the current one and
# any pinned editions people are reading.
_STATEMENT_CACHE_SIZE = 8
_statements: "OrderedDict[str, PublishedStatement]" = OrderedDict()
_statements_lock = Lock()


def edition_current() -> Edition | None:
    """The latest published edition, without its (large) snapshot."""
    return Edition.objects.defer("snapshot").order_by("-version").first()


def edition_by_version(version: int) -> Edition | None:
    """A published edition by its number, without its snapshot."""
    return Edition.objects.defer("snapshot").filter(version=version).first()


def editions_published() -> list[Edition]:
    """Every published edition, newest first, without their snapshots."""
    return list(Edition.objects.defer("snapshot").select_related("published_by"))


def edition_statement(*, edition: Edition) -> PublishedStatement:
    """The edition's content, ready for templates (loads the snapshot on first use)."""
    key = str(edition.uid)
    with _statements_lock:
        statement = _statements.get(key)
        if statement is not None:
            _statements.move_to_end(key)
            return statement
    statement = PublishedStatement(edition.snapshot)
    with _statements_lock:
        _statements[key] = statement
        while len(_statements) > _STATEMENT_CACHE_SIZE:
            _statements.popitem(last=False)
    return statement


def statement_current() -> tuple[Edition, PublishedStatement] | None:
    """The current edition and its content, or None before the first publish."""
    edition = edition_current()
    if edition is None:
        return None
    return edition, edition_statement(edition=edition)


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
