"""No public page grows with the offer: a level's page and the checker's answer list
a bounded number of services and send the family to the finder for the rest."""

import re

import pytest

from editions.publishing import edition_publish
from offer.models import CheckerRule
from tests.factories import CheckerRuleFactory, ServiceFactory, StatementFactory, TierFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def big_level(db):
    StatementFactory()
    tier = TierFactory(name="Open to all", slug="open-to-all", level="universal")
    for number in range(130):
        ServiceFactory(
            name=f"Club {number:03}",
            slug=f"club-{number:03}",
            tier=tier,
            min_age=5,
            max_age=18,
            order=number,
        )
    CheckerRuleFactory(tier=tier)
    edition_publish(label="2026")
    return tier


def test_a_level_lists_its_first_100_services_and_finds_the_rest(client, big_level):
    html = client.get("/support/open-to-all/").content.decode()
    listed = re.findall(r'href="/services/(club-\d+)/"', html)
    assert len(set(listed)) == 100 and "club-000" in listed and "club-129" not in listed
    assert 'href="/find/?tier=open-to-all">find the one you need among all 130</a>' in html


def test_the_checkers_answer_lists_20_a_level_and_finds_the_rest(client, big_level):
    assert CheckerRule.objects.exists()
    html = client.get("/check/result/?age=9").content.decode()
    inside = html.split('id="all-results"')[1]
    listed = re.findall(r'href="/services/(club-\d+)/"', inside)
    assert len(set(listed)) == 20
    assert 'href="/find/?age=9&amp;tier=open-to-all">See all 130 in the finder</a>' in inside
