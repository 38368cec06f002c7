"""The home page starts the journey: a plain heading, one short paragraph, both ways in
and whom to call when not sure, before the council's longer text."""

import re

import pytest

from editions.publishing import edition_publish
from tests.factories import (
    CheckerRuleFactory,
    ContactFactory,
    ContactPhoneFactory,
    ReferralRouteFactory,
    ServiceFactory,
    StatementFactory,
    StatementSectionFactory,
    TierFactory,
)

pytestmark = pytest.mark.django_db


def home(client) -> str:
    html = client.get("/").content.decode()
    return html[html.index('id="main-content"') : html.index("</main>")]


def test_the_heading_is_plain_and_the_council_may_write_its_own(client):
    statement = StatementFactory(area_name="Exampleshire", home_heading="")
    ServiceFactory()
    edition_publish(label="2026")
    assert "<h1" in home(client) and (
        "Short breaks for disabled children and young people in Exampleshire" in home(client)
    )
    statement.home_heading = "Breaks for your family"
    statement.save()
    edition_publish(label="2027")
    assert re.search(r"<h1[^>]*>Breaks for your family</h1>", home(client))


def test_the_starts_and_whom_to_call_come_before_the_councils_longer_text(client):
    team = ContactFactory(name="Family Hub", opening_hours="Monday to Friday, 9am to 5pm")
    ContactPhoneFactory(contact=team, number="01632 960 001", charges="free to call")
    StatementFactory(first_contact=team)
    StatementSectionFactory(title="What short breaks are", place="home", body="A long text.")
    tier = TierFactory()
    CheckerRuleFactory(tier=tier)
    ServiceFactory(tier=tier)
    edition_publish(label="2026")
    page = home(client)
    order = [
        page.index("Find a short break"),
        page.index("What could we get?"),
        page.index("Not sure? Call Family Hub on"),
        page.index("What short breaks are"),
    ]
    assert order == sorted(order)
    assert (
        'href="tel:+441632960001">01632 960 001</a> (Monday to Friday, 9am to 5pm; free to call)'
        in page
    )


def test_with_no_first_contact_chosen_nobody_is_named(client):
    ContactFactory(name="Family Hub", is_useful_contact=True)
    StatementFactory(first_contact=None)
    ServiceFactory()
    edition_publish(label="2026")
    assert "Not sure?" not in home(client)


def test_a_first_contact_with_only_an_email_is_offered_by_email(client):
    team = ContactFactory(name="Family Hub", email="hub@example.gov.uk")
    StatementFactory(first_contact=team)
    ServiceFactory()
    edition_publish(label="2026")
    page = home(client)
    assert "Not sure? Email Family Hub at" in page and 'href="mailto:hub@example.gov.uk"' in page


def test_every_phone_number_says_its_hours_and_cost_where_given(client):
    team = ContactFactory(name="Family Hub", is_useful_contact=True, opening_hours="9am to 5pm")
    ContactPhoneFactory(contact=team, number="01632 960 001", charges="local rate")
    ContactPhoneFactory(contact=team, number="01632 960 002", label="Text")
    StatementFactory()
    ServiceFactory()
    edition_publish(label="2026")
    page = client.get("/contacts/").content.decode()
    assert "01632 960 001</a> (9am to 5pm; local rate)</li>" in page
    assert "01632 960 002</a> (9am to 5pm)</li>" in page
    assert "Opening hours:" not in page  # said beside each number instead


def test_finder_results_say_the_hours_and_cost_beside_the_first_number(client):
    team = ContactFactory(name="Family Hub", opening_hours="9am to 5pm")
    ContactPhoneFactory(contact=team, number="01632 960 001", charges="local rate")
    route = ReferralRouteFactory(title="Call the hub", link="")
    route.contacts.set([team])
    StatementFactory()
    ServiceFactory(name="Holiday club", referral_routes=[route])
    edition_publish(label="2026")
    page = client.get("/find/?q=holiday").content.decode()
    assert "To get it: Call the hub, Family Hub on" in page
    assert "01632 960 001</a> (9am to 5pm; local rate)</p>" in page


def test_the_menu_names_pages_by_what_they_are(client):
    StatementFactory()
    ServiceFactory()
    edition_publish(label="2026")
    html = client.get("/").content.decode()
    menu = html.split('class="govuk-service-navigation__list"')[1].split("</ul>")[0]
    labels = re.findall(
        r'class="govuk-service-navigation__link"[^>]*>\s*(?:<strong[^>]*>)?([^<]+?)\s*<', menu
    )
    assert labels[:2] == ["Home", "Find a short break"]
    assert "The whole statement" in labels
