"""Writes for providers' staff: invitations, joining, proposing, approving or sending
back a proposal, confirming an entry is still correct, and their reminders."""

import datetime
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from offer.history import history_record, history_scope
from offer.models import RecordChange, Service
from offer.reviews import review_items_due

from .changes import (
    PLACES,
    ServiceEntryForm,
    entry_form_data,
    entry_now,
    service_contacts,
)
from .choices import ProposalState
from .models import ProposedChange, ProviderInvitation, ProviderMember, ProviderReminder, token_hash


def _email(*, to: str, subject: str, template: str, context: dict) -> None:
    send_mail(
        subject=subject,
        message=render_to_string(template, context),
        from_email=None,
        recipient_list=[to],
    )


def invitation_send(*, provider, email: str, name: str, by) -> ProviderInvitation:
    """Invite one person to propose changes for `provider`: an email with a link that
    works once, for INVITATION_DAYS. Only the link's hash is kept."""
    token = secrets.token_urlsafe(32)
    invitation = ProviderInvitation.objects.create(
        provider=provider,
        email=email.strip().lower(),
        name=name.strip(),
        token_hash=token_hash(token),
        invited_by=by,
        expires_at=timezone.now() + datetime.timedelta(days=settings.INVITATION_DAYS),
    )
    _email(
        to=invitation.email,
        subject=f"You are invited to keep {provider}'s short breaks up to date",
        template="emails/provider_invitation.txt",
        context={
            "invitation": invitation,
            "link": settings.SITE_URL + reverse("proposals:join", args=[token]),
            "expires": date_format(timezone.localtime(invitation.expires_at), "j F Y, g:i a"),
        },
    )
    return invitation


class InvitationUnusable(Exception):
    """An invitation link that is expired, used, or whose address already has a sign-in."""


def invitation_accept(*, token: str, name: str, password: str) -> ProviderMember:
    """Use an invitation's link: a sign-in for the invited address, joined to its
    provider. Works once: two people racing with one link get one account."""
    User = get_user_model()
    with transaction.atomic():
        invitation = (
            ProviderInvitation.objects.select_for_update()
            .filter(token_hash=token_hash(token))
            .first()
        )
        if invitation is None:
            raise ProviderInvitation.DoesNotExist
        invitation_check(invitation)
        user = User(username=invitation.email, email=invitation.email, first_name=name.strip())
        user.set_password(password)
        user.save()
        member = ProviderMember.objects.create(
            user=user, provider=invitation.provider, invited_by=invitation.invited_by
        )
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
    return member


def invitation_check(invitation: ProviderInvitation) -> None:
    """Raise InvitationUnusable, saying what to do, unless the link can still be used."""
    if invitation.accepted_at is not None:
        raise InvitationUnusable(
            "This invitation has already been used. Sign in with the email address it was sent to."
        )
    if invitation.expires_at <= timezone.now():
        raise InvitationUnusable(
            "This invitation has expired. Ask the council officer who invited you to send "
            "a new one."
        )
    if (
        get_user_model()
        .objects.filter(Q(username__iexact=invitation.email) | Q(email__iexact=invitation.email))
        .exists()
    ):
        raise InvitationUnusable(
            "There is already a sign-in for this email address. Sign in with it instead."
        )


def _by_whom(member: ProviderMember) -> str:
    return f"{member.name} of {member.provider}"


def proposal_save(
    *, member: ProviderMember, service: Service, changes: list[dict], note: str
) -> ProposedChange | None:
    """Keep what a provider's staff member wants changed as their provider's one open
    proposal for the service (a new save replaces what it proposed before). Nothing
    changed from the working copy withdraws an open proposal and keeps nothing."""
    with transaction.atomic():
        proposal = (
            ProposedChange.objects.select_for_update()
            .filter(service=service, provider=member.provider, state=ProposalState.OPEN)
            .first()
        )
        if not changes:
            if proposal is not None:
                proposal.delete()
            return None
        if proposal is None:
            proposal = ProposedChange(service=service, provider=member.provider)
        proposal.proposed_by = member.user
        proposal.proposed_at = timezone.now()
        proposal.changes = changes
        proposal.note = note.strip()
        proposal.save()
        history_record(
            record=service,
            action=RecordChange.Action.PROPOSED,
            by=member.user,
            fields=_history_fields(changes),
            reason=f"Proposed by {_by_whom(member)}",
        )
    return proposal


def _history_fields(changes: list[dict]) -> list[dict[str, str]]:
    return [
        {"field": change["label"], "old": change["old_shown"], "new": change["new_shown"]}
        for change in changes
    ]


class ProposalRefused(Exception):
    """An approval that cannot be made as it stands, with what is wrong."""


def proposal_approve(*, proposal: ProposedChange, by) -> None:
    """Make the proposed changes in the working copy, checked again through the
    provider's form against the service as it is now, with the service's history; or
    raise ProposalRefused, changing nothing."""
    with transaction.atomic():
        proposal = ProposedChange.objects.select_for_update().get(pk=proposal.pk)
        if not proposal.is_open:
            raise ProposalRefused("This proposal has already been decided.")
        service = Service.objects.select_for_update().get(pk=proposal.service_id)
        contacts = service_contacts(service=service, provider=proposal.provider)
        known = {f"contact_{c.pk}_{part}" for c in contacts for part in ("email", "phone")}
        lost = [
            c["label"] for c in proposal.changes if c["name"].startswith("contact_")
            and c["name"] not in known
        ]  # fmt: skip
        if lost:
            raise ProposalRefused(
                "Some contact details it changes are no longer this provider's: "
                + ", ".join(lost)
                + ". Send it back."
            )
        now = entry_now(service=service, contacts=contacts)
        form = ServiceEntryForm(
            entry_form_data(now=now, changes=proposal.changes), service=service, contacts=contacts
        )
        if not form.is_valid():
            problems = [f"{form.fields[n].label}: {' '.join(e)}" for n, e in form.errors.items()]
            raise ProposalRefused("It cannot be made as it stands. " + " ".join(problems))
        who = (
            f"{proposal.proposed_by.get_full_name() or proposal.proposed_by.email} of "
            f"{proposal.provider}"
            if proposal.proposed_by
            else str(proposal.provider)
        )
        with history_scope(by=by, why=f"Proposed by {who}, approved"):
            _apply(form=form, service=service, contacts=contacts, names=_names(proposal))
            history_record(
                record=service,
                action=RecordChange.Action.PROPOSAL_APPROVED,
                by=by,
                fields=_history_fields(proposal.changes),
                reason=f"Proposed by {who}, approved",
            )
        proposal.state = ProposalState.APPROVED
        proposal.decided_by = by
        proposal.decided_at = timezone.now()
        proposal.save()
    _tell_proposer(proposal)


def _names(proposal: ProposedChange) -> set[str]:
    return {change["name"] for change in proposal.changes}


def _apply(*, form: ServiceEntryForm, service: Service, contacts, names: set[str]) -> None:
    data = form.cleaned_data
    for name in names & (set(form.Meta.fields) - {"times"}):
        setattr(service, name, data[name])
    if "places" in names:
        for place in PLACES:
            setattr(service, place, place in data["places"])
    service.save()
    if "times" in names:
        service.times.set(data["times"])
    for contact in contacts:
        if f"contact_{contact.pk}_email" in names:
            contact.email = data[f"contact_{contact.pk}_email"]
            contact.save()
        if f"contact_{contact.pk}_phone" in names:
            number = data[f"contact_{contact.pk}_phone"]
            phone = contact.phones.order_by("order", "pk").first()
            if not number and phone is not None:
                phone.delete()
            elif phone is None and number:
                contact.phones.create(number=number)
            elif phone is not None:
                phone.number = number
                phone.save()


def proposal_send_back(*, proposal: ProposedChange, by, reason: str) -> None:
    """Refuse a proposal with a reason its provider sees; the working copy is unchanged."""
    with transaction.atomic():
        proposal = ProposedChange.objects.select_for_update().get(pk=proposal.pk)
        if not proposal.is_open:
            raise ProposalRefused("This proposal has already been decided.")
        proposal.state = ProposalState.SENT_BACK
        proposal.reason = reason.strip()
        proposal.decided_by = by
        proposal.decided_at = timezone.now()
        proposal.save()
        history_record(
            record=proposal.service,
            action=RecordChange.Action.PROPOSAL_SENT_BACK,
            by=by,
            fields=[{"field": "Why it was sent back", "old": "", "new": proposal.reason}],
            reason=f"Proposed by {proposal.provider}, sent back",
        )
    _tell_proposer(proposal)


def _tell_proposer(proposal: ProposedChange) -> None:
    """An email to whoever proposed it: what was decided (and why, if sent back)."""
    user = proposal.proposed_by
    if user is None or not user.email or not user.is_active:
        return
    approved = proposal.state == ProposalState.APPROVED
    _email(
        to=user.email,
        subject=f"Your change to {proposal.service} was "
        + ("approved" if approved else "sent back"),
        template="emails/proposal_decided.txt",
        context={
            "proposal": proposal,
            "approved": approved,
            "link": settings.SITE_URL + reverse("proposals:service", args=[proposal.service.uid]),
        },
    )


def service_confirm_correct(*, member: ProviderMember, service: Service) -> None:
    """A provider's staff member says the service's entry is still correct: that is its
    review, today, in its history."""
    today = timezone.localdate()
    before = service.last_reviewed_on
    with transaction.atomic(), history_scope(by=member.user, why="Still correct"):
        service.last_reviewed_on = today
        service.save(update_fields=["last_reviewed_on"])
        history_record(
            record=service,
            action=RecordChange.Action.REVIEWED,
            by=member.user,
            fields=[
                {
                    "field": "Last reviewed on",
                    "old": date_format(before, "j F Y") if before else "(empty)",
                    "new": date_format(today, "j F Y"),
                }
            ],
            reason=f"Checked by {_by_whom(member)}: still correct",
        )


@dataclass
class ProviderRemindersSent:
    """What one run of the providers' reminders did, for the command's output."""

    sent: list[tuple[str, int]] = field(default_factory=list)  # (email, service count)
    already_sent: list[str] = field(default_factory=list)


def provider_reminders_send(*, today: datetime.date) -> ProviderRemindersSent:
    """Email each provider's staff one 'please check your entry' for their services due
    for review, with a link to say each is still correct and one to propose changes.
    Once a day at most; each service's history says who was asked."""
    result = ProviderRemindersSent()
    due = [
        item.record for item in review_items_due(today=today) if isinstance(item.record, Service)
    ]
    by_provider: dict[int, list[Service]] = {}
    for service in Service.objects.filter(pk__in=[s.pk for s in due]).prefetch_related("providers"):
        for provider in service.providers.all():
            by_provider.setdefault(provider.pk, []).append(service)
    members = (
        ProviderMember.objects.filter(provider__in=by_provider, user__is_active=True)
        .exclude(user__email="")
        .select_related("user", "provider")
        .order_by("pk")
    )
    for member in members:
        services = sorted(by_provider[member.provider_id], key=lambda s: s.name.casefold())
        try:
            with transaction.atomic():
                ProviderReminder.objects.create(
                    member=member, sent_on=today, item_count=len(services)
                )
                for service in services:
                    history_record(
                        record=service,
                        action=RecordChange.Action.REMINDED,
                        by=None,
                        fields=[{"field": "Asked to check it", "old": "", "new": member.name}],
                        reason=f"Reminder emailed to {_by_whom(member)}",
                    )
                _email(
                    to=member.user.email,
                    subject=f"Please check {len(services)} of your short breaks entries"
                    if len(services) > 1
                    else "Please check your short breaks entry",
                    template="emails/provider_reminder.txt",
                    context={
                        "member": member,
                        "services": [
                            {
                                "service": service,
                                "check": settings.SITE_URL
                                + reverse("proposals:still_correct", args=[service.uid]),
                                "change": settings.SITE_URL
                                + reverse("proposals:service", args=[service.uid]),
                            }
                            for service in services
                        ],
                    },
                )
        except IntegrityError:
            result.already_sent.append(member.user.email)
            continue
        result.sent.append((member.user.email, len(services)))
    return result


def member_remove(*, member: ProviderMember) -> None:
    """End a provider's staff member's access: their sign-in stops working and their
    membership goes; what they proposed stays, with their name."""
    with transaction.atomic():
        user = member.user
        member.delete()
        user.is_active = False
        user.save(update_fields=["is_active"])
