"""Reads for providers' staff and the officers who decide their proposals."""

import datetime

from django.db.models import QuerySet

from offer.models import Service

from .choices import ProposalState
from .models import ProposedChange, ProviderMember, ProviderReminder


def member_of(*, user) -> ProviderMember | None:
    """The provider membership of a signed-in, active user; None for anyone else."""
    if not (user.is_authenticated and user.is_active):
        return None
    return ProviderMember.objects.select_related("provider").filter(user=user).first()


def services_of(*, member: ProviderMember) -> QuerySet[Service]:
    """The services a provider's staff member may see and propose changes to: their
    organisation's, and no other."""
    return Service.objects.filter(providers=member.provider).order_by("name", "pk")


def proposals_latest(
    *, member: ProviderMember, services: list[Service]
) -> dict[int, ProposedChange]:
    """For each service, the provider's newest proposal (open, approved or sent back)."""
    latest: dict[int, ProposedChange] = {}
    for proposal in ProposedChange.objects.filter(
        provider=member.provider, service__in=services
    ).order_by("proposed_at", "pk"):
        latest[proposal.service_id] = proposal
    return latest


def proposals_open_count() -> int:
    return ProposedChange.objects.filter(state=ProposalState.OPEN).count()


def providers_asked(*, services: list[int]) -> dict[int, tuple[datetime.date, list[str]]]:
    """For each of these services, the last day its provider's staff were sent a
    reminder, and whom (names) they were sent to that day."""
    asked: dict[int, tuple[datetime.date, list[str]]] = {}
    reminders = ProviderReminder.objects.filter(
        member__provider__services__in=services
    ).values_list("member__provider__services", "sent_on", "member__pk")
    names = {
        m.pk: m.name
        for m in ProviderMember.objects.filter(
            pk__in={pk for _, _, pk in reminders}
        ).select_related("user", "provider")
    }
    for service, sent_on, member in sorted(reminders, key=lambda r: r[1]):
        if service not in services:
            continue
        day, who = asked.get(service, (sent_on, []))
        if sent_on > day:
            day, who = sent_on, []
        if names.get(member) and names[member] not in who:
            who.append(names[member])
        asked[service] = (day, who)
    return asked
