"""'Report a problem with this service': a family says a number is wrong without
JavaScript and without giving anything personal; the report reaches the service's owner
in a daily digest, shows on Start here, and is closed with what was done."""

import io
import re

import pytest
from django.core import mail
from django.core.management import call_command

from feedback.models import ServiceReport
from offer.models import Service
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SERVICE = "/services/hospice-care/"


def _report_url(client) -> str:
    html = client.get(SERVICE).content.decode()
    return re.search(r'href="([^"]+)">Report a problem with this service', html)[1].replace(
        "&amp;", "&"
    )


def _send(client, url: str, **data):
    page = client.get(url).content.decode()
    path = re.search(r'name="path" value="([^"]*)"', page)[1]
    return client.post(url.split("?")[0], {"path": path, **data})


def test_a_family_reports_a_wrong_number_without_javascript(client, durham_edition):
    url = _report_url(client)
    form = client.get(url)
    assert form.status_code == 200
    html = form.content.decode()
    assert "Hospice care" in html and "What is wrong?" in html
    response = _send(
        client,
        url,
        topic="contact",
        words="The number is now 01632 960111, ask for Sam on sam@example.org",
        reply_email="parent@example.org",
    )
    assert response.status_code == 303
    assert client.get(response["Location"]).status_code == 200
    report = ServiceReport.objects.get()
    assert report.service == Service.objects.get(slug="hospice-care")
    assert report.topic == "contact" and report.path == SERVICE
    assert "01632" not in report.words and "sam@example.org" not in report.words
    assert report.reply_email == "parent@example.org"
    assert report.edition_version == durham_edition.version


def test_a_report_must_say_what_is_wrong_and_a_bad_service_is_not_found(client, durham_edition):
    url = _report_url(client)
    response = _send(client, url, topic="", words="")
    assert response.status_code == 400
    assert "Select what is wrong." in response.content.decode()
    response = _send(client, url, topic="contact", reply_email="not an email")
    assert response.status_code == 400
    assert not ServiceReport.objects.exists()
    missing = client.get("/feedback/report/00000000-0000-4000-8000-000000000000/")
    assert missing.status_code == 404
    assert client.get("/feedback/report/not-a-uuid/").status_code == 404


def test_earlier_editions_offer_no_report_link(client, durham_edition):
    html = client.get(f"/statement/{durham_edition.version}{SERVICE}").content.decode()
    assert "Report a problem with this service" not in html


def test_reports_are_limited_per_client_as_feedback_is(client, durham_edition, settings):
    settings.FEEDBACK_RATE_LIMIT = 2
    url = _report_url(client)
    statuses = [_send(client, url, topic="cost").status_code for _ in range(4)]
    assert statuses == [303, 303, 429, 429]
    assert ServiceReport.objects.count() == 2


def test_behind_the_proxies_a_flood_is_limited_for_its_sender_only(
    client, durham_edition, settings
):
    """Behind one load balancer every report comes from its address: the limit counts each
    client the balancer names, so one flood does not silence every family."""
    settings.PROXY_COUNT = 1
    settings.FEEDBACK_RATE_LIMIT = 2
    url = _report_url(client)
    balancer = {"REMOTE_ADDR": "10.0.0.1"}
    flood = {**balancer, "HTTP_X_FORWARDED_FOR": "198.51.100.66"}
    page = client.get(url).content.decode()
    path = re.search(r'name="path" value="([^"]*)"', page)[1]
    post = url.split("?")[0]

    def send(**where):
        return client.post(post, {"path": path, "topic": "cost"}, **where).status_code

    assert [send(**flood) for _ in range(3)] == [303, 303, 429]
    # A claimed address in front of the real one changes nothing...
    assert send(**{**balancer, "HTTP_X_FORWARDED_FOR": "203.0.113.5, 198.51.100.66"}) == 429
    # ...and another family behind the same balancer is still heard.
    assert send(**{**balancer, "HTTP_X_FORWARDED_FOR": "198.51.100.20"}) == 303
    assert ServiceReport.objects.count() == 3


def test_the_owner_gets_one_digest_and_unowned_reports_go_to_publishers(client, durham_edition):
    owner = UserFactory(roles=["Editor"], email="owner@example.gov.uk")
    publisher = UserFactory(roles=["Publisher"], email="publisher@example.gov.uk")
    Service.objects.filter(slug="hospice-care").update(owner=owner)
    url = _report_url(client)
    _send(client, url, topic="cost", words="It costs more now.")
    _send(client, url, topic="closed")
    other = re.search(
        r'href="([^"]+)">Report a problem', client.get("/services/youth-group/").content.decode()
    )[1].replace("&amp;", "&")
    _send(client, other, topic="who")
    call_command("send_report_digest", stdout=io.StringIO())
    sent = {message.to[0]: message for message in mail.outbox}
    assert set(sent) == {"owner@example.gov.uk", "publisher@example.gov.uk"}
    assert sent["owner@example.gov.uk"].body.count("Hospice care:") == 2
    assert (
        "Youth group: The ages or who it is for are wrong" in sent["publisher@example.gov.uk"].body
    )
    assert publisher.email not in sent["owner@example.gov.uk"].to
    # Each report is sent once.
    mail.outbox.clear()
    call_command("send_report_digest", stdout=io.StringIO())
    assert mail.outbox == []


def test_an_officer_closes_a_report_and_the_reply_address_goes(client, durham_edition):
    url = _report_url(client)
    _send(client, url, topic="contact", words="<script>alert(1)</script>", reply_email="p@x.org")
    report = ServiceReport.objects.get()
    editor = UserFactory(roles=["Editor"])
    client.force_login(editor)
    start = client.get("/admin/").content.decode()
    assert "<strong>1 open</strong>" in start
    page = client.get(f"/admin/feedback/servicereport/{report.pk}/change/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    response = client.post(
        f"/admin/feedback/servicereport/{report.pk}/change/",
        {"outcome": "fixed", "outcome_note": "New number in the working copy."},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.closed_by == editor and report.closed_at is not None
    assert report.reply_email == ""
    assert "none open" in client.get("/admin/").content.decode()
    # Officers close reports; nobody adds or deletes them.
    assert client.get("/admin/feedback/servicereport/add/").status_code == 403
    assert client.post(f"/admin/feedback/servicereport/{report.pk}/delete/").status_code == 403


def test_the_service_in_the_admin_lists_its_open_reports(client, durham_edition):
    url = _report_url(client)
    _send(client, url, topic="closed")
    report = ServiceReport.objects.get()
    client.force_login(UserFactory(roles=["Editor"]))
    service = Service.objects.get(slug="hospice-care")
    html = client.get(f"/admin/offer/service/{service.pk}/change/").content.decode()
    assert f'href="/admin/feedback/servicereport/{report.pk}/change/">It has closed' in html


def test_a_familys_list_is_not_kept_with_a_report_from_it(client, durham_edition):
    uid = Service.objects.get(slug="hospice-care").uid
    html = client.get(f"/list/?s={uid}").content.decode()
    link = re.search(r'href="([^"]+)">Report a problem', html)[1].replace("&amp;", "&")
    assert "s%3D" not in link and f"s={uid}" not in link.split("?", 1)[1]
    _send(client, link, topic="cost")
    assert ServiceReport.objects.get().path == "/list/"


def test_reports_are_in_the_services_history_and_in_a_providers_export(client, durham_edition):
    import json

    from offer.models import RecordChange

    service = Service.objects.filter(providers__isnull=False, status="available").first()
    html = client.get(f"/services/{service.slug}/").content.decode()
    url = re.search(r'href="([^"]+)">Report a problem with this service', html)[1]
    _send(client, url.replace("&amp;", "&"), topic="cost", reply_email="private@example.org")
    report = ServiceReport.objects.get()
    editor = UserFactory(roles=["Editor"])
    client.force_login(editor)
    client.post(
        f"/admin/feedback/servicereport/{report.pk}/change/",
        {"outcome": "no-change", "outcome_note": "The cost is right."},
    )
    actions = list(
        RecordChange.objects.filter(object_id=str(service.pk)).values_list("action", "changed_by")
    )
    assert ("reported", None) in actions and ("closed", editor.pk) in actions
    provider = service.providers.first()
    out = io.StringIO()
    call_command("export_provider", provider.slug, stdout=out)
    exported = json.loads(out.getvalue())
    assert exported["provider"] == provider.name
    assert any(r["fields"]["topic"] == "cost" for r in exported["reports"])
    assert "private@example.org" not in out.getvalue()


def test_the_next_editions_changes_name_the_services_put_right_after_a_report(
    client, durham_edition
):
    from editions.publishing import edition_publish

    url = _report_url(client)
    _send(client, url, topic="contact", words="The number is wrong.")
    report = ServiceReport.objects.get()
    client.force_login(UserFactory(roles=["Editor"]))
    Service.objects.filter(slug="hospice-care").update(summary="With the right number now.")
    client.post(
        f"/admin/feedback/servicereport/{report.pk}/change/",
        {"outcome": "fixed", "outcome_note": "Number corrected."},
    )
    client.logout()
    edition = edition_publish(label="Put right")
    html = client.get(f"/statement/{edition.version}/changes/").content.decode()
    told = html.split('id="you-told-us"')[1]
    assert "Hospice care" in told and "The number is wrong" not in html
    # The edition before it says nothing of it.
    earlier = client.get(f"/statement/{durham_edition.version}/changes/").content.decode()
    assert 'id="you-told-us"' not in earlier
