"""A statement brought in from a whole directory stays usable: the home page names the
groups of a long list with counts and links rather than every service, and a service's
first lines give its way in and its cost."""

import pytest

from editions.publishing import edition_publish
from tests.factories import (
    ContactFactory,
    ContactPhoneFactory,
    ReferralRouteFactory,
    ServiceFactory,
    StatementFactory,
    TierFactory,
)
from tests.public_pages import main_content as main

pytestmark = pytest.mark.django_db


def test_a_long_list_in_no_level_is_summed_up_on_the_home_page(client):
    StatementFactory()
    for number in range(40):
        group = "Clubs" if number < 25 else "Holiday schemes" if number < 35 else ""
        ServiceFactory(name=f"Directory service {number}", tier=None, group=group)
    edition_publish(label="From the directory")
    home = main(client, "/")
    assert "Directory service 1" not in home
    assert 'href="/support/services-in-no-level/">All 40 services</a>' in home
    assert 'href="/support/services-in-no-level/#group-1">Clubs</a> (25)' in home
    assert 'href="/support/services-in-no-level/#group-2">Holiday schemes</a> (10)' in home
    assert "Other services</a> (5)" in home
    listed = main(client, "/support/services-in-no-level/")
    assert listed.count("Directory service") == 40
    assert 'id="group-2">Holiday schemes</h3>' in listed


def test_a_short_list_in_no_level_is_listed_in_full(client):
    StatementFactory()
    ServiceFactory(name="Saturday club", tier=None)
    edition_publish(label="Small")
    assert "Saturday club" in main(client, "/")


def test_a_levels_card_names_its_groups_with_counts(client):
    StatementFactory()
    tier = TierFactory(name="Help in your community", slug="community")
    ServiceFactory.create_batch(3, tier=tier, group="Clubs")
    ServiceFactory(tier=tier, group="Sitting")
    edition_publish(label="Grouped")
    home = main(client, "/")
    assert 'href="/support/community/#group-1">Clubs</a> (3)' in home
    assert 'href="/support/community/#group-2">Sitting</a> (1)' in home


def test_a_service_opens_with_its_way_in_whom_to_call_and_its_cost(client):
    StatementFactory()
    team = ContactFactory(name="Short breaks team")
    ContactPhoneFactory(contact=team, number="01632 960 004")
    call = ReferralRouteFactory(title="Call the team", link="")
    call.contacts.set([team])
    website = ReferralRouteFactory(title="Visit their website", link="https://club.example.org/")
    ServiceFactory(name="Club", slug="club", cost="£3 a session", referral_routes=[call, website])
    ServiceFactory(name="Online", slug="online", referral_routes=[website])
    edition_publish(label="First")
    club = main(client, "/services/club/")
    first = club[club.index("app-first-steps") :].split("</div>")[0]
    assert (
        '<a class="govuk-link" href="#how-to-get-it">Call the team</a>, Short breaks team on '
        in first
    )
    assert 'href="tel:+441632960004"' in first and "(or <a" in first and "1 other way</a>" in first
    assert "Cost: £3 a session" in first
    online = main(client, "/services/online/")
    first = online[online.index("app-first-steps") :].split("</div>")[0]
    assert (
        'Visit their website</a>: <a class="govuk-link" href="https://club.example.org/">club.example.org</a>'
        in first
    )
    assert "Cost: Not stated: ask" in first
