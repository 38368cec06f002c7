"""Writes: publishing the working copy as a new edition."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Edition, WithdrawnService
from .roles import PUBLISH_PERMISSION
from .selectors import Problem, statement_problems
from .snapshot import SCHEMA_VERSION, snapshot_build, snapshot_digest, snapshot_upgrade

# Two officers publishing at the same instant race for the next version number; the
# unique constraint makes one of them retry with the following number.
_PUBLISH_ATTEMPTS = 5

WORKING_COPY_MOVED = (
    "Someone changed the working copy while you were checking it. Nothing was published: "
    "look through the changes again, then publish."
)


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


def one_year_after(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def edition_default_label(*, on: datetime.date) -> str:
    """'2026 to 2027' for the year's first edition, then '2026 to 2027, update 2'..."""
    base = f"{on.year} to {on.year + 1}"
    earlier = Edition.objects.filter(label__startswith=base).count()
    return base if earlier == 0 else f"{base}, update {earlier + 1}"


def edition_publish(
    *,
    label: str | None = None,
    reviewed_on: datetime.date | None = None,
    next_review_due: datetime.date | None = None,
    published_by: AbstractBaseUser | None = None,
    expected_digest: str | None = None,
) -> Edition:
    """Check the working copy is complete, then freeze it as the next edition.

    Raises PublishRefused (and publishes nothing) if anything is missing or the dates
    do not make sense, or, given `expected_digest`, if the working copy is no longer
    what the officer reviewed before confirming. Raises PublishNotAllowed if
    `published_by` does not have the Publisher role's permission.
    """
    if published_by is not None and not published_by.has_perm(PUBLISH_PERMISSION):
        raise PublishNotAllowed(publish_not_allowed_message(published_by))
    today = timezone.localdate()
    reviewed_on = reviewed_on or today
    next_review_due = next_review_due or one_year_after(today)
    problems = statement_problems()
    if reviewed_on > today:
        problems.append(Problem("The review date cannot be in the future."))
    if next_review_due <= reviewed_on:
        problems.append(Problem("The next review must be due after the date it was reviewed."))
    if label is not None and not label.strip():
        problems.append(Problem("Give the edition a label, or leave it out for the default."))
    label_limit = Edition._meta.get_field("label").max_length
    if label and len(label.strip()) > label_limit:
        problems.append(Problem(f"Keep the label to {label_limit} characters or fewer."))
    if problems:
        raise PublishRefused(problems)

    for attempt in range(_PUBLISH_ATTEMPTS):
        try:
            with transaction.atomic():
                snapshot = snapshot_build()
                if expected_digest is not None and snapshot_digest(snapshot) != expected_digest:
                    raise PublishRefused([Problem(WORKING_COPY_MOVED)])
                previous = Edition.objects.order_by("-version").first()
                edition = Edition.objects.create(
                    version=previous.version + 1 if previous else 1,
                    label=(label or edition_default_label(on=today)).strip(),
                    schema_version=SCHEMA_VERSION,
                    snapshot=snapshot,
                    published_at=timezone.now(),
                    published_by=published_by,
                    reviewed_on=reviewed_on,
                    next_review_due=next_review_due,
                )
                if previous is not None:
                    _record_withdrawn_services(previous=previous, edition=edition)
                return edition
        except IntegrityError:
            if attempt == _PUBLISH_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _record_withdrawn_services(*, previous: Edition, edition: Edition) -> None:
    """Note each service `previous` had and `edition` dropped, for its 410 page."""
    before = snapshot_upgrade(previous.snapshot)
    kept = {service["id"] for service in edition.snapshot["services"]}
    tiers = {tier["id"]: tier for tier in before["tiers"]}
    for service in before["services"]:
        if service["id"] in kept:
            continue
        tier = tiers.get(service["tier"] or "")
        WithdrawnService.objects.update_or_create(
            uid=service["id"],
            defaults={
                "slug": service["slug"],
                "name": service["name"],
                "tier_uid": service["tier"],
                "tier_level": tier["level"] if tier else "",
                "last_edition": previous,
                "withdrawn_in": edition,
            },
        )
