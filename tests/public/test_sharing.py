"""What other sites see: Open Graph on every page, schema.org data on service pages."""

import json
import re

import pytest
from django.utils.html import escape
from django.utils.text import Truncator

from editions.publishing import edition_publish
from tests.factories import (
    ContactFactory,
    ContactPhoneFactory,
    ReferralRouteFactory,
    ServiceFactory,
    StatementFactory,
    TierFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _meta(html: str, prop: str) -> str:
    match = re.search(rf'<meta (?:property|name)="{prop}" content="([^"]*)">', html)
    assert match, prop
    return match.group(1)


@pytest.mark.parametrize(
    "path, title",
    [
        ("/", "Short breaks in Durham"),
        ("/services/virtual-activities/", "Virtual activities"),
        ("/find/", "Find a short break"),
        ("/check/", "What could we get?"),
        ("/glossary/", "Words and what they mean"),
        ("/accessibility/", "Accessibility statement"),
    ],
)
def test_every_page_has_open_graph_title_and_description(client, durham_edition, path, title):
    html = client.get(path).content.decode()
    page_title = re.search(r"<title>(.*?) - ", html).group(1)
    assert _meta(html, "og:title") == page_title
    assert _meta(html, "og:description")
    assert _meta(html, "og:url") == f"http://testserver{path}"
    assert _meta(html, "og:site_name") == "Durham County Council"


def test_a_service_page_describes_itself_with_its_summary(client, durham_edition):
    html = client.get("/services/virtual-activities/").content.decode()
    [summary] = [
        s["summary"]
        for s in durham_edition.snapshot["services"]
        if s["slug"] == "virtual-activities"
    ]
    expected = escape(Truncator(summary).chars(200))
    assert _meta(html, "description") == _meta(html, "og:description") == expected


def test_a_service_page_carries_a_government_service_for_search_engines(client, db):
    StatementFactory(council_name="Exampleshire Council", area_name="Exampleshire")
    team = ContactFactory(name="Short breaks team", website="https://example.gov.uk/team")
    ContactPhoneFactory(contact=team, number="01234 567890")
    route = ReferralRouteFactory(title="Phone the team", link="")
    route.contacts.add(team)
    ServiceFactory(
        name="Saturday club </script><script>alert(1)</script>",
        slug="saturday-club",
        tier=TierFactory(name="Extra help"),
        min_age=5,
        max_age=18,
        whole_area=True,
        referral_routes=[route],
    )
    ServiceFactory(name="Helpline", slug="helpline")  # says neither ages nor where
    edition_publish(label="2026")
    html = client.get("/services/saturday-club/").content.decode()
    [raw] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert "<script>alert" not in html
    data = json.loads(raw)
    assert data["@type"] == "GovernmentService"
    assert data["name"] == "Saturday club </script><script>alert(1)</script>"
    assert data["url"] == "http://testserver/services/saturday-club/"
    assert data["provider"] == {"@type": "GovernmentOrganization", "name": "Exampleshire Council"}
    assert data["audience"]["suggestedMinAge"] == 5 and data["audience"]["suggestedMaxAge"] == 18
    assert data["areaServed"] == [{"@type": "AdministrativeArea", "name": "Exampleshire"}]
    assert data["category"] == "Extra help"
    [channel] = data["availableChannel"]
    assert channel["servicePhone"]["telephone"] == "+441234567890"
    assert channel["serviceUrl"] == "https://example.gov.uk/team"

    html = client.get("/services/helpline/").content.decode()
    [raw] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert "areaServed" not in json.loads(raw) and "audience" not in json.loads(raw)


def test_every_service_page_has_the_section_anchors_professionals_link_to(client, durham_edition):
    for service in durham_edition.snapshot_read().services:
        html = client.get(f"/services/{service.slug}/").content.decode()
        # A service with its own rules only, and none, says nothing of who can get it.
        says_who = not (service.own_rules_only and not service.rule_ids)
        for anchor in ("who-it-is-for", "eligibility", "how-to-get-it", "contacts"):
            if anchor == "eligibility" and not says_who:
                assert 'id="eligibility"' not in html, service.slug
                continue
            assert f'id="{anchor}"' in html, (service.slug, anchor)


def test_a_service_page_can_be_shared_by_link_email_and_edition(client, durham_edition):
    html = client.get("/services/hospice-care/").content.decode()
    assert '<p class="govuk-body app-share__url" id="page-address">' in html
    assert "http://testserver/services/hospice-care/</p>" in html
    assert "data-copy-link" in html and "hidden>Copy link</button>" in html
    assert (
        'href="mailto:?subject=Hospice%20care&amp;body=http%3A//testserver/services/hospice-care/"'
        in html
    )
    version = durham_edition.version
    assert (
        f'href="/statement/{version}/services/hospice-care/">Link to this page as published' in html
    )


def test_shared_links_from_a_pinned_edition_stay_pinned(client, durham_edition):
    html = client.get(
        f"/statement/{durham_edition.version}/services/hospice-care/"
    ).content.decode()
    assert (
        f"http://testserver/statement/{durham_edition.version}/services/hospice-care/</p>" in html
    )


def test_the_preview_offers_no_edition_link(client, durham_edition):
    client.force_login(UserFactory(roles=["Editor"]))
    html = client.get("/preview/services/hospice-care/").content.decode()
    assert "Share this page" in html and "as published in the" not in html
