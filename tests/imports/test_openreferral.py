"""Bringing in an Open Referral UK feed: a council's own directory (HTML from Word, web
address only services, one id used twice, records with no name) comes in readable and
whole, with everything it could not bring in counted; our own feed of each council
round-trips into an empty site and publishes with the same ways in; a feed that fails
says why and saves nothing."""

import contextlib
import html as html_module
import http.server
import json
import re

import pytest
from django.core.management import CommandError, call_command

from contacts.models import Contact
from editions.publishing import edition_publish, statement_problems
from imports.models import ImportRun
from imports.openreferral import (
    FeedProblem,
    Selection,
    feed_from_file,
    feed_from_url,
    feed_import,
)
from offer.models import (
    CheckerRule,
    EligibilityRule,
    ReferralRoute,
    Service,
    Statement,
    Tier,
    Venue,
)
from providers.models import Provider
from tests.factories import StatementFactory
from tests.servers import http_server

from .directory_feeds import LONG_NAME, exampleshire_pages, exampleton_v3, served

pytestmark = pytest.mark.django_db

TAG_OR_ENTITY = re.compile(r"<[a-zA-Z/!][^>]*>|&(?:#\d+|#x[0-9a-f]+|[a-z]+\d*);", re.IGNORECASE)


def _texts() -> list[tuple[str, str]]:
    """Every text field of every record an import can write, with where it is."""
    found = []
    for model in (Service, Contact, Provider, ReferralRoute, EligibilityRule, Venue):
        fields = [
            f.name
            for f in model._meta.get_fields()
            if getattr(f, "get_internal_type", None)
            and f.get_internal_type() in ("CharField", "TextField")
        ]
        for record in model.objects.all():
            found += [(f"{model.__name__}.{name}", getattr(record, name)) for name in fields]
    return found


def _import_exampleshire(**options):
    with served(exampleshire_pages()) as url:
        services = feed_from_url(url)
    return feed_import(services=services, dry_run=False, source=url, **options)


# A council's own directory ---------------------------------------------------------------


def test_no_text_brought_in_holds_a_tag_or_an_entity():
    _import_exampleshire()
    services = feed_from_file(json.dumps(exampleton_v3()).encode(), name="exampleton.json")
    feed_import(services=services, dry_run=False, source="exampleton.json")
    texts = _texts()
    assert len(texts) > 100
    for where, text in texts:
        assert not TAG_OR_ENTITY.search(text), (where, text)
        assert "MsoNormal" not in text and "Calibri" not in text and "base64" not in text


def test_word_html_reads_as_paragraphs_lists_and_links():
    _import_exampleshire()
    club = Service.objects.get(name="Saturday club")
    assert club.summary == (
        "Our Saturday club is for disabled children aged 8–18. Call 01632 960 001 to book a place."
    )
    # The first paragraph held bold words, so the description keeps the whole text.
    assert club.description.startswith("Our **Saturday club** is for")
    assert "# What we do\n\n- Swimming & cinema\n- Cooking" in club.description
    assert "[our club’s page](https://www.exampleshire-club.example/saturday)" in club.description
    assert Provider.objects.get().name == "Exampleshire Youth & Play"


def test_what_a_directory_says_finds_its_place():
    report = _import_exampleshire()
    club = Service.objects.get(name="Saturday club")
    assert club.website == "https://www.exampleshire-club.example/saturday"
    assert str(club.last_reviewed_on) == "2026-03-01"  # not 'due for review' at once
    assert (club.min_age, club.max_age, club.cost) == (8, 18, "£5 a session")
    assert club.away_from_home and club.attendance == "drop_in"
    assert club.when_note == "Saturdays, 10am to 2pm"
    assert list(club.times.values_list("slug", flat=True)) == ["weekends"]
    assert list(club.areas.values_list("name", flat=True)) == ["Exampletown"]
    place = club.venues.get()
    assert (place.name, place.address, place.postcode) == (
        "Exampletown & District Leisure Centre",
        "1 High Street",
        "ZZ99 9ZZ",
    )
    assert place.changing_places and place.step_free and not place.hoist
    assert place.accessibility == "Wheelchair accessible; Lift to the first floor"
    assert club.eligibility_rules.get().criteria == "Disabled children and young people"
    routes = {route.title: route for route in club.referral_routes.all()}
    assert set(routes) == {"Contact Club leader", "Contact Saturday club"}
    assert routes["Contact Club leader"].contacts.get().explanation == "Manager"
    assert routes["Contact Saturday club"].contacts.get().email == "club@exampleshire-club.example"
    # What has no place here is counted, with examples, never dropped silently.
    rows = {row.field: row for row in report.not_brought_in.values()}
    assert rows["languages"].count == 1 and "Polish" in rows["languages"].examples[0]
    assert rows["deliverable_type"].examples == ["Activity"]
    assert rows["accreditations"].examples == ["Ofsted registered"]
    assert "service_at_locations.location.latitude" not in rows  # a map's, not a family's


def test_a_service_given_only_a_web_address_can_be_reached_through_it():
    _import_exampleshire()
    scheme = Service.objects.get(name="Holiday play scheme")
    assert scheme.website == "https://www.exampleshire-play.example/holidays"
    route = scheme.referral_routes.get()
    assert (route.title, route.link) == ("Visit their website", scheme.website)
    assert scheme.include_in_statement


def test_problems_are_reported_and_nothing_is_lost_silently():
    report = _import_exampleshire()
    kinds = {(p.kind, p.service) for p in report.problems}
    # One id, two different services: both kept.
    assert (
        Service.objects.filter(name__in=["Sitting service", "Drug and alcohol advice"]).count() == 2
    )
    assert ("duplicate id", "Drug and alcohol advice") in kinds
    assert ("no name", "id s4") in kinds
    assert ("no details", "Wheelchair football") in kinds
    assert Service.objects.filter(name="Wheelchair football").exists()
    # A name too long is cut at a word, and the whole name is in the report.
    long = Service.objects.get(source_id="s5")
    assert len(long.name) <= 200 and long.name.endswith("…")
    assert any(p.kind == "too long" and LONG_NAME in p.message for p in report.problems)
    assert ("no words", long.name) in kinds  # its description was only <p><br></p>
    assert report.skipped == ["Old youth club (status 'defunct')"]


def test_an_officer_chooses_which_services_join_the_statement():
    report = _import_exampleshire(selection=Selection(terms=["short breaks"]))
    joined = set(Service.objects.filter(include_in_statement=True).values_list("name", flat=True))
    assert "Drug and alcohol advice" not in joined and "Wheelchair football" not in joined
    assert {"Saturday club", "Holiday play scheme", "Sitting service"} <= joined
    assert Service.objects.filter(name="Drug and alcohol advice", include_in_statement=False)
    assert report.terms["Short breaks"] == 4 and report.terms["Adults"] == 1
    by_word = Selection(words=["holidays"])
    assert by_word.includes(_service_in("Play", "Summer holidays fun"))
    assert not by_word.includes(_service_in("Club", "Saturdays"))


def _service_in(name: str, summary: str):
    from imports.openreferral.mapping import ServiceIn

    return ServiceIn(key="x", name=name, values={"summary": summary})


def _visible(html: str) -> str:
    """A page's main content as a family reads it: tags gone, entities decoded once."""
    main = html[html.index('id="main-content"') : html.index("</main>")]
    main = re.sub(r"<script.*?</script>", " ", main, flags=re.S)
    return html_module.unescape(re.sub(r"<[^>]+>", " ", main))


def test_two_directories_publish_once_the_statements_own_details_are_added(client):
    _import_exampleshire(selection=Selection(terms=["Short breaks"]))
    services = feed_from_file(json.dumps(exampleton_v3()).encode(), name="exampleton.json")
    feed_import(
        services=services,
        dry_run=False,
        source="exampleton.json",
        selection=Selection(terms=["Short breaks"]),
    )
    assert statement_problems()  # no statement details yet
    StatementFactory(council_name="Exampleshire Council", area_name="Exampleshire")
    assert statement_problems() == []
    edition_publish(label="From the directories")
    paths = ["/", "/find/?q=swimming", "/statement/", "/providers/"]
    paths += [f"/services/{slug}/" for slug in Service.objects.values_list("slug", flat=True)]
    for path in paths:
        response = client.get(path)
        if response.status_code == 404:  # a service out of the statement
            continue
        text = _visible(response.content.decode())
        assert not TAG_OR_ENTITY.search(text), (path, TAG_OR_ENTITY.search(text))
        assert "MsoNormal" not in text and "Calibri" not in text, path
    club = client.get("/services/saturday-club/").content.decode()
    assert 'href="tel:+441632960001"' in club
    assert "<li>Swimming &amp; cinema</li>" in club
    assert "Changing Places toilet" in club
    assert 'href="https://www.exampleshire-club.example/saturday"' in club
    scheme = client.get("/services/holiday-play-scheme/").content.decode()
    assert 'href="https://www.exampleshire-play.example/holidays"' in scheme  # its way in
    assert "0 services" in client.get("/find/?q=calibri").content.decode()
    assert "0 services" in client.get("/find/?q=nbsp").content.decode()


def test_version_3_records_bring_what_they_say():
    content = json.dumps(exampleton_v3()).encode()
    report = feed_import(
        services=feed_from_file(content, name="exampleton.json"),
        dry_run=False,
        source="exampleton.json",
    )
    befriending = Service.objects.get(name="Online & phone befriending")
    assert befriending.online and befriending.by_phone and befriending.cost_kind == "free"
    assert befriending.when_note == "Tuesdays, 6pm to 7pm"
    assert set(befriending.times.values_list("slug", flat=True)) == {"evenings"}
    assert set(befriending.areas.values_list("name", flat=True)) == {
        "North Exampleton",
        "South Exampleton",
    }
    place = befriending.venues.get()
    assert place.hearing_loop and place.step_free and place.accessibility == ""
    contact = befriending.referral_routes.get(title="Contact Befriending team").contacts.get()
    assert (contact.email, contact.phones.get().label) == ("team@befriending.example.org", "Office")
    # Wrong types are reported, and the rest of the record still comes in.
    number = Service.objects.get(name="42")
    assert number.min_age is None
    messages = " ".join(p.message for p in report.problems if p.kind == "wrong type")
    assert "'minimum_age' should be a whole number, not 'five'" in messages
    assert "'contacts' should be a list" in messages
    assert "'description' should be words" in messages
    rows = {row.field for row in report.not_brought_in.values()}
    assert {"alert", "languages", "funding"} <= rows


# Our own feed -----------------------------------------------------------------------------


def _ways_in(client) -> dict[str, list]:
    """Each service of the current edition's feed, by name, with its ways in."""
    listed = client.get("/api/openreferral/services?per_page=500").json()["contents"]
    services = {}
    for item in listed:
        whole = client.get(f"/api/openreferral/services/{item['id']}").json()
        contacts = {c["id"]: c for c in whole["contacts"]}
        services[whole["name"]] = sorted(
            (
                route["title"],
                route.get("link", ""),
                route.get("steps", ""),
                tuple(
                    sorted(
                        (contacts[c]["name"], tuple(p["number"] for p in contacts[c]["phones"]))
                        for c in route["contact_ids"]
                    )
                ),
            )
            for route in whole["referral_routes"]
        )
    return services


def _empty_the_working_copy() -> None:
    Service.objects.all().delete()
    for model in (CheckerRule, Tier, ReferralRoute, EligibilityRule, Contact, Provider):
        model.objects.all().delete()


@pytest.mark.django_db(transaction=True)  # the feed is read over HTTP from a live server
@pytest.mark.parametrize("council", ["durham", "dorset", "leicestershire"])
def test_our_own_feed_round_trips_into_an_empty_site(client, live_server, council):
    call_command("loaddata", council, verbosity=0)
    edition_publish(label="From the fixture")
    before = _ways_in(client)
    _empty_the_working_copy()
    assert Statement.load() is not None  # the statement's own details stay

    report = feed_import(
        services=feed_from_url(live_server.url + "/api/openreferral/"),
        dry_run=False,
        source=live_server.url + "/api/openreferral/",
    )
    assert set(report.added) == set(before) and not report.changed
    assert statement_problems() == []
    edition_publish(label="From the feed")
    assert _ways_in(client) == before

    # Importing again finds everything in step: nothing changes, no history is written.
    runs = ImportRun.objects.count()
    from offer.models import RecordChange

    history = RecordChange.objects.count()
    again = feed_import(
        services=feed_from_url(live_server.url + "/api/openreferral/services"),
        dry_run=False,
        source=live_server.url + "/api/openreferral/services",
    )
    assert not again.added and not again.changed and set(again.unchanged) == set(before)
    assert RecordChange.objects.count() == history
    assert ImportRun.objects.count() == runs + 1
    assert Service.objects.count() == len(before)


# Feeds that fail ---------------------------------------------------------------------------


@contextlib.contextmanager
def _server(status: int, body: bytes, content_type: str = "application/json"):
    """A feed on a spare local port that answers every request the same way."""

    class Answer(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    with http_server(Answer) as address:
        yield address + "/api/"


@pytest.mark.parametrize(
    ("status", "body", "message"),
    [
        (500, b"Internal Server Error", r"We could not fetch http://127\.0\.0\.1:\d+/api/services"),
        (200, b"<html>Not a feed</html>", "did not send JSON"),
        (200, b'{"hello": "world"}', "not a list of Open Referral UK services"),
        (200, b'{"contents": ["a", "b"]}', "something other than services"),
        (200, b"[" * 200_000 + b"]" * 200_000, "did not send JSON"),
    ],
    ids=["server error", "not json", "not a feed", "not services", "nested too deep"],
)
def test_a_feed_that_fails_says_why_and_saves_nothing(status, body, message):
    with _server(status, body) as url, pytest.raises(FeedProblem, match=message):
        feed_from_url(url)
    assert not Service.objects.exists()


def test_a_feed_that_does_not_answer_is_given_up_on(settings):
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # accepts, never answers
    settings.FEED_FETCH_SECONDS = 0.5
    try:
        with pytest.raises(FeedProblem, match="longer than 0.5 seconds in all"):
            feed_from_url(f"http://127.0.0.1:{listener.getsockname()[1]}/")
    finally:
        listener.close()


def test_a_huge_answer_or_file_is_refused(monkeypatch, settings):
    monkeypatch.setattr("imports.openreferral.fetch.MAX_BYTES", 100)
    settings.FEED_FETCH_BYTES = 100
    with _server(200, b"[" + b" " * 200 + b"]") as url, pytest.raises(FeedProblem, match="larger"):
        feed_from_url(url)
    with pytest.raises(FeedProblem, match="larger"):
        feed_from_file(b"[" + b" " * 200 + b"]", name="big.json")
    with pytest.raises(FeedProblem, match="Give the feed's web address"):
        feed_from_url("file:///etc/passwd")


def test_a_dry_run_saves_nothing():
    report = feed_import(services=[{"id": "1", "name": "Club"}], dry_run=True, source="f.json")
    assert report.added == ["Club"] and report.run_id is None
    assert not Service.objects.exists() and not ImportRun.objects.exists()


def test_the_command_chooses_what_joins_and_writes_the_report(tmp_path, capsys):
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(exampleton_v3()))
    call_command("import_openreferral", str(path), "--dry-run")
    out = capsys.readouterr().out
    assert "3 to add (3 joining the statement, 0 out of it)" in out
    assert "not brought in: languages" in out and "Dry run: nothing saved." in out
    csv_path = tmp_path / "report.csv"
    call_command(
        "import_openreferral",
        str(path),
        "--include-term",
        "Short breaks",
        "--report",
        str(csv_path),
    )
    out = capsys.readouterr().out
    assert "(1 joining the statement, 2 out of it)" in out
    assert "Not brought in,languages" in csv_path.read_text()
    assert Service.objects.filter(include_in_statement=True).count() == 1
    with pytest.raises(CommandError, match="not both"):
        call_command("import_openreferral", str(path), "--include", "all", "--include-word", "x")
    path.write_text("not json")
    with pytest.raises(CommandError, match="did not send JSON"):
        call_command("import_openreferral", str(path))
