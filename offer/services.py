"""Writes: publishing the working copy as a new edition, and keeping it reviewed."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from .models import Edition, RecordChange, ReviewReminder, WithdrawnService
from .roles import PUBLISH_PERMISSION, PUBLISHER
from .selectors import (
    REVIEWED_MODELS,
    DueItem,
    Problem,
    review_items_due,
    statement_problems,
    statement_review_due,
)
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


class NotReviewable(Exception):
    """A 'mark reviewed' request named something that cannot be marked, or that the
    officer may not change."""


def records_mark_reviewed(*, keys: list[str], by: AbstractBaseUser, on: datetime.date) -> int:
    """Set last_reviewed_on for each record named by a DueItem key ('<app>.<model>:<pk>').

    All or nothing: raises NotReviewable, changing nothing, if any key is malformed,
    names a record that does not exist, or one `by` may not change.
    """
    reviewable = {model._meta.label_lower: model for model in REVIEWED_MODELS}
    records = []
    for key in keys:
        label, _, pk = key.partition(":")
        model = reviewable.get(label)
        if model is None or not pk.isdigit():
            raise NotReviewable(f"'{key}' is not something that can be marked reviewed.")
        if not by.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}"):
            raise NotReviewable(
                f"You do not have permission to change {model._meta.verbose_name_plural}."
            )
        record = model.objects.filter(pk=int(pk)).first()
        if record is None:
            raise NotReviewable(f"That {model._meta.verbose_name} no longer exists.")
        records.append(record)
    with transaction.atomic():
        for record in records:
            before = record.last_reviewed_on
            record.last_reviewed_on = on
            record.save()
            history_record(
                record=record,
                action=RecordChange.Action.REVIEWED,
                by=by,
                fields=[
                    {
                        "field": "Last reviewed on",
                        "old": date_format(before, "j F Y") if before else "(empty)",
                        "new": date_format(on, "j F Y"),
                    }
                ],
            )
    return len(records)


def history_record(
    *,
    record: Model,
    action: str,
    by: AbstractBaseUser | None,
    fields: list[dict[str, str]],
) -> RecordChange:
    """Note who changed `record`, how, and each field's old and new value."""
    return RecordChange.objects.create(
        content_type=ContentType.objects.get_for_model(record),
        object_id=str(record.pk),
        object_repr=str(record)[:200],
        action=action,
        changed_by=by if by is not None and by.is_authenticated else None,
        fields=fields,
    )


@dataclass
class RemindersSent:
    """What one run of the reminders did, for the command's output."""

    sent: list[tuple[str, int]] = field(default_factory=list)  # (email, item count)
    already_sent: list[str] = field(default_factory=list)
    no_email: list[str] = field(default_factory=list)
    unowned: int = 0


def review_reminders_send(*, today: datetime.date) -> RemindersSent:
    """Email each owner one digest of their due items (and publishers the statement's own
    review when it is due). An officer already sent a digest today is skipped, so
    running this twice on one day sends nothing twice."""
    result = RemindersSent()
    by_owner: dict[int, list[DueItem]] = {}
    for item in review_items_due(today=today):
        if item.record.owner_id is None:
            result.unowned += 1
        else:
            by_owner.setdefault(item.record.owner_id, []).append(item)

    statement_due = statement_review_due(today=today)
    User = get_user_model()
    publishers: set[int] = set()
    if statement_due is not None:
        publishers = set(
            User.objects.filter(groups__name=PUBLISHER, is_active=True).values_list("pk", flat=True)
        )
    recipients = set(by_owner) | publishers
    for user in User.objects.filter(pk__in=recipients, is_active=True).order_by("pk"):
        items = by_owner.get(user.pk, [])
        statement_item = statement_due if user.pk in publishers else None
        if not user.email:
            result.no_email.append(user.get_username())
            continue
        try:
            with transaction.atomic():
                # The unique (owner, day) row is the guard; if the email fails to send,
                # the row is rolled back and a later run tries again.
                ReviewReminder.objects.create(
                    owner=user, sent_on=today, item_count=len(items) + bool(statement_item)
                )
                _send_digest(user=user, items=items, statement_due=statement_item, today=today)
        except IntegrityError:
            result.already_sent.append(user.email)
            continue
        result.sent.append((user.email, len(items) + bool(statement_item)))
    return result


def _send_digest(*, user, items: list[DueItem], statement_due: Edition | None, today) -> None:
    count = len(items) + (1 if statement_due else 0)
    context = {
        "user": user,
        "items": [
            {
                "item": item,
                "url": settings.SITE_URL
                + reverse(
                    f"admin:{item.record._meta.app_label}_{item.record._meta.model_name}_change",
                    args=[item.record.pk],
                ),
            }
            for item in items
        ],
        "statement_due": statement_due,
        "due_page": settings.SITE_URL + reverse("admin:due_for_review"),
        "today": today,
    }
    send_mail(
        subject=f"Short breaks statement: {count} item{'s' if count != 1 else ''} due for review",
        message=render_to_string("emails/review_reminder.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )
