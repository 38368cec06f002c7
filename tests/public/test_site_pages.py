import datetime

import pytest

from editions.publishing import edition_publish
from offer.models import Statement
from tests.factories import ServiceFactory, StatementFactory

pytestmark = pytest.mark.django_db


def test_accessibility_statement_has_the_parts_the_regulations_expect(client, durham_edition):
    response = client.get("/accessibility/")
    assert response.status_code == 200
    html = response.content.decode()
    for heading in [
        "Feedback and contact information",
        "Enforcement procedure",
        "Compliance status",
        "How we tested this website",
        "Reporting accessibility problems with this website",
        "Non-accessible content",
        "Preparation of this accessibility statement",
    ]:
        assert heading in html
    assert "Durham County Council" in html


def test_every_page_has_a_skip_link_the_council_name_and_footer_links(client, durham_edition):
    html = client.get("/services/virtual-activities/").content.decode()
    assert '<a href="#main-content" class="govuk-skip-link"' in html
    assert 'id="main-content"' in html
    assert 'app-header__council">Durham County Council</a>' in html
    assert 'href="/accessibility/">Accessibility statement</a>' in html
    assert 'href="/contacts/">Useful contacts</a>' in html
    assert 'aria-label="Breadcrumb"' in html


def test_accessibility_contact_and_review_date_come_from_the_statement_details(client, db):
    StatementFactory(accessibility_email="access@example.gov.uk")
    ServiceFactory()
    edition = edition_publish(label="2026")
    html = client.get("/accessibility/").content.decode()
    assert 'href="mailto:access@example.gov.uk"' in html
    assert f"last reviewed on {edition.published_at:%-d %B %Y}" in html
    Statement.objects.update(accessibility_reviewed_on=datetime.date(2026, 3, 2))
    edition_publish(label="2027")
    assert "last reviewed on 2 March 2026" in client.get("/accessibility/").content.decode()


def test_accessibility_statement_shows_before_anything_is_published(client, db):
    response = client.get("/accessibility/")
    assert response.status_code == 200
    assert "useful contacts" in response.content.decode()


def test_the_header_carries_the_councils_logo_with_its_size(client, durham_edition, settings):
    settings.BRANDING = {
        "colour": "#00625e",
        "logo": "brand/logo.svg",
        "logo_width": 40,
        "logo_height": 32,
    }
    html = client.get("/").content.decode()
    assert (
        '<img class="app-header__logo" src="/static/brand/logo.svg" width="40" height="32" alt="">'
        in html
    )


def test_without_a_logo_the_header_is_the_councils_name(client, durham_edition):
    html = client.get("/").content.decode()
    assert 'class="govuk-generic-header app-header"' in html
    assert "app-header__logo" not in html
