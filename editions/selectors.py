"""Reads of published editions: the current one, one by number, the one before, every
one, what changed between two, and the addresses editions used to have."""

import datetime
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from offer.models import SlugHistory

from .cache import EditionMemo, TimedMemo, edition_dropped, made_to_keep
from .changes import ChangeReport, changes_between
from .derived import derived_read
from .models import Edition, WithdrawnService
from .read import Statement
from .snapshot import Snapshot, snapshot_build, snapshot_digest

_changes = EditionMemo()
_current_sql: dict[str, tuple[str, tuple]] = {}


# How long a process trusts its answer to "which edition is current?" before asking the
# database again. A publish in this process is seen at once (see _forget_current); one
# made by another instance or worker, within this time.
CURRENT_EDITION_SECONDS = 1.0

# Per database kind (a test run may use two): the answer and when it was read.
current_edition_memo = TimedMemo(CURRENT_EDITION_SECONDS)


def edition_current() -> Edition | None:
    """The latest published edition, without its (large) snapshot.

    Every public request asks this first, so each process remembers the answer for
    CURRENT_EDITION_SECONDS: a page kept in the page cache then costs no query at all.
    The SQL is compiled once per database kind and run raw: a third of the ORM's cost,
    the same answer (and the same conversions of values) every time."""
    vendor = connection.vendor
    found, current = current_edition_memo.get(vendor)
    if found:
        return current
    if vendor not in _current_sql:
        _current_sql[vendor] = Edition.objects.newest_first()[:1].query.sql_with_params()
    sql, params = _current_sql[vendor]
    current = next(iter(Edition.objects.raw(sql, params)), None)
    current_edition_memo.put(vendor, current)
    return current


def edition_current_forget() -> None:
    """Ask the database again next time: an edition was saved or deleted here."""
    current_edition_memo.clear()


@receiver([post_save, post_delete], sender=Edition, dispatch_uid="edition_current_forget")
def _forget_current(**kwargs) -> None:
    # Now, for this transaction's own reads, and again once it commits, in case another
    # thread asked between the save and the commit and remembered the edition before.
    edition_current_forget()
    transaction.on_commit(edition_current_forget)


def edition_by_version(*, version: int) -> Edition | None:
    """A published edition by its number, without its snapshot."""
    return Edition.objects.newest_first().filter(version=version).first()


def editions_published() -> list[Edition]:
    """Every published edition, newest first, without their snapshots."""
    return list(Edition.objects.newest_first().select_related("published_by"))


# Read editions are the largest thing a worker keeps (the current one holds its finder
# index too): the current edition, and one earlier edition being read. A pinned page is
# kept in the page cache once rendered, so its edition is rarely read again; reading
# other earlier editions never pushes the current one out, and the earlier one kept goes
# before the next is read, so two are never held beside the current.
def _services_in(statement: Statement) -> int:
    return len(statement.services)


_current_statements = EditionMemo(size=1, on_drop=edition_dropped, weigh=_services_in)
_earlier_statements = EditionMemo(
    size=1, make_room_first=True, on_drop=edition_dropped, weigh=_services_in
)


def edition_statement(*, edition: Edition) -> Statement:
    """The edition's content, read (on first use in this process) and kept."""
    current = edition_current()
    memo = _current_statements if current and current.uid == edition.uid else _earlier_statements
    return memo.get_or_make(str(edition.uid), lambda: _statement_read(edition))


def _statement_read(edition: Edition) -> Statement:
    """Read an edition to keep (editions.cache.made_to_keep: without the garbage
    collector walking what it makes), with the glossary terms it uses as kept at its
    publish (an edition published before they were kept finds them on first use)."""

    def read() -> Statement:
        snapshot, used = edition.snapshot_read_with_glossary()
        return Statement(snapshot, glossary_used=used)

    statement = made_to_keep(read)
    statement.edition_id = edition.pk
    return statement


def statement_current() -> tuple[Edition, Statement] | None:
    """The current edition and its content, or None before the first publish."""
    edition = edition_current()
    if edition is None:
        return None
    return edition, edition_statement(edition=edition)


def working_copy_statement(snapshot: Snapshot | None = None) -> Statement:
    """The working copy as the public pages would show it if published now (preview),
    from `snapshot` when it was just built (it is then read, and not to be kept)."""
    return Statement(snapshot or snapshot_build())


def edition_changes(*, edition: Edition, since: Edition | None) -> ChangeReport:
    """What changed in `edition` since the edition `since` (None: the first edition)."""
    key = (str(since.uid) if since else "", str(edition.uid))
    return _changes.get_or_make(key, lambda: _changes_worked_out(edition=edition, since=since))


def _changes_worked_out(*, edition: Edition, since: Edition | None) -> ChangeReport:
    """What changed, as kept with the edition (the task that warms a new edition works
    out the changes since the one before), else worked out now."""
    kept = derived_read(edition_id=edition.pk, kind=changes_kind(since), type=ChangeReport)
    if kept is not None:
        return kept
    return changes_between(
        old=edition_statement(edition=since) if since else None,
        new=edition_statement(edition=edition),
    )


def changes_kind(since: Edition | None) -> str:
    """What the changes since `since` are kept as, beside the edition."""
    return f"changes since {since.version if since else 0}"


def edition_before(*, edition: Edition) -> Edition | None:
    """The edition published just before `edition`, if any."""
    return Edition.objects.newest_first().filter(version__lt=edition.version).first()


def working_copy_changes() -> tuple[ChangeReport, str, Statement]:
    """What publishing now would change for families, against the current edition, the
    working copy's digest (so a publish can check nothing changed since), and the working
    copy itself, read."""
    current = Edition.objects.current()
    snapshot = snapshot_build()
    digest = snapshot_digest(snapshot)
    working_copy = working_copy_statement(snapshot)
    old = edition_statement(edition=current) if current else None
    return changes_between(old=old, new=working_copy), digest, working_copy


def old_address_owner(*, kind: str, slug: str) -> uuid.UUID | None:
    """The permanent id of the tier, service or provider (`kind`) that used to be at
    `slug`, or None if nothing ever was."""
    return SlugHistory.objects.filter(kind=kind, slug=slug).values_list("uid", flat=True).first()


def withdrawn_service(*, slug: str) -> WithdrawnService | None:
    """A service no longer offered, by the address it had last or any address before."""
    withdrawn = WithdrawnService.objects.select_related("last_edition", "withdrawn_in")
    found = withdrawn.filter(slug=slug).order_by("-withdrawn_in__version").first()
    if found is None:
        old = SlugHistory.objects.filter(kind="service", slug=slug).values_list("uid", flat=True)
        found = withdrawn.filter(uid__in=old).first()
    return found


def statement_review_due(*, today: datetime.date) -> Edition | None:
    """The current edition, if the statement's own review is due within the warning
    period or overdue; otherwise None."""
    edition = Edition.objects.current()
    horizon = today + datetime.timedelta(days=settings.REVIEW_WARNING_DAYS)
    if edition is not None and edition.next_review_due and edition.next_review_due <= horizon:
        return edition
    return None


@dataclass(frozen=True)
class ChangedBecauseTold:
    """The services (by name, once each) changed between two editions because someone
    told the council: put right after a family's report ("you told us, we put it
    right"), and changed at the request of the people who run them. Names only:
    nothing anyone said."""

    put_right: list[str]
    from_providers: list[str]


def services_changed_because_told(*, edition: Edition, since: Edition | None) -> ChangedBecauseTold:
    """What an officer changed between the edition `since` and `edition` being published
    after a family's report or a provider's proposal (one query)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q

    from offer.models import REPORT_CLOSED_REASON, RecordChange, Service

    fixed = Q(action=RecordChange.Action.REPORT_CLOSED, reason=f"{REPORT_CLOSED_REASON}fixed")
    approved = Q(action=RecordChange.Action.PROPOSAL_APPROVED)
    changes = RecordChange.objects.filter(
        fixed | approved,
        # As the history's writers name it (kept by Django once per process).
        content_type=ContentType.objects.get_for_model(Service),
        changed_at__lte=edition.published_at,
    )
    if since is not None:
        changes = changes.filter(changed_at__gt=since.published_at)
    found: dict[str, dict[str, None]] = {"put_right": {}, "from_providers": {}}
    for action, name in changes.order_by("object_repr").values_list("action", "object_repr"):
        kind = "from_providers" if action == RecordChange.Action.PROPOSAL_APPROVED else "put_right"
        found[kind][name] = None
    return ChangedBecauseTold(
        put_right=list(found["put_right"]), from_providers=list(found["from_providers"])
    )
