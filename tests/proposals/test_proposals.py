"""Providers keep their own entries true: an officer invites someone from a provider by
email, they sign in to pages of their own and propose changes to their services only,
and an officer approves each change into the working copy or sends it back."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from editions.publishing import edition_publish
from offer.models import RecordChange, Service
from proposals.models import ProposedChange, ProviderInvitation, ProviderMember, ProviderReminder
from proposals.services import invitation_send
from tests.factories import (
    BreakTimeFactory,
    ContactFactory,
    ContactPhoneFactory,
    ProviderFactory,
    ServiceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PASSWORD = "a long and unusual passphrase 42"


def _invite(client, officer, provider, email="sam@provider.example.org"):
    client.force_login(officer)
    response = client.post(
        "/admin/proposals/providerinvitation/add/",
        {"provider": provider.pk, "email": email, "name": "Sam"},
    )
    client.logout()
    return response


def _link() -> str:
    return re.search(r"(/your-services/join/[^/\s]+/)", mail.outbox[-1].body)[1]


def _member(provider, email="sam@provider.example.org") -> ProviderMember:
    officer = UserFactory(roles=["Editor"])
    invitation_send(provider=provider, email=email, name="Sam", by=officer)
    link = re.search(r"(/your-services/join/[^/\s]+/)", mail.outbox[-1].body)[1]
    from django.test import Client

    Client().post(link, {"name": "Sam Jones", "password1": PASSWORD, "password2": PASSWORD})
    return ProviderMember.objects.get(user__email=email)


@pytest.fixture
def provider_service(db):
    provider = ProviderFactory(name="Riverside Play")
    contact = ContactFactory(name="Riverside office", email="office@riverside.example.org")
    ContactPhoneFactory(contact=contact, number="01632 960001")
    provider.contacts.add(contact)
    service = ServiceFactory(name="Saturday club", cost="")
    service.providers.add(provider)
    service.contacts.add(contact)
    return service


def test_an_invited_person_joins_once_and_sees_their_services(client, provider_service):
    provider = provider_service.providers.get()
    officer = UserFactory(roles=["Editor"], first_name="Alex", last_name="Officer")
    response = _invite(client, officer, provider)
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.to == ["sam@provider.example.org"]
    assert "Riverside Play" in message.body and "works once" in message.body
    link = _link()
    invitation = ProviderInvitation.objects.get()
    assert link.split("/")[-2] not in invitation.token_hash  # only its hash is kept

    page = client.get(link)
    assert page.status_code == 200 and b"sam@provider.example.org" in page.content
    assert page["Cache-Control"].startswith("max-age=0") or "no-cache" in page["Cache-Control"]
    mismatch = client.post(link, {"name": "Sam", "password1": PASSWORD, "password2": "other"})
    assert mismatch.status_code == 400 and b"not the same" in mismatch.content
    weak = client.post(link, {"name": "Sam", "password1": "password", "password2": "password"})
    assert weak.status_code == 400 and b"too common" in weak.content

    joined = client.post(link, {"name": "Sam Jones", "password1": PASSWORD, "password2": PASSWORD})
    assert joined.status_code == 302 and joined["Location"] == "/your-services/"
    listing = client.get("/your-services/")
    assert listing.status_code == 200
    assert b"Saturday club" in listing.content and b"Riverside Play" in listing.content
    member = ProviderMember.objects.get()
    assert member.user.is_staff is False and member.invited_by == officer

    client.logout()
    again = client.get(link)
    assert again.status_code == 410 and b"already been used" in again.content
    assert (
        client.post(link, {"name": "X", "password1": PASSWORD, "password2": PASSWORD}).status_code
        == 410
    )
    assert ProviderMember.objects.count() == 1


def test_an_invitation_expires_and_a_wrong_link_is_not_found(client, provider_service, settings):
    provider = provider_service.providers.get()
    _invite(client, UserFactory(roles=["Editor"]), provider)
    link = _link()
    ProviderInvitation.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    expired = client.get(link)
    assert expired.status_code == 410 and b"expired" in expired.content
    assert client.get("/your-services/join/not-a-real-token/").status_code == 404


def test_an_officers_address_or_a_second_invitation_is_refused(client, provider_service):
    provider = provider_service.providers.get()
    officer = UserFactory(roles=["Editor"])
    refused = _invite(client, officer, provider, email=officer.email.upper())
    assert refused.status_code == 200 and b"already signs in here" in refused.content
    _invite(client, officer, provider)
    twice = _invite(client, officer, provider)
    assert b"still works" in twice.content
    assert ProviderInvitation.objects.count() == 1


def test_sign_in_is_for_providers_staff_only(client, provider_service):
    _member(provider_service.providers.get())
    officer = UserFactory(roles=["Editor"])
    wrong = client.post(
        "/your-services/sign-in/",
        {"username": officer.username, "password": "correct horse battery staple"},
    )
    assert wrong.status_code == 400 and b"Enter the email address" in wrong.content
    right = client.post(
        "/your-services/sign-in/",
        {
            "username": "SAM@provider.example.org",
            "password": PASSWORD,
            "next": "https://evil.example/",
        },
    )
    assert right.status_code == 302 and right["Location"] == "/your-services/"
    assert client.get("/admin/").status_code == 302  # the admin's sign-in, never the admin
    client.force_login(officer)
    assert client.get("/your-services/").status_code == 403


def _propose(client, service, **changes):
    page = client.get(f"/your-services/{service.uid}/")
    assert page.status_code == 200
    form = page.context["form"]
    data = {}
    for name in form.fields:
        value = form.initial.get(name, "")
        data[name] = "" if value is None else value
    data.update(changes)
    return client.post(f"/your-services/{service.uid}/", data)


def test_a_proposal_changes_nothing_until_an_officer_approves_it(client, provider_service):
    member = _member(provider_service.providers.get())
    weekends = BreakTimeFactory(name="Weekends", slug="weekends")
    client.force_login(member.user)
    same = _propose(client, provider_service)
    assert same.status_code == 302 and not ProposedChange.objects.exists()

    bad = _propose(client, provider_service, cost_kind="amount", cost_amount="")
    assert bad.status_code == 400 and b"Give the amount" in bad.content

    sent = _propose(
        client,
        provider_service,
        cost_kind="amount",
        cost_amount="7.50",
        cost_period="session",
        times=["weekends"],
        places=["away_from_home"],
        **{f"contact_{provider_service.contacts.get().pk}_phone": "01632 960002"},
        note="<script>alert(1)</script> prices rose",
    )
    assert sent.status_code == 302
    proposal = ProposedChange.objects.get()
    assert {c["name"] for c in proposal.changes} == {
        "cost_kind", "cost_amount", "cost_period", "times", "places",
        f"contact_{provider_service.contacts.get().pk}_phone",
    }  # fmt: skip
    provider_service.refresh_from_db()
    assert provider_service.cost_kind == "" and provider_service.cost_amount is None
    history = RecordChange.objects.filter(action="proposed", object_id=str(provider_service.pk))
    assert history.get().changed_by == member.user
    page = client.get(f"/your-services/{provider_service.uid}/")
    assert b"has not checked it yet" in page.content and b'value="7.50"' in page.content

    officer = UserFactory(roles=["Editor"])
    client.force_login(officer)
    start = client.get("/admin/").content.decode()
    assert "1 waiting" in start
    service_page = client.get(f"/admin/offer/service/{provider_service.pk}/change/")
    assert "From Riverside Play" in service_page.content.decode()
    decide = client.get(f"/admin/proposals/proposedchange/{proposal.pk}/change/")
    html = decide.content.decode()
    assert decide.status_code == 200
    assert "£7.50" not in html or "7.50" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html
    assert "01632 960001" in html and "01632 960002" in html and "Weekends" in html

    approved = client.post(
        f"/admin/proposals/proposedchange/{proposal.pk}/change/", {"decision": "approve"}
    )
    assert approved.status_code == 302
    provider_service.refresh_from_db()
    assert provider_service.cost_kind == "amount" and str(provider_service.cost_amount) == "7.50"
    assert list(provider_service.times.all()) == [weekends]
    assert provider_service.away_from_home is True
    assert provider_service.contacts.get().phones.get().number == "01632 960002"
    entry = RecordChange.objects.get(action="approved", object_id=str(provider_service.pk))
    assert entry.changed_by == officer and "Sam Jones of Riverside Play" in entry.reason
    assert "approved" in mail.outbox[-1].subject and mail.outbox[-1].to == [member.user.email]
    again = client.post(
        f"/admin/proposals/proposedchange/{proposal.pk}/change/", {"decision": "approve"}
    )
    assert again.status_code == 400


def test_a_proposal_sent_back_needs_a_reason_the_provider_sees(client, provider_service):
    member = _member(provider_service.providers.get())
    client.force_login(member.user)
    _propose(client, provider_service, name="Saturday club for everyone")
    proposal = ProposedChange.objects.get()
    client.force_login(UserFactory(roles=["Editor"]))
    url = f"/admin/proposals/proposedchange/{proposal.pk}/change/"
    assert client.post(url, {"decision": "send_back", "reason": " "}).status_code == 400
    assert client.post(url, {"decision": "send_back", "reason": "Keep its name"}).status_code == 302
    provider_service.refresh_from_db()
    assert provider_service.name == "Saturday club"
    client.force_login(member.user)
    assert b"Keep its name" in client.get("/your-services/").content
    assert b"Keep its name" in client.get(f"/your-services/{provider_service.uid}/").content


def test_an_approval_that_no_longer_fits_changes_nothing(client, provider_service):
    member = _member(provider_service.providers.get())
    BreakTimeFactory(name="Weekends", slug="weekends")
    client.force_login(member.user)
    _propose(client, provider_service, times=["weekends"], name="New name")
    from offer.models import BreakTime

    BreakTime.objects.filter(slug="weekends").delete()
    proposal = ProposedChange.objects.get()
    client.force_login(UserFactory(roles=["Editor"]))
    refused = client.post(
        f"/admin/proposals/proposedchange/{proposal.pk}/change/", {"decision": "approve"}
    )
    assert refused.status_code == 400
    assert b"cannot be made as it stands" in refused.content
    provider_service.refresh_from_db()
    assert provider_service.name == "Saturday club"
    assert ProposedChange.objects.get().is_open


def test_another_providers_service_is_out_of_reach(client, provider_service):
    member = _member(provider_service.providers.get())
    other = ServiceFactory(name="Other club")
    other.providers.add(ProviderFactory())
    client.force_login(member.user)
    assert b"Other club" not in client.get("/your-services/").content
    for url in (f"/your-services/{other.uid}/", f"/your-services/{other.uid}/still-correct/"):
        assert client.get(url).status_code == 404
        assert client.post(url, {"name": "Taken over"}).status_code == 404
    other.refresh_from_db()
    assert other.name == "Other club" and not ProposedChange.objects.exists()


def test_reminders_reach_providers_staff_and_still_correct_records_the_review(
    client, provider_service
):
    member = _member(provider_service.providers.get())
    Service.objects.filter(pk=provider_service.pk).update(
        last_reviewed_on=timezone.localdate() - datetime.timedelta(days=400)
    )
    mail.outbox.clear()
    out = io.StringIO()
    call_command("send_review_reminders", stdout=out)
    assert "Asked sam@provider.example.org to check 1 service" in out.getvalue()
    email = next(m for m in mail.outbox if m.to == ["sam@provider.example.org"])
    check = re.search(r"(/your-services/[0-9a-f-]+/still-correct/)", email.body)[1]
    assert f"/your-services/{provider_service.uid}/" in email.body
    assert ProviderReminder.objects.get().member == member
    assert RecordChange.objects.filter(action="reminded", object_id=str(provider_service.pk))
    call_command("send_review_reminders", stdout=(again := io.StringIO()))
    assert "already asked today" in again.getvalue()

    client.force_login(UserFactory(roles=["Editor"]))
    due = client.get("/admin/due-for-review/").content.decode()
    assert "Sam Jones (provider) asked" in due

    assert client.get(check).status_code == 403  # an officer is not a provider's staff
    client.logout()
    assert client.get(check)["Location"].startswith("/your-services/sign-in/")
    client.force_login(member.user)
    page = client.get(check)
    assert page.status_code == 200 and b"It is still correct" in page.content
    provider_service.refresh_from_db()
    assert provider_service.last_reviewed_on != timezone.localdate()  # a link changes nothing
    assert client.post(check).status_code == 302
    provider_service.refresh_from_db()
    assert provider_service.last_reviewed_on == timezone.localdate()
    entry = RecordChange.objects.filter(action="reviewed").get()
    assert entry.changed_by == member.user and "Riverside Play" in entry.reason


def test_two_factor_when_required_and_removing_access(client, provider_service, settings):
    member = _member(provider_service.providers.get())
    settings.OTP_REQUIRED = True
    client.post(
        "/your-services/sign-in/", {"username": "sam@provider.example.org", "password": PASSWORD}
    )
    response = client.get("/your-services/")
    assert response.status_code == 302 and response["Location"] == "/your-services/two-factor/"
    assert b"Scan this QR code" in client.get("/your-services/two-factor/").content
    assert client.post("/your-services/two-factor/", {"otp_token": "000000"}).status_code == 400

    settings.OTP_REQUIRED = False
    officer = UserFactory(roles=["Editor"])
    client.force_login(officer)
    client.post(f"/admin/proposals/providermember/{member.pk}/delete/", {"post": "yes"})
    assert not ProviderMember.objects.exists()
    client.logout()
    gone = client.post(
        "/your-services/sign-in/", {"username": "sam@provider.example.org", "password": PASSWORD}
    )
    assert gone.status_code == 400


def test_the_next_edition_names_services_changed_for_their_providers(client, durham_edition):
    service = Service.objects.filter(
        providers__isnull=False, include_in_statement=True, status="available"
    ).first()
    member = _member(service.providers.first())
    client.force_login(member.user)
    _propose(client, service, cost="Now with a sibling place free")
    proposal = ProposedChange.objects.get()
    client.force_login(UserFactory(roles=["Publisher"]))
    approved = client.post(
        f"/admin/proposals/proposedchange/{proposal.pk}/change/", {"decision": "approve"}
    )
    assert approved.status_code == 302, approved.content.decode()[-3000:]
    edition = edition_publish()
    page = client.get(f"/statement/{edition.version}/changes/")
    html = page.content.decode()
    assert "Changed by the people who run them" in html and service.name in html
    client.logout()
    assert (
        "Now with a sibling place free" in client.get(f"/services/{service.slug}/").content.decode()
    )


def test_a_providers_data_includes_its_staff_and_what_they_proposed(client, provider_service):
    import json

    member = _member(provider_service.providers.get())
    client.force_login(member.user)
    _propose(client, provider_service, summary="A club on Saturdays.")
    out = io.StringIO()
    call_command("export_provider", member.provider.slug, stdout=out)
    data = json.loads(out.getvalue())
    assert data["staff"][0]["email"] == "sam@provider.example.org"
    assert "password" not in out.getvalue()
    assert data["invitations"][0]["fields"]["accepted_at"] is not None
    assert data["proposed_changes"][0]["fields"]["changes"][0]["new"] == "A club on Saturdays."
    assert any(entry["fields"]["action"] == "proposed" for entry in data["history"])


def test_wrong_passwords_lock_a_providers_sign_in_out(client, provider_service, settings):
    _member(provider_service.providers.get())
    for _ in range(settings.AXES_FAILURE_LIMIT):
        wrong = client.post(
            "/your-services/sign-in/",
            {"username": "sam@provider.example.org", "password": "guess"},
        )
        assert wrong.status_code in (400, 429)
    locked = client.post(
        "/your-services/sign-in/", {"username": "sam@provider.example.org", "password": PASSWORD}
    )
    assert locked.status_code == 429
    assert client.get("/your-services/")["Location"].startswith("/your-services/sign-in/")
