"""A council we have never seen, entered by hand in the admin and published: it names no
levels, gives no ages, has services it is still developing, writes links in its text and
gives only an email address. No fact it did not state appears on any public page."""

import re

import pytest
from django.urls import reverse

from editions.models import Edition
from offer.models import ReferralRoute, Service
from tests.admin_forms import admin_post
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# What our site must never say for this council: defaults standing in for facts.
INVENTED = [
    r"0 to 25",
    r"\bAges?\b",
    r"years old",
    r"tel:",
    r"Telephone",
    r"\b0\d{3,4} ?\d{3} ?\d{3,4}\b",  # any phone number
    r"Universal",
    r"Targeted",
    r"Specialist",
    r"open to every family",
    r"social care assessment",
    r"No assessment needed",
    r"Arranged to suit your family",
    r"Across Exampleshire",
    r"Names and details are changed",
    r"Free\b",
    r"Direct payment",
]


# Anywhere on a page, footer included: a date, promise or link the council did not give.
NOT_GIVEN = [
    r"[Rr]eview(ed)? on",
    r"[Nn]ext review",
    r"reviews its (short breaks )?statement",
    r"working days",
    r"compliant",
    r'href="/glossary/',
    r"not as PDF",
]


def _added(response):
    assert response.status_code == 302, getattr(response, "context", {}) and (
        response.context["adminform"].errors
        if "adminform" in response.context
        else response.content.decode()[:2000]
    )


@pytest.fixture
def published(client):
    client.force_login(UserFactory(is_superuser=True))
    _added(
        admin_post(
            client,
            reverse("admin:offer_statement_add"),
            {
                "council_name": "Exampleshire Council",
                "area_name": "Exampleshire",
                "title": "Short breaks in Exampleshire",
                "summary": "Breaks for families. [Read our SEND strategy]"
                "(https://www.example.gov.uk/send-strategy).",
            },
        )
    )
    _added(
        admin_post(
            client,
            reverse("admin:contacts_contact_add"),
            {
                "name": "Short breaks team",
                "slug": "short-breaks-team",
                "helps_with": "Questions about short breaks.",
                "email": "shortbreaks@example.gov.uk",
                "is_useful_contact": "on",
            },
        )
    )
    from contacts.models import Contact

    team = Contact.objects.get()
    _added(
        admin_post(
            client,
            reverse("admin:offer_referralroute_add"),
            {
                "title": "Email the short breaks team",
                "steps": "1. Email us.\n2. We reply within a week. "
                "[How we use your information](https://www.example.gov.uk/privacy)",
                "contacts": [team.pk],
            },
        )
    )
    route = ReferralRoute.objects.get()
    _added(
        admin_post(
            client,
            reverse("admin:offer_service_add"),
            {
                "name": "Holiday play scheme",
                "slug": "holiday-play-scheme",
                "summary": "Play sessions in the holidays.",
                "status": "available",
                "description": "Run by local groups. See [the list of groups]"
                "(https://www.example.gov.uk/groups).",
                "referral_routes": [route.pk],
                "include_in_statement": "on",
            },
        )
    )
    _added(
        admin_post(
            client,
            reverse("admin:offer_service_add"),
            {
                "name": "Overnight breaks",
                "slug": "overnight-breaks",
                "summary": "Overnight breaks we are planning.",
                "status": "planned",
                "expected_from": "2027",
                "include_in_statement": "on",
            },
        )
    )
    assert Service.objects.count() == 2
    publish = reverse("admin:editions_edition_publish")
    page = client.get(publish)
    assert "cannot be published yet" not in page.content.decode()
    _added(
        admin_post(
            client,
            publish,
            {"label": "2026 to 2027", "working_copy": page.context["working_copy"]},
        )
    )
    client.logout()
    return Edition.objects.get()


def _public_paths(client) -> list[str]:
    sitemap = client.get("/sitemap.xml").content.decode()
    return [
        re.sub(r"^https?://[^/]+", "", url) for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)
    ]


def test_no_public_page_says_what_the_council_did_not(client, published):
    paths = _public_paths(client)
    assert "/services/holiday-play-scheme/" in paths and "/services/overnight-breaks/" in paths
    assert "/accessibility/" in paths and "/statement/editions/" in paths
    paths += ["/find/?q=play", "/statement/1/", "/api/openreferral/services"]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        text = response.content.decode()
        for pattern in NOT_GIVEN:
            assert not re.search(pattern, text), f"{path} says {pattern!r}"
        if "<main" in text:
            text = text[text.index("<main") : text.index("</main>")]
        for pattern in INVENTED:
            assert not re.search(pattern, text), f"{path} says {pattern!r}"


def test_what_it_did_say_is_there_with_its_links(client, published):
    home = client.get("/").content.decode()
    assert (
        '<a class="govuk-link" href="https://www.example.gov.uk/send-strategy">'
        "Read our SEND strategy</a>" in home
    )
    assert "Holiday play scheme" in home and "Overnight breaks" in home
    page = client.get("/services/holiday-play-scheme/").content.decode()
    assert 'href="https://www.example.gov.uk/groups">the list of groups</a>' in page
    assert 'href="mailto:shortbreaks@example.gov.uk"' in page
    assert "Not stated: ask when you get in touch" in page
    assert 'href="https://www.example.gov.uk/privacy">How we use your information</a>' in page
    planned = client.get("/services/overnight-breaks/").content.decode()
    assert "Being developed." in planned and "The council expects it 2027." in planned
    assert "Overnight breaks" not in client.get("/find/").content.decode().split("<main")[1]
