"""Keeping the working copy current: which services, providers and contacts are due for
their regular check, marking them reviewed, and emailing each owner a digest."""

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Model, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format

from core.models import Reviewed
from core.wording import counted

from .history import history_record, history_scope
from .models import RecordChange, ReviewReminder
from .roles import PUBLISHER


def reviewed_models() -> list[type[Model]]:
    """Every working-copy model an officer owns and checks regularly."""
    return [model for model in apps.get_models() if issubclass(model, Reviewed)]


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


def _due(today: datetime.date) -> Q:
    """Records overdue or due within REVIEW_WARNING_DAYS, or never reviewed."""
    interval = datetime.timedelta(days=settings.REVIEW_INTERVAL_DAYS)
    horizon = today + datetime.timedelta(days=settings.REVIEW_WARNING_DAYS)
    return Q(last_reviewed_on__isnull=True) | Q(last_reviewed_on__lte=horizon - interval)


def review_counts_due(*, today: datetime.date, owner: Model) -> tuple[int, int]:
    """How many records are due for review (as review_items_due lists them), and how
    many of those `owner` owns: counted by the database, whatever their number."""
    everyone = mine = 0
    for model in reviewed_models():
        due = model.objects.filter(_due(today))
        everyone += due.count()
        mine += due.filter(owner=owner).count()
    return everyone, mine


def review_items_due(*, today: datetime.date, owner: Model | None = None) -> list[DueItem]:
    """Everything overdue or due within REVIEW_WARNING_DAYS, never-reviewed and most
    overdue first. With `owner`, only that officer's items."""
    items = []
    for model in reviewed_models():
        records = model.objects.filter(_due(today)).select_related("owner")
        if owner is not None:
            records = records.filter(owner=owner)
        for record in records:
            due_on = record.review_due_on
            items.append(DueItem(record, due_on, overdue=due_on is None or due_on < today))
    return sorted(
        items,
        key=lambda i: (i.due_on is not None, i.due_on or today, str(i.record).casefold()),
    )


# How long a "still correct" link in a reminder email works.
CONFIRM_LINK_DAYS = 30
_CONFIRM_SALT = "offer.reviews.still-correct"


def review_confirm_token(*, item: DueItem, owner: Model) -> str:
    """The signed part of a reminder's "still correct" link: which record, for whom."""
    return signing.dumps({"key": item.key, "owner": owner.pk}, salt=_CONFIRM_SALT)


def review_confirm_read(token: str) -> tuple[str, int] | None:
    """(the record's key, the owner it was sent to) from a link's token; None if it was
    changed or is older than CONFIRM_LINK_DAYS."""
    try:
        data = signing.loads(token, salt=_CONFIRM_SALT, max_age=CONFIRM_LINK_DAYS * 86400)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("owner"), int):
        return None
    return str(data.get("key", "")), data["owner"]


def reminders_last_sent(*, owners: set[int]) -> dict[int, datetime.date]:
    """The day each of these officers was last sent a review reminder."""
    found: dict[int, datetime.date] = {}
    for owner, sent_on in (
        ReviewReminder.objects.filter(owner__in=owners)
        .order_by("owner", "sent_on")
        .values_list("owner", "sent_on")
    ):
        found[owner] = sent_on
    return found


class NotReviewable(Exception):
    """A 'mark reviewed' request named something that cannot be marked, or that the
    officer may not change."""


def records_mark_reviewed(*, keys: list[str], by: AbstractBaseUser, on: datetime.date) -> int:
    """Set last_reviewed_on for each record named by a DueItem key ('<app>.<model>:<pk>').

    All or nothing: raises NotReviewable, changing nothing, if any key is malformed,
    names a record that does not exist, or one `by` may not change.
    """
    reviewable = {model._meta.label_lower: model for model in reviewed_models()}
    records = []
    for key in keys:
        label, _, pk = key.partition(":")
        model = reviewable.get(label)
        if model is None or not (pk.isascii() and pk.isdigit()):
            raise NotReviewable(f"'{key}' is not something that can be marked reviewed.")
        if not by.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}"):
            raise NotReviewable(
                f"You do not have permission to change {model._meta.verbose_name_plural}."
            )
        record = model.objects.filter(pk=int(pk)).first()
        if record is None:
            raise NotReviewable(f"That {model._meta.verbose_name} no longer exists.")
        records.append(record)
    with transaction.atomic(), history_scope(by=by, why="Marked reviewed"):
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


@dataclass
class RemindersSent:
    """What one run of the reminders did, for the command's output."""

    sent: list[tuple[str, int]] = field(default_factory=list)  # (email, item count)
    already_sent: list[str] = field(default_factory=list)
    no_email: list[str] = field(default_factory=list)
    unowned: int = 0


def review_reminders_send(*, today: datetime.date, statement_due=None) -> RemindersSent:
    """Email each owner one digest of their due items (and publishers the statement's own
    review, `statement_due`: the current edition when its review is due). An officer
    already sent a digest today is skipped, so running this twice on one day sends
    nothing twice."""
    result = RemindersSent()
    by_owner: dict[int, list[DueItem]] = {}
    for item in review_items_due(today=today):
        if item.record.owner_id is None:
            result.unowned += 1
        else:
            by_owner.setdefault(item.record.owner_id, []).append(item)

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
                for item in items:
                    history_record(
                        record=item.record,
                        action=RecordChange.Action.REMINDED,
                        by=None,
                        fields=[{"field": "Asked to check it", "old": "", "new": str(user)}],
                        reason="Review reminder emailed to its owner",
                    )
                _send_digest(user=user, items=items, statement_due=statement_item, today=today)
        except IntegrityError:
            result.already_sent.append(user.email)
            continue
        result.sent.append((user.email, len(items) + bool(statement_item)))
    return result


def _send_digest(*, user, items: list[DueItem], statement_due, today) -> None:
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
                "still_correct": settings.SITE_URL
                + reverse(
                    "admin:review_confirm",
                    args=[review_confirm_token(item=item, owner=user)],
                ),
            }
            for item in items
        ],
        "statement_due": statement_due,
        "due_page": settings.SITE_URL + reverse("admin:due_for_review"),
        "today": today,
    }
    send_mail(
        subject=f"Short breaks statement: {counted(count, 'item', 'items')} due for review",
        message=render_to_string("emails/review_reminder.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )
