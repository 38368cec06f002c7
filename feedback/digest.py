"""The daily digest of problems families reported: one email per officer, listing the
reports about the services they own (the Publishers get those about services nobody
owns), each report sent once."""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core.wording import counted
from offer.roles import PUBLISHER

from .models import ServiceReport


@dataclass
class DigestsSent:
    sent: list[tuple[str, int]] = field(default_factory=list)  # (email, reports)
    no_email: list[str] = field(default_factory=list)  # officers with reports, no address
    nobody: int = 0  # reports nobody could be sent (no owner, no Publisher)


def report_digests_send() -> DigestsSent:
    """Send each owner the open reports not yet sent to anyone, and mark them sent."""
    result = DigestsSent()
    User = get_user_model()
    publishers = list(User.objects.filter(groups__name=PUBLISHER, is_active=True).order_by("pk"))
    waiting = ServiceReport.objects.filter(
        notified_at__isnull=True, closed_at__isnull=True
    ).select_related("service__owner")
    by_officer: dict[int, list[ServiceReport]] = {}
    officers = {}
    for report in waiting.order_by("created_at"):
        owner = report.service.owner if report.service else None
        recipients = [owner] if owner is not None and owner.is_active else publishers
        if not recipients:
            result.nobody += 1
        for officer in recipients:
            officers[officer.pk] = officer
            by_officer.setdefault(officer.pk, []).append(report)
    sent_reports: set[int] = set()
    for pk, reports in by_officer.items():
        officer = officers[pk]
        if not officer.email:
            result.no_email.append(officer.get_username())
            continue
        _send(officer=officer, reports=reports)
        result.sent.append((officer.email, len(reports)))
        sent_reports.update(report.pk for report in reports)
    with transaction.atomic():
        ServiceReport.objects.filter(pk__in=sent_reports).update(notified_at=timezone.now())
    return result


def _send(*, officer, reports: list[ServiceReport]) -> None:
    context = {
        "officer": officer,
        "reports": [
            {
                "report": report,
                "url": settings.SITE_URL
                + reverse("admin:feedback_servicereport_change", args=[report.pk]),
            }
            for report in reports
        ],
        "list_url": settings.SITE_URL + reverse("admin:feedback_servicereport_changelist"),
    }
    send_mail(
        subject="Short breaks statement: "
        f"{counted(len(reports), 'problem', 'problems')} reported by families",
        message=render_to_string("emails/report_digest.txt", context),
        from_email=None,
        recipient_list=[officer.email],
    )
