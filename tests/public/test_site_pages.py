import datetime

import pytest

from editions.publishing import edition_publish, statement_warnings
from offer.models import Statement
from tests.factories import ServiceFactory, StatementFactory

pytestmark = pytest.mark.django_db


def test_accessibility_statement_has_the_parts_the_regulations_expect(client, durham_edition):
    """Once the council has given its facts, every part the regulations' model has."""
    Statement.objects.update(
        accessibility_email="access@example.gov.uk",
        accessibility_reply_time="within 10 working days",
        accessibility_compliance="partially",
        accessibility_problems="Some older leaflets linked from the statement are scans.",
        accessibility_prepared_on=datetime.date(2026, 9, 1),
        accessibility_reviewed_on=datetime.date(2026, 11, 2),
    )
    edition_publish(label="With its accessibility facts")
    response = client.get("/accessibility/")
    assert response.status_code == 200
    html = response.content.decode()
    for heading in [
        "Feedback and contact information",
        "Enforcement procedure",
        "Compliance status",
        "How the website's software is tested",
        "Reporting accessibility problems with this website",
        "Non-accessible content",
        "Preparation of this accessibility statement",
    ]:
        assert heading in html
    assert "Durham County Council declares this website partially compliant" in html
    assert "reply within 10 working days" in html
    assert "Some older leaflets linked from the statement are scans." in html
    assert "prepared on 1 September 2026. It was last reviewed on 2 November 2026." in html
    assert "Durham County Council" in html


def test_an_accessibility_statement_with_no_facts_given_promises_nothing(client, db):
    """No reply time, conformance claim, dates or glossary link the council did not
    give; nothing contradicts the PDF that is offered."""
    StatementFactory()
    ServiceFactory()
    edition_publish(label="2026")
    html = client.get("/accessibility/").content.decode()
    for claim in (
        "working days",
        "get back to you",
        "compliant",
        "Compliance status",
        "reviewed on",
        "prepared on",
        "/glossary/",
        "not as PDF",
        "Non-accessible content",
    ):
        assert claim not in html, claim
    assert "Enforcement procedure" in html
    assert "the PDF of the whole statement is checked" in html
    warnings = [w.message for w in statement_warnings() if w.kind == "accessibility-incomplete"]
    assert warnings == [
        "The accessibility statement does not yet say whom to contact, how soon the council "
        "replies, how far the website complies or when the statement was prepared."
    ]


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
    edition_publish(label="2026")
    html = client.get("/accessibility/").content.decode()
    assert 'href="mailto:access@example.gov.uk"' in html
    assert "last reviewed" not in html  # publishing is not a review of this statement
    Statement.objects.update(accessibility_reviewed_on=datetime.date(2026, 3, 2))
    edition_publish(label="2027")
    assert "last reviewed on 2 March 2026" in client.get("/accessibility/").content.decode()


def test_accessibility_statement_shows_before_anything_is_published(client, db):
    response = client.get("/accessibility/")
    assert response.status_code == 200
    assert "Enforcement procedure" in response.content.decode()


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


def test_the_councils_questions_are_in_the_whole_statement_and_the_menu(client, db):
    from tests.factories import QuestionFactory

    StatementFactory()
    ServiceFactory()
    edition_publish(label="No questions")
    home = client.get("/").content.decode()
    assert 'href="/faq/"' not in home  # no questions: no menu item, no dead link
    QuestionFactory(question="Can I get a break at weekends?", answer="Yes, ask us.", order=2)
    QuestionFactory(question="Who pays?", answer="Most breaks are free.", order=1)
    edition_publish(label="With questions")
    menu = client.get("/").content.decode().split("govuk-service-navigation__list")[1]
    assert 'href="/faq/"' in menu and ">Questions<" in menu
    statement = client.get("/statement/").content.decode()
    assert 'href="#questions">Questions families ask</a>' in statement
    section = statement.split('id="questions"')[1]
    # In the council's order, each with its answer.
    assert section.index("Who pays?") < section.index("Can I get a break at weekends?")
    assert "Most breaks are free." in section
