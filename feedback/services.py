"""Writes for feedback: masking personal details, the per-client limit, reports of
problems with services and the digest that takes them to their owners."""

import datetime
import hmac
import re
import unicodedata

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from core.phones import PHONE_IN_TEXT
from editions.selectors import edition_current
from offer.history import history_record
from offer.models import REPORT_CLOSED_REASON, RecordChange, Service

from .models import PageFeedback, ServiceReport, SubmissionCount

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
EMAIL_MASK = "[email address removed]"
PHONE_MASK = "[phone number removed]"


def comment_mask(*, text: str) -> str:
    """The comment with email addresses and phone numbers replaced by a note. Written
    the compatible way first, so 'bob＠example.com' or fullwidth digits are caught too."""
    text = unicodedata.normalize("NFKC", text)
    return PHONE_IN_TEXT.sub(PHONE_MASK, _EMAIL.sub(EMAIL_MASK, text))


def feedback_record(*, path: str, useful: bool, comment: str) -> PageFeedback:
    """Save one answer against the page and the edition current now."""
    edition = edition_current()
    return PageFeedback.objects.create(
        path=path,
        useful=useful,
        comment=comment_mask(text=comment.strip()),
        edition_version=edition.version if edition else None,
    )


def feedback_allowed(*, client: str) -> bool:
    """Count one submission for this client; False once it has sent more than
    FEEDBACK_RATE_LIMIT in the current window of FEEDBACK_RATE_WINDOW seconds."""
    window = settings.FEEDBACK_RATE_WINDOW
    now = timezone.now().timestamp()
    start = datetime.datetime.fromtimestamp(now - now % window, tz=datetime.UTC)
    hashed = hmac.new(settings.SECRET_KEY.encode(), client.encode(), "sha256").hexdigest()
    with transaction.atomic():
        SubmissionCount.objects.filter(window_start__lt=start).delete()  # windows gone by
        counted, _ = SubmissionCount.objects.get_or_create(client=hashed, window_start=start)
        SubmissionCount.objects.filter(pk=counted.pk).update(count=F("count") + 1)
        counted.refresh_from_db(fields=["count"])
    return counted.count <= settings.FEEDBACK_RATE_LIMIT


def service_report_record(
    *, service_id: str, service_name: str, topic: str, words: str, reply_email: str, path: str
) -> ServiceReport:
    """Save a family's report against the service in the working copy (by its permanent
    id) and the edition current now. Other people's emails and phone numbers in the
    words are masked; their own email, if given for a reply, is kept apart."""

    edition = edition_current()
    report = ServiceReport.objects.create(
        service=Service.objects.filter(uid=service_id).first(),
        service_name=service_name[:200],
        topic=topic,
        words=comment_mask(text=words.strip()),
        reply_email=reply_email.strip(),
        path=path[:500],
        edition_version=edition.version if edition else None,
    )
    if report.service is not None:
        history_record(
            record=report.service,
            action=RecordChange.Action.REPORTED,
            by=None,
            fields=[{"field": "What is wrong", "old": "", "new": report.get_topic_display()}],
            reason="Reported by a family on the public site",
        )
    return report


def service_report_close(*, report: ServiceReport, by, outcome: str, note: str) -> None:
    """Close a report with what was done; the email given for a reply goes now."""
    report.outcome = outcome
    report.outcome_note = note
    report.closed_by = by
    report.closed_at = timezone.now()
    report.reply_email = ""
    report.save()
    if report.service is not None:
        history_record(
            record=report.service,
            action=RecordChange.Action.REPORT_CLOSED,
            by=by,
            fields=[
                {
                    "field": "What is wrong",
                    "old": report.get_topic_display(),
                    "new": report.get_outcome_display() + (f": {note}" if note else ""),
                }
            ],
            reason=f"{REPORT_CLOSED_REASON}{outcome}",
        )
