"""What a council's directory says about a service that families ask about: its own
website, its days and times, whether it happens online or by phone, how a family gets a
place, and what makes each place usable. Each is printed only when stated, found by
the finder where it is a filter, and listed in what changed."""

import pytest

from editions.publishing import edition_publish
from editions.snapshot import snapshot_upgrade
from offer.models import Service, Venue
from tests.factories import ServiceFactory, StatementFactory, VenueFactory
from tests.public_pages import main_content as main

pytestmark = pytest.mark.django_db

ROWS = ("Website", "Online or by phone", "Getting a place", "Days and times")
FEATURES = ("Step-free access", "Changing Places toilet", "Hoist", "Hearing loop")


@pytest.fixture
def offer(db):
    StatementFactory()
    told = ServiceFactory(
        name="Swim club",
        slug="swim-club",
        website="https://www.example.org/swim-club/",
        when_note="Saturdays, 10am to 12 noon, in term time",
        online=True,
        by_phone=True,
        attendance="drop_in",
    )
    VenueFactory(service=told, name="Town pool", hoist=True, changing_places=True)
    quiet = ServiceFactory(name="Play scheme", slug="play-scheme")
    VenueFactory(service=quiet, name="Play barn")
    ServiceFactory(name="Sitting service", slug="sitting-service")
    edition_publish(label="First")
    return told


def test_what_a_directory_says_is_printed_where_families_read_it(client, offer):
    page = main(client, "/services/swim-club/")
    assert 'href="https://www.example.org/swim-club/"' in page
    assert "example.org/swim-club</a>" in page  # the address as people read it
    assert "Saturdays, 10am to 12 noon, in term time" in page
    assert "Online or by phone" in page
    assert "Drop in: no need to book" in page
    assert "<li>Changing Places toilet</li>" in page and "<li>Hoist</li>" in page
    assert "Step-free access" not in page and "Hearing loop" not in page


def test_nothing_is_printed_for_what_a_service_does_not_say(client, offer):
    page = main(client, "/services/play-scheme/")
    for words in (*ROWS, *FEATURES, "Drop in"):
        assert words not in page, words
    assert "Play barn" in page


def test_an_edition_published_before_these_facts_reads_as_it_did():
    old = {
        "schema_version": 11,
        "services": [{"name": "Club", "venues": [{"name": "Hall", "accessibility": ""}]}],
    }
    service = snapshot_upgrade(old)["services"][0]
    assert service["website"] == "" and service["attendance_label"] == ""
    assert not (service["online"] or service["by_phone"] or service["when_note"])
    assert service["venues"][0]["hoist"] is False and service["venues"][0]["name"] == "Hall"


def test_the_finder_offers_only_the_place_features_some_place_has(client, offer):
    page = main(client, "/find/")
    assert "Places with" in page
    assert 'value="hoist"' in page and 'value="changing_places"' in page
    assert 'value="step_free"' not in page and 'value="hearing_loop"' not in page


def test_places_with_a_feature_are_found_and_the_rest_are_to_ask_about(client, offer):
    page = main(client, "/find/?place=hoist&place=changing_places")
    results, _, ask = page.partition('id="ask"')
    assert "1 service matches" in results and "Swim club" in results
    # No place of theirs says either way: the family should ask.
    assert "Play scheme" in ask and "Sitting service" in ask
    assert "Places with: Hoist" in page


def test_both_features_must_be_at_one_place(client, offer):
    VenueFactory(service=offer, name="Leisure centre", step_free=True)
    edition_publish(label="Second")
    assert (
        "Swim club"
        not in main(client, "/find/?place=step_free&place=hoist").partition('id="ask"')[0]
    )
    assert "Swim club" in main(client, "/find/?place=step_free").partition('id="ask"')[0]


def test_a_feature_the_finder_does_not_know_is_a_clear_error(client, offer):
    page = main(client, "/find/?place=lift", status=400)
    assert "We do not recognise the place feature" in page


def test_what_changed_names_the_new_facts(client, offer):
    Service.objects.filter(slug="swim-club").update(
        website="https://www.example.org/swimming/", attendance="appointment"
    )
    Venue.objects.filter(name="Town pool").update(step_free=True)
    edition_publish(label="Second")
    page = main(client, "/statement/changes/")
    assert "Website" in page and "example.org/swimming" in page
    assert "Getting a place" in page and "By appointment" in page
    assert "Step-free access" in page
