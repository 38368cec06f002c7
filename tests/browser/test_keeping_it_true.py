"""The loop that keeps the statement true between editions, in a real browser: a parent
reports a wrong phone number without JavaScript, the owner gets the digest, an officer
puts it right and closes the report, and the next edition's changes name it; a
provider invited by email changes their service's cost, an officer approves it, and the
preview and then the published page show it, while another provider's service stays out
of reach."""

import io
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from django.core.management import call_command

from contacts.models import Contact
from feedback.models import ServiceReport
from offer.models import Service
from tests.browser.conftest import ARTEFACTS
from tests.browser.test_officers import TAGS, sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long and unusual passphrase 42"


def _axe(page, part: str | None = None) -> str:
    """What WCAG 2.2 A and AA problems axe finds (in `part` of the page, if given): ''
    when there are none."""
    options = {"runOnly": {"type": "tag", "values": TAGS}}
    results = Axe().run(page, context=part, options=options)
    return results.generate_report() if results.violations_count else ""


def _publish(page, base: str) -> None:
    page.goto(base + "/admin/")
    page.get_by_role("link", name="Publish a new edition").click()
    page.get_by_role("button", name="Publish this edition").click()
    page.wait_for_url(base + "/admin/editions/edition/")


def test_a_parents_report_is_put_right_and_named_in_the_next_edition(browser, council_site):
    base = council_site("durham")
    officer = UserFactory(username="owner", first_name="Olu", roles=["Editor", "Publisher"])
    service = Service.objects.filter(
        include_in_statement=True,
        status="available",
        referral_routes__contacts__phones__isnull=False,
    ).first()
    Service.objects.filter(pk=service.pk).update(owner=officer)
    contact = Contact.objects.filter(
        referral_routes__services=service, phones__isnull=False
    ).first()

    family = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 740})
    parent = family.new_page()
    parent.goto(f"{base}/services/{service.slug}/")
    parent.get_by_role("link", name="Report a problem with this service").first.click()
    parent.get_by_label("The phone number or email is wrong").check()
    parent.fill("#words", "The number does not answer any more.")
    with parent.expect_navigation():
        parent.get_by_role("button", name="Send report").click()
    assert parent.get_by_role("heading", level=1).first.inner_text()
    family.close()
    report = ServiceReport.objects.get()
    assert report.service == service and report.topic == "contact"

    call_command("send_report_digest", stdout=io.StringIO())
    digest = next(m for m in mail.outbox if m.to == [officer.email])
    assert service.name in digest.body

    desk = browser.new_context(viewport={"width": 1280, "height": 900})
    page = desk.new_page()
    sign_in(page, base, "owner")
    page.get_by_role("link", name="Problems families reported with services").click()
    page.get_by_role("link", name=service.name).first.click()
    page.goto(f"{base}/admin/contacts/contact/{contact.pk}/change/")
    page.fill("#id_phones-0-number", "01632 960123")
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()
    assert Contact.objects.get(pk=contact.pk).phones.first().number == "01632 960123"
    page.goto(f"{base}/admin/feedback/servicereport/{report.pk}/change/")
    page.select_option("#id_outcome", "fixed")
    page.fill("#id_outcome_note", "New number from the service.")
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()
    assert not ServiceReport.objects.get().is_open

    _publish(page, base)
    page.goto(base + "/statement/changes/")
    told = page.locator("#you-told-us")
    assert told.is_visible()
    assert page.locator("li", has_text=service.name).first.is_visible()
    desk.close()


def test_a_provider_changes_their_cost_and_an_officer_approves_it(browser, council_site):
    base = council_site("durham")
    service = Service.objects.filter(
        include_in_statement=True, status="available", providers__isnull=False
    ).first()
    provider = service.providers.first()
    theirs = Service.objects.exclude(providers=provider).filter(providers__isnull=False).first()
    UserFactory(username="officer", roles=["Editor", "Publisher"])

    desk = browser.new_context(viewport={"width": 1280, "height": 900})
    page = desk.new_page()
    sign_in(page, base, "officer")
    page.get_by_role("link", name="Invite someone from a provider").click()
    page.select_option("#id_provider", label=str(provider))
    page.fill("#id_email", "kim@provider.example.org")
    page.fill("#id_name", "Kim")
    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()
    assert page.get_by_text("An invitation is on its way to kim@provider.example.org").is_visible()
    link = re.search(r"(/your-services/join/[^/\s]+/)", mail.outbox[-1].body)[1]

    staff = browser.new_context(viewport={"width": 375, "height": 740})
    phone = staff.new_page()
    phone.goto(base + link)
    phone.fill("#name", "Kim Lee")
    phone.fill("#password1", PASSWORD)
    phone.fill("#password2", PASSWORD)
    phone.get_by_role("button", name="Create my sign-in").click()
    phone.wait_for_url(base + "/your-services/")
    assert _axe(phone) == ""
    phone.get_by_role("link", name=service.name, exact=True).click()
    assert _axe(phone) == ""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=ARTEFACTS / "provider-service-form.png", full_page=True)
    phone.get_by_label("An amount", exact=True).check()
    phone.fill("#cost_amount", "7.50")
    phone.select_option("#cost_period", "session")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Send to the council").click()
    phone.wait_for_url(base + "/your-services/")
    assert phone.get_by_text("Waiting for the council").is_visible()
    # Another provider's service is not there, whatever the address.
    missing = phone.goto(f"{base}/your-services/{theirs.uid}/")
    assert missing.status == 404
    assert phone.goto(base + "/admin/").url.startswith(base + "/admin/login/")
    phone.goto(base + "/your-services/")

    assert Service.objects.get(pk=service.pk).cost_amount is None  # not until approved
    page.goto(base + "/admin/")
    page.get_by_role("link", name="Changes providers proposed").click()
    page.get_by_role("link", name=service.name).first.click()
    assert page.locator("td ins", has_text="7.50").first.is_visible()
    assert _axe(page, "#content") == ""
    with page.expect_navigation():
        page.get_by_role("button", name="Approve: put it in the working copy").click()
    assert Service.objects.get(pk=service.pk).cost_kind == "amount"

    page.goto(f"{base}/preview/services/{service.slug}/")
    assert page.get_by_text("£7.50 a session").first.is_visible()
    public = staff.new_page()
    public.goto(f"{base}/services/{service.slug}/")
    assert public.get_by_text("£7.50 a session").count() == 0  # not published yet
    _publish(page, base)
    public.goto(f"{base}/services/{service.slug}/")
    assert public.get_by_text("£7.50 a session").first.is_visible()
    page.goto(base + "/statement/changes/")
    assert page.locator("#from-providers").is_visible()
    phone.reload()
    assert phone.get_by_text("Approved").first.is_visible()
    staff.close()
    desk.close()
