"""Publishing: what stops the working copy being published, and freezing it as the next
edition. The admin's publish page and `manage.py publish_statement` both come here, so
they refuse the same things."""

import datetime
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Count, Model
from django.urls import reverse
from django.utils import timezone

from contacts.models import Contact
from core.wording import date_from_stated
from offer.choices import DatePrecision
from offer.links import RecordRef, change_url
from offer.models import CheckerRule, ReferralRoute, Service, Statement, Tier
from offer.roles import PUBLISH_PERMISSION

from .models import Edition, EditionSnapshot, WithdrawnService
from .read import Statement as Read
from .reading import reading_counts_record
from .signals import edition_published
from .snapshot import (
    SCHEMA_VERSION,
    snapshot_build,
    snapshot_digest,
    snapshot_references_missing,
)

# Two officers publishing at the same instant race for the next version number; the
# unique constraint makes one of them retry with the following number. A read that
# officers' edits raced is tried again too.
_PUBLISH_ATTEMPTS = 5
_SERIALIZATION_FAILURE = "40001"
_BUSY = (
    "Others were publishing or editing at the same moment, so nothing was published. Publish again."
)

WORKING_COPY_MOVED = (
    "Someone changed the working copy while you were checking it. Nothing was published: "
    "look through the changes again, then publish."
)


@dataclass(frozen=True)
class Problem:
    """Something to put right (or, as a warning, to look at) before publishing, with
    where in the admin to do it."""

    message: str
    record: Model | RecordRef | None = None
    # Where to fix it when it is not one record's page (say, "add a service").
    link: str = ""
    # What sort of problem, so a long run of one sort can be summed up (problems_listed).
    kind: str = ""

    @property
    def url(self) -> str:
        return self.link or (change_url(self.record) if self.record is not None else "")


# Shown of each sort of problem before the rest are counted: a spreadsheet of thousands
# of services with no cost would otherwise make a page of thousands of lines.
PROBLEMS_SHOWN_PER_KIND = 10


def problems_listed(problems: list[Problem]) -> list[dict[str, str]]:
    """Problems as lines for a page (message and where to fix it): of each sort, the
    first PROBLEMS_SHOWN_PER_KIND, then a line saying how many more."""
    counts = Counter(problem.kind for problem in problems if problem.kind)
    seen: Counter[str] = Counter()
    lines = []
    for problem in problems:
        if problem.kind:
            seen[problem.kind] += 1
            if seen[problem.kind] > PROBLEMS_SHOWN_PER_KIND:
                if seen[problem.kind] == PROBLEMS_SHOWN_PER_KIND + 1:
                    more = counts[problem.kind] - PROBLEMS_SHOWN_PER_KIND
                    lines.append({"message": f"And {more} more like this.", "url": ""})
                continue
        lines.append({"message": problem.message, "url": problem.url})
    return lines


def statement_problems() -> list[Problem]:
    """Everything missing from the working copy, in the order an officer would fix it.

    An empty list means the working copy can be published.
    """
    problems: list[Problem] = []
    statement = Statement.load()
    if statement is None or not statement.council_name.strip():
        problems.append(
            Problem(
                "Add the statement details, including the council's name.",
                statement,
                link="" if statement else reverse("admin:offer_statement_add"),
            )
        )

    # Tiers are optional: a council that names no levels lists its services as they are.
    services = Service.objects.in_statement()
    if not services.exists():
        problems.append(
            Problem(
                "Add at least one service to the statement.",
                link=reverse("admin:offer_service_add"),
            )
        )
    # A planned or paused service has no way to apply yet; one families can have has a
    # way in, its own or its tier's. Only those without are read.
    without_way_in = (
        services.offered()
        .annotate(
            route_count=Count("referral_routes", distinct=True),
            tier_route_count=Count("tier__referral_routes", distinct=True),
        )
        .filter(route_count=0, tier_route_count=0)
        .only("pk", "name")
        .order_by("name")
    )
    for service in without_way_in:
        problems.append(
            Problem(
                f'Service "{service.name}" has no referral route (how to get it), '
                "and neither has its tier.",
                service,
                kind="service-without-way-in",
            )
        )
    return problems


def statement_warnings() -> list[Problem]:
    """What families would trip over, worth checking before publishing but not stopping
    it: contacts with no way to reach them, levels with no rule or missing the way in all
    their services use, no checker rules, services that do not say what they cost."""
    return [
        *_contacts_unreachable(),
        *_tiers_incomplete(),
        *_checker_missing(),
        *_services_unclear(),
        *_accessibility_incomplete(),
    ]


def _contacts_unreachable() -> list[Problem]:
    bare = (
        Contact.objects.filter(
            email="", alternative_email="", website="", explanation="", phones__isnull=True
        )
        .filter(social_links__isnull=True)
        .order_by("name")
        .distinct()
    )
    return [
        Problem(
            f'Contact "{contact.name}" has no phone, email or website, and no words on who '
            "they are or how to reach them.",
            contact,
            kind="contact-unreachable",
        )
        for contact in bare
    ]


def _tiers_incomplete() -> list[Problem]:
    warnings = []
    tiers = Tier.objects.prefetch_related("eligibility_rules", "referral_routes")
    # Each offered service's ways in, by its tier: ids only, whatever the number.
    offered = Service.objects.in_statement().offered()
    routes_by_service: dict[int, set[int]] = {
        pk: set() for pk in offered.filter(tier__isnull=False).values_list("pk", flat=True)
    }
    tier_of = dict(offered.filter(tier__isnull=False).values_list("pk", "tier_id"))
    field = Service.referral_routes.field
    own, route = field.m2m_field_name(), field.m2m_reverse_field_name()
    rows = field.remote_field.through.objects.filter(**{f"{own}__in": offered})
    for service_id, route_id in rows.values_list(f"{own}_id", f"{route}_id"):
        if service_id in routes_by_service:
            routes_by_service[service_id].add(route_id)
    services_by_tier: dict[int, list[set[int]]] = {}
    for service_id, routes in routes_by_service.items():
        services_by_tier.setdefault(tier_of[service_id], []).append(routes)
    for tier in tiers:
        if not tier.eligibility_rules.all():
            warnings.append(
                Problem(
                    f'Tier "{tier.name}" has no eligibility rule: who can get it.',
                    tier,
                    kind="tier-without-rule",
                )
            )
        services = services_by_tier.get(tier.pk)
        if not services:
            continue
        shared = set.intersection(*services)
        missing = shared - {route.pk for route in tier.referral_routes.all()}
        for route in ReferralRoute.objects.filter(pk__in=missing).order_by("title"):
            warnings.append(
                Problem(
                    f'Every service in tier "{tier.name}" uses the route "{route.title}", '
                    'but the tier\'s own "how to get it" leaves it out.',
                    tier,
                    kind="tier-without-shared-route",
                )
            )
    return warnings


def _checker_missing() -> list[Problem]:
    if not Tier.objects.exists() or CheckerRule.objects.exists():
        return []
    return [
        Problem(
            'There are no checker rules, so families will not see the "What could we '
            'get?" questions.',
            link=reverse("admin:offer_checkerrule_add"),
        )
    ]


def _accessibility_incomplete() -> list[Problem]:
    """The facts the accessibility regulations ask for that the council has not given:
    the page shows none of them until it does."""
    statement = Statement.objects.first()
    if statement is None:
        return []
    missing = [
        words
        for given, words in (
            (
                statement.accessibility_email
                or Contact.objects.filter(is_useful_contact=True).exists(),
                "whom to contact",
            ),
            (statement.accessibility_reply_time, "how soon the council replies"),
            (statement.accessibility_compliance, "how far the website complies"),
            (statement.accessibility_prepared_on, "when the statement was prepared"),
        )
        if not given
    ]
    if not missing:
        return []
    return [
        Problem(
            "The accessibility statement does not yet say " + _and_list(missing) + ".",
            statement,
            kind="accessibility-incomplete",
        )
    ]


def _and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _services_unclear() -> list[Problem]:
    no_summary, no_cost = [], []
    rows = (
        Service.objects.in_statement()
        .offered()
        .order_by("name")
        .values_list("pk", "name", "summary", "cost", "cost_kind")
    )
    # Plain rows: with thousands of services, a model object each costs more than the
    # check; a problem links to the service by its key alone.
    for pk, name, summary, cost, cost_kind in rows:
        if not summary.strip():
            no_summary.append(
                Problem(
                    f'Service "{name}" has no summary.',
                    Service(pk=pk, name=name),
                    kind="no-summary",
                )
            )
        if not (cost.strip() or cost_kind):
            no_cost.append(
                Problem(
                    f'Service "{name}" does not say what it costs (free, depends on the '
                    "assessment, a contribution or an amount): families are told to ask.",
                    RecordRef(Service, pk),
                    kind="no-cost",
                )
            )
    return no_summary + no_cost


class PublishRefused(Exception):
    """The working copy cannot be published; `problems` says why, one line each."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))


class PublishNotAllowed(Exception):
    """The officer may edit the working copy but not publish it."""


def publish_not_allowed_message(user: AbstractBaseUser) -> str:
    name = user.get_username()
    return (
        f"{name} cannot publish: only officers with the Publisher role can. Ask a "
        f"publisher to check the working copy and publish it, or ask an administrator to "
        f"add {name} to the Publisher group."
    )


def edition_default_label(*, on: datetime.date) -> str:
    """The day it is published, '6 December 2026' (then '6 December 2026, update 2'...):
    the one fact a label can give that nobody has to state."""
    base = f"{on.day} {on:%B %Y}"
    earlier = Edition.objects.filter(label__startswith=base).count()
    return base if earlier == 0 else f"{base}, update {earlier + 1}"


def edition_dates_stated() -> dict[str, Any]:
    """The review dates the statement itself gives (offer.Statement), as the publish
    form and command take them: {} for a date it does not give."""
    statement = Statement.load()
    found: dict[str, Any] = {}
    for name, stated in (
        ("reviewed_on", statement.reviewed_on_stated if statement else ""),
        ("next_review_due", statement.next_review_stated if statement else ""),
    ):
        if stated:
            found[name], found[f"{name}_shown_as"] = date_from_stated(stated)
    return found


def edition_publish(
    *,
    label: str | None = None,
    reviewed_on: datetime.date | None = None,
    next_review_due: datetime.date | None = None,
    reviewed_on_shown_as: str = DatePrecision.DAY,
    next_review_due_shown_as: str = DatePrecision.DAY,
    published_by: AbstractBaseUser | None = None,
    expected_digest: str | None = None,
) -> Edition:
    """Check the working copy is complete, then freeze it as the next edition.

    The review dates are printed as exactly as the statement gives them (`*_shown_as`:
    a day, a month or a year, stored as its first day).

    Raises PublishRefused (and publishes nothing) if anything is missing or the dates
    do not make sense, or, given `expected_digest`, if the working copy is no longer
    what the officer reviewed before confirming. Raises PublishNotAllowed if
    `published_by` does not have the Publisher role's permission.
    """
    if published_by is not None and not published_by.has_perm(PUBLISH_PERMISSION):
        raise PublishNotAllowed(publish_not_allowed_message(published_by))
    today = timezone.localdate()
    problems = statement_problems()
    # Dates are the statement's own: none is assumed, and one given is checked.
    if reviewed_on is not None and reviewed_on > today:
        problems.append(Problem("The review date cannot be in the future."))
    if reviewed_on is not None and next_review_due is not None and next_review_due <= reviewed_on:
        problems.append(Problem("The next review must be due after the date it was reviewed."))
    if label is not None and not label.strip():
        problems.append(Problem("Give the edition a label, or leave it out for the default."))
    label_limit = Edition._meta.get_field("label").max_length
    if label and len(label.strip()) > label_limit:
        problems.append(Problem(f"Keep the label to {label_limit} characters or fewer."))
    if problems:
        raise PublishRefused(problems)

    attempt = 1
    while True:
        try:
            return _edition_create(
                fields={
                    "label": (label or edition_default_label(on=today)).strip(),
                    "reviewed_on": reviewed_on,
                    "reviewed_on_shown_as": reviewed_on_shown_as,
                    "next_review_due": next_review_due,
                    "next_review_due_shown_as": next_review_due_shown_as,
                    "published_by": published_by,
                },
                expected_digest=expected_digest,
            )
        except (IntegrityError, _ReadAgain) as problem:
            if attempt == _PUBLISH_ATTEMPTS:
                if isinstance(problem, PublishRefused):
                    raise
                # Still racing other publishers for the next number: say so (a 400 with
                # "publish again"), never a server error.
                raise PublishRefused([Problem(_BUSY)]) from problem
            attempt += 1


class _ReadAgain(Exception):
    """The snapshot read was not consistent (officers' edits raced it): read again."""


class InconsistentSnapshot(PublishRefused, _ReadAgain):
    """A snapshot refers to records it does not hold; it is never published."""


def _edition_create(*, fields: dict, expected_digest: str | None) -> Edition:
    """The next edition (with `fields`: its label, review dates and publisher) from the
    working copy as it is now: read as one consistent view
    (on PostgreSQL, one REPEATABLE READ transaction; SQLite has one writer at a time),
    checked to hold everything it refers to, and saved in the same transaction."""
    outermost = not connection.in_atomic_block
    try:
        with transaction.atomic():
            if outermost and connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            snapshot = snapshot_build()
            missing = snapshot_references_missing(snapshot)
            if missing:
                raise InconsistentSnapshot([Problem(message) for message in missing])
            if expected_digest is not None and snapshot_digest(snapshot) != expected_digest:
                raise PublishRefused([Problem(WORKING_COPY_MOVED)])
            previous = Edition.objects.current()
            edition = Edition.objects.create(
                version=previous.version + 1 if previous else 1,
                schema_version=SCHEMA_VERSION,
                snapshot=snapshot,
                published_at=timezone.now(),
                **fields,
            )
            published = Read(snapshot)  # stored now, so read in place
            # The glossary terms its pages use, worked out once here for every worker.
            EditionSnapshot.objects.filter(edition=edition).update(
                glossary_used=sorted(published.glossary_terms_used)
            )
            if previous is not None:
                _record_withdrawn_services(previous=previous, edition=edition, kept=published)
            reading_counts_record(edition=edition, statement=published)
            edition_published.send(sender=Edition, edition=edition)
            return edition
    except OperationalError as error:
        # Another publish changed what this one read: read the working copy again.
        if getattr(error.__cause__, "sqlstate", None) == _SERIALIZATION_FAILURE:
            raise _ReadAgain() from error
        raise


def _record_withdrawn_services(*, previous: Edition, edition: Edition, kept: Read) -> None:
    """Note each service `previous` had and `edition` (`kept`) dropped, for its 410 page."""
    before = previous.snapshot_read()
    tiers = {tier.id: tier for tier in before.tiers}
    for service in before.services:
        if service.id in kept.by_id["service"]:
            continue
        tier = tiers.get(service.tier_id or "")
        WithdrawnService.objects.update_or_create(
            uid=service.id,
            defaults={
                "slug": service.slug,
                "name": service.name,
                "tier_uid": service.tier_id,
                "tier_level": tier.level if tier else "",
                "last_edition": previous,
                "withdrawn_in": edition,
            },
        )
