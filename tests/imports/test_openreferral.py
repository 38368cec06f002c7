"""Bringing in an Open Referral UK feed: our own feed of each council, imported into an
empty working copy over HTTP, gives the same services, contacts and places; a second
import updates rather than duplicates; a feed that fails says why and saves nothing."""

import contextlib
import http.server
import json
import threading

import pytest
from django.core.management import CommandError, call_command

from contacts.models import Contact
from editions.publishing import edition_publish
from imports.models import ImportUpload
from imports.openreferral import FeedProblem, feed_from_file, feed_from_url, feed_import
from offer.models import CheckerRule, EligibilityRule, ReferralRoute, Service, Tier
from providers.models import Provider
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _feed(client) -> dict[str, dict]:
    """Each service of the current edition's feed, whole, by name: what a directory sees."""
    listed = client.get("/api/openreferral/services?per_page=500").json()["contents"]
    services = {}
    for item in listed:
        whole = client.get(f"/api/openreferral/services/{item['id']}").json()
        services[whole["name"]] = {
            "contacts": sorted(
                (c["name"], c.get("email", ""), tuple(sorted(p["number"] for p in c["phones"])))
                for c in whole["contacts"]
            ),
            "places": sorted(
                (
                    place["location"].get("name"),
                    place["location"]["addresses"][0].get("address_1"),
                    place["location"]["addresses"][0].get("postal_code"),
                )
                for place in whole["service_at_locations"]
            ),
            "ages": (whole.get("minimum_age"), whole.get("maximum_age")),
            "cost": sorted(o.get("amount_description", "") for o in whole["cost_options"]),
        }
    return services


def _working_copy() -> dict[str, dict]:
    """The same view of the working copy after an import (which cannot know the routes
    a service had, so it keeps their contacts on the service and on a route each)."""
    services = {}
    for service in Service.objects.prefetch_related("contacts__phones", "venues"):
        contacts = {
            contact.pk: contact
            for route in service.referral_routes.all()
            for contact in route.contacts.all()
        }
        contacts.update({contact.pk: contact for contact in service.contacts.all()})
        services[service.name] = {
            "contacts": sorted(
                (c.name, c.email, tuple(sorted(p.number for p in c.phones.all())))
                for c in contacts.values()
            ),
            "places": sorted((v.name, v.address, v.postcode) for v in service.venues.all()),
            "ages": (service.min_age, service.max_age),
            "cost": sorted(
                ([service.cost] if service.cost else [])
                + (["Free"] if service.free else [])
                + (
                    ["A family can pay for this with a direct payment."]
                    if service.direct_payment == "yes"
                    else []
                )
            ),
        }
    return services


def _empty_the_working_copy() -> None:
    Service.objects.all().delete()
    for model in (CheckerRule, Tier, ReferralRoute, EligibilityRule, Contact, Provider):
        model.objects.all().delete()


@pytest.mark.parametrize("council", ["durham", "dorset", "leicestershire"])
def test_our_own_feed_round_trips_into_an_empty_site(client, live_server, council):
    call_command("loaddata", council, verbosity=0)
    edition_publish(label="From the fixture")
    before = _feed(client)
    _empty_the_working_copy()

    report = feed_import(
        services=feed_from_url(live_server.url + "/api/openreferral/"),
        dry_run=False,
        source="our feed",
    )
    offered = set(before)
    assert set(report.added) == offered and not report.updated
    assert _working_copy() == before

    again = feed_import(
        services=feed_from_url(live_server.url + "/api/openreferral/services"),
        dry_run=False,
        source="our feed",
    )
    assert not again.added and set(again.updated) == offered
    assert Service.objects.count() == len(offered)  # updated, not added twice


def test_a_dry_run_saves_nothing_and_says_what_it_cannot_bring_in():
    feed = {
        "contents": [
            {
                "id": "a1",
                "name": "Swim club",
                "description": "Swimming on Saturdays.\n\nIn the town pool.",
                "status": "active",
                "languages": [{"name": "Welsh"}],
                "schedules": [{"description": "Tuesdays at 4pm"}],
                "contacts": [{"id": "c1", "name": "Pool desk", "phones": [{"number": "12345"}]}],
            },
            {"id": "a2", "name": "Old club", "status": "defunct"},
        ]
    }
    services = feed_from_file(json.dumps(feed).encode(), name="feed.json")
    report = feed_import(services=services, dry_run=True, source="feed.json")
    assert report.added == ["Swim club"] and report.skipped == ["Old club (status 'defunct')"]
    lines = " ".join(report.not_mapped_lines)
    assert "'languages' has no place here (1 service)" in lines
    assert "A schedule that names none of our times of break" in lines
    assert "A phone number that is not a UK number" in lines
    assert not Service.objects.exists() and not Contact.objects.exists()

    feed_import(services=services, dry_run=False, source="feed.json")
    swim = Service.objects.get()
    assert (swim.summary, swim.description) == ("Swimming on Saturdays.", "In the town pool.")
    assert swim.tier is None and swim.referral_routes.get().title == "Contact Pool desk"


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

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Answer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/api/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    ("status", "body", "message"),
    [
        (500, b"Internal Server Error", r"answered .* with an error \(500"),
        (200, b"<html>Not a feed</html>", "did not send JSON"),
        (200, b'{"hello": "world"}', "not a list of Open Referral UK services"),
        (200, b'{"contents": [{"name": "No id"}]}', "services without an id"),
    ],
    ids=["server error", "not json", "not a feed", "no ids"],
)
def test_a_feed_that_fails_says_why_and_saves_nothing(status, body, message):
    with _server(status, body) as url, pytest.raises(FeedProblem, match=message):
        feed_from_url(url)
    assert not Service.objects.exists()


def test_a_feed_that_does_not_answer_is_given_up_on(monkeypatch):
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # accepts, never answers
    monkeypatch.setattr("imports.openreferral.TIMEOUT_SECONDS", 0.5)
    try:
        with pytest.raises(FeedProblem, match="did not answer"):
            feed_from_url(f"http://127.0.0.1:{listener.getsockname()[1]}/")
    finally:
        listener.close()


def test_a_huge_answer_or_file_is_refused(monkeypatch):
    monkeypatch.setattr("imports.openreferral.MAX_BYTES", 100)
    with _server(200, b"[" + b" " * 200 + b"]") as url, pytest.raises(FeedProblem, match="larger"):
        feed_from_url(url)
    with pytest.raises(FeedProblem, match="larger"):
        feed_from_file(b"[" + b" " * 200 + b"]", name="big.json")
    with pytest.raises(FeedProblem, match="Give the feed's web address"):
        feed_from_url("file:///etc/passwd")


def test_the_admin_checks_a_feed_then_imports_it_on_confirmation(client):
    client.force_login(UserFactory(roles=["Editor"]))
    url = "/admin/offer-openreferral/"
    assert client.get(url).status_code == 200
    body = json.dumps([{"id": "x", "name": "Play day", "status": "active", "contacts": []}])
    body = body.encode()
    with _server(200, body) as feed:
        checked = client.post(url, {"url": feed})
    assert checked.status_code == 200 and "To add: Play day." in checked.content.decode()
    assert not Service.objects.exists()
    upload = ImportUpload.objects.get()
    done = client.post(url, {"upload": upload.pk, "confirm": "1"})
    assert done.status_code == 302 and Service.objects.get().name == "Play day"
    with _server(503, b"busy") as feed:
        failed = client.post(url, {"url": feed})
    assert failed.status_code == 400 and "with an error (503" in failed.content.decode()
    assert client.post(url, {}).status_code == 400


def test_the_command_imports_a_file_and_explains_a_bad_one(tmp_path, capsys):
    path = tmp_path / "feed.json"
    path.write_text(json.dumps({"contents": [{"id": "1", "name": "Club", "status": "active"}]}))
    call_command("import_openreferral", str(path), "--dry-run")
    assert "1 to add, 0 to update" in capsys.readouterr().out
    path.write_text("not json")
    with pytest.raises(CommandError, match="did not send JSON"):
        call_command("import_openreferral", str(path))


def test_a_version_1_feed_is_read_where_its_names_are_simple():
    page = {
        "totalPages": 1,
        "last": True,
        "content": [
            {
                "id": "v1-1",
                "name": "Holiday scheme",
                "description": "Summer fun.",
                "status": "active",
                "fees": "£10 a day",
                "eligibilitys": [
                    {"eligibility": "Disabled children", "minimum_age": 5, "maximum_age": 11}
                ],
                "service_at_locations": [
                    {
                        "location": {
                            "id": "loc-1",
                            "name": "The centre",
                            "physical_addresses": [
                                {"address_1": "1 High St", "city": "Exampleton",
                                 "postal_code": "ZZ99 9ZZ"}
                            ],
                        }
                    }
                ],
            }
        ],
    }  # fmt: skip
    services = feed_from_file(json.dumps(page).encode(), name="v1.json")
    feed_import(services=services, dry_run=False, source="v1.json")
    scheme = Service.objects.get()
    assert (scheme.cost, scheme.min_age, scheme.max_age) == ("£10 a day", 5, 11)
    assert scheme.eligibility_rules.get().criteria == "Disabled children"
    venue = scheme.venues.get()
    assert (venue.name, venue.address, venue.postcode) == ("The centre", "1 High St", "ZZ99 9ZZ")
