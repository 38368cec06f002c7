"""The Open Referral UK API: every answer matches the UK profile's schemas, ids never
change, filters and errors behave as the profile's OpenAPI document says."""

import datetime
import json
import os
import uuid
from functools import cache
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from editions.cache import edition_memos_clear
from editions.publishing import edition_publish
from offer.models import Service
from tests.conftest import WITHDRAWN, council_publish
from tests.factories import (
    AreaFactory,
    BreakTimeFactory,
    ContactFactory,
    ContactPhoneFactory,
    EligibilityRuleFactory,
    NeedFactory,
    ProviderFactory,
    ReferralRouteFactory,
    ServiceFactory,
    StatementFactory,
    TierFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db

API = "/api/openreferral/"

# The profile's schemas are read where the project sits, never copied into it.
SCHEMAS = Path(
    os.environ.get(
        "ORUK_SCHEMA_DIR", settings.BASE_DIR.parent / "shared" / "oruk-uk-profile-v3" / "schema"
    )
)
needs_schemas = pytest.mark.skipif(
    not SCHEMAS.is_dir(), reason=f"ORUK UK profile schemas not found at {SCHEMAS}"
)


@cache
def _validator(name: str):
    """A validator for one of the profile's schemas, formats (uuid, uri, email,
    date-time) checked too; the uncompiled ones find their $refs beside them."""
    from jsonschema import Draft202012Validator, FormatChecker
    from referencing import Registry, Resource

    registry = Registry().with_resources(
        (
            path.name,
            Resource.from_contents(json.loads(path.read_text()), default_specification=_spec()),
        )
        for path in SCHEMAS.glob("*.json")
    )
    schema = json.loads((SCHEMAS / name).read_text())
    return Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())


def _spec():
    from referencing.jsonschema import DRAFT202012

    return DRAFT202012


@cache
def _openapi() -> dict:
    return json.loads((SCHEMAS / "openapi.json").read_text())


def assert_valid(instance, schema: str) -> None:
    errors = sorted(_validator(schema).iter_errors(instance), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def assert_page_valid(page: dict, item_schema: str) -> None:
    """A paginated answer: the OpenAPI document's Page fields, and each item valid."""
    from jsonschema import Draft202012Validator

    Draft202012Validator(_openapi()["components"]["schemas"]["Page"]).validate(page)
    for key in ("total_items", "total_pages", "page_number", "size"):
        assert isinstance(page[key], int)
    assert page["size"] == len(page["contents"])
    for item in page["contents"]:
        assert_valid(item, item_schema)


def assert_root_valid(data: dict) -> None:
    from jsonschema import Draft202012Validator, FormatChecker

    root = _openapi()["paths"]["/"]["get"]["responses"]["200"]["content"]["application/json"]
    Draft202012Validator(root["schema"], format_checker=FormatChecker()).validate(data)


def get(client, path: str, status: int = 200) -> dict:
    response = client.get(API + path)
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/json"
    return response.json()


def every_page(client, path: str, per_page: int = 7) -> list[dict]:
    """Every item of a paginated list, checking each page's numbers on the way."""
    items, page = [], 1
    while True:
        data = get(client, f"{path}?page={page}&per_page={per_page}")
        assert data["page_number"] == page and data["first_page"] == (page == 1)
        items += data["contents"]
        if data["last_page"]:
            assert data["total_items"] == len(items)
            assert data["total_pages"] == page
            return items
        page += 1


def ids_in(record) -> set[str]:
    """Every id anywhere in a record."""
    if isinstance(record, dict):
        found = {v for k, v in record.items() if (k == "id" or k.endswith("_id")) and v}
        return found.union(*(ids_in(v) for v in record.values()))
    if isinstance(record, list):
        return set().union(*(ids_in(item) for item in record)) if record else set()
    return set()


# Every endpoint against the schemas, on each council's real content ---------------------


@needs_schemas
@pytest.mark.parametrize("council", ["durham", "dorset", "leicestershire"])
def test_every_endpoint_answers_with_records_the_profile_accepts(client, council):
    council_publish(council)
    VenueFactory(service=Service.objects.filter(include_in_statement=True).first())
    edition_publish(label="With a place")

    assert_root_valid(get(client, ""))

    services = every_page(client, "services")
    assert len(services) == Service.objects.filter(include_in_statement=True).count()
    assert_page_valid(get(client, "services"), "compiled/service_list.json")
    for listed in services:
        full = get(client, f"services/{listed['id']}")
        assert_valid(full, "compiled/service.json")
        for contact in full["contacts"]:
            for phone in contact["phones"]:
                assert_valid(phone, "phone.json")

    assert_page_valid(get(client, "taxonomies"), "taxonomy.json")
    for taxonomy in every_page(client, "taxonomies"):
        assert_valid(get(client, f"taxonomies/{taxonomy['id']}"), "taxonomy.json")

    terms = every_page(client, "taxonomy_terms")
    assert_page_valid(get(client, "taxonomy_terms"), "taxonomy_term.json")
    for term in terms:
        assert_valid(get(client, f"taxonomy_terms/{term['id']}"), "taxonomy_term.json")

    places = get(client, "service_at_locations")
    assert_page_valid(places, "compiled/service_at_location_list.json")
    assert places["total_items"] == 1
    place = get(client, f"service_at_locations/{places['contents'][0]['id']}")
    assert_valid(place, "compiled/service_at_location.json")


@pytest.fixture
def full_service(db):
    """A service with every optional part filled in, published."""
    StatementFactory(local_offer_url="https://www.example.gov.uk/localoffer")
    tier = TierFactory(name="Extra help", level="targeted", summary="More support.")
    provider = ProviderFactory(name="Play Together", website="https://playtogether.example.org")
    provider_contact = ContactFactory(name="Play Together office", email="hello@example.org")
    provider.contacts.add(provider_contact)
    team = ContactFactory(name="Short breaks team", email="shortbreaks@example.gov.uk")
    ContactPhoneFactory(contact=team, number="03000 111 222", label="Helpline")
    ContactPhoneFactory(contact=team, number="0191 123 4567")
    route = ReferralRouteFactory(title="Ask the short breaks team")
    route.contacts.add(team)
    service = ServiceFactory(
        name="Saturday club",
        slug="saturday-club",
        tier=tier,
        summary="A club on Saturdays.",
        description="Games and trips.",
        example_activities="Swimming, bowling",
        min_age=5,
        max_age=18,
        cost="£5 a session",
        direct_payment="yes",
        other_providers_note="Other clubs may join.",
        last_reviewed_on=datetime.date(2026, 9, 1),
        referral_routes=[route],
    )
    service.providers.add(provider)
    service.needs.add(NeedFactory(name="Autism", slug="autism", description="Autistic children"))
    service.times.add(BreakTimeFactory(name="Saturdays", slug="saturdays"))
    service.areas.add(AreaFactory(name="North", slug="north"))
    service.eligibility_rules.add(
        EligibilityRuleFactory(title="Lives here", criteria="Lives in Exampleshire.")
    )
    service.contacts.add(ContactFactory(name="Parent forum", email="forum@example.org"))
    VenueFactory(
        service=service,
        name="The Hub",
        address="1 Park Road",
        town="Exampleton",
        postcode="EX1 2AB",
        accessibility="Step-free entrance and a hoist",
    )
    edition_publish(label="2026 to 2027")
    return Service.objects.get(pk=service.pk)


@needs_schemas
def test_a_service_with_every_optional_part_filled_matches_the_profile(client, full_service):
    data = get(client, f"services/{full_service.uid}")
    assert_valid(data, "compiled/service.json")
    for contact in data["contacts"]:
        for phone in contact["phones"]:
            assert_valid(phone, "phone.json")
    assert_valid(data["service_at_locations"][0], "compiled/service_at_location.json")


def test_a_full_service_carries_each_part_a_directory_needs(client, full_service):
    data = get(client, f"services/{full_service.uid}")
    assert data["url"] == "http://testserver/services/saturday-club/"
    assert (data["minimum_age"], data["maximum_age"]) == (5, 18)
    assert data["assured_date"] == "2026-09-01"
    assert "Lives in Exampleshire." in data["eligibility_description"]
    assert "Provided by Play Together." in data["description"]
    assert data["organization"]["name"] == "Play Together"
    assert data["organization"]["website"] == "https://playtogether.example.org"
    assert data["organization_id"] == data["organization"]["id"]

    team, forum = data["contacts"]  # how to get it first, then the other contacts
    assert (team["name"], team["email"]) == ("Short breaks team", "shortbreaks@example.gov.uk")
    assert [(p["number"], p.get("description")) for p in team["phones"]] == [
        ("03000 111 222", "Helpline"),
        ("0191 123 4567", None),
    ]
    assert forum["name"] == "Parent forum"
    assert data["email"] == "shortbreaks@example.gov.uk"

    cost, direct_payment = data["cost_options"]
    assert (cost["amount"], cost["amount_description"]) == (5.0, "£5 a session")
    assert direct_payment["option"] == "Direct payment"
    assert [area["name"] for area in data["service_areas"]] == ["North"]
    assert [schedule["description"] for schedule in data["schedules"]] == ["Saturdays"]
    assert {a["taxonomy_term"]["name"] for a in data["attributes"]} == {
        "Extra help",
        "Autism",
        "Saturdays",
    }
    (place,) = data["service_at_locations"]
    address = place["location"]["addresses"][0]
    assert (address["address_1"], address["city"], address["postal_code"]) == (
        "1 Park Road",
        "Exampleton",
        "EX1 2AB",
    )
    assert place["location"]["accessibility"][0]["description"] == "Step-free entrance and a hoist"


def test_a_service_with_several_or_no_providers_is_the_councils(client, full_service):
    full_service.providers.add(ProviderFactory(name="Second provider"))
    bare = ServiceFactory(name="Helpline", slug="helpline")
    everywhere = ServiceFactory(name="Sitting service", slug="sitting", whole_area=True)
    edition_publish(label="Next")
    for service in (full_service, bare):
        organization = get(client, f"services/{service.uid}")["organization"]
        assert organization["name"] == "Exampleshire Council"
        assert organization["website"] == "https://www.example.gov.uk/localoffer"
    # Where a service runs is said only when the council says it.
    assert get(client, f"services/{bare.uid}")["service_areas"] == []
    whole_area = get(client, f"services/{everywhere.uid}")["service_areas"]
    assert [area["name"] for area in whole_area] == ["Exampleshire"]


# Ids that never change ------------------------------------------------------------------


def test_ids_survive_a_rename_and_a_new_edition(client, full_service):
    before = get(client, f"services/{full_service.uid}")
    terms_before = {t["id"] for t in every_page(client, "taxonomy_terms")}
    taxonomies_before = {t["id"] for t in every_page(client, "taxonomies")}

    full_service.name = "Saturday adventures"
    full_service.slug = "saturday-adventures"
    full_service.summary = "Adventures on Saturdays."
    full_service.save()
    full_service.tier.name = "More help"
    full_service.tier.save()
    full_service.needs.update(name="Autistic children")
    edition_publish(label="Renamed")

    after = get(client, f"services/{full_service.uid}")
    assert after["name"] == "Saturday adventures"
    assert after["url"] == "http://testserver/services/saturday-adventures/"
    assert ids_in(after) == ids_in(before)
    assert {t["id"] for t in every_page(client, "taxonomy_terms")} == terms_before
    assert {t["id"] for t in every_page(client, "taxonomies")} == taxonomies_before


def test_a_service_left_out_of_the_new_edition_is_gone_from_the_feed(client, full_service):
    url = f"services/{full_service.uid}"
    get(client, url)
    Service.objects.filter(pk=full_service.pk).update(include_in_statement=False)
    ServiceFactory(name="Something else")
    edition_publish(label="Without it")
    error = get(client, url, status=404)
    assert str(full_service.uid) in error["message"]


def test_last_modified_moves_only_for_services_that_changed(client, full_service):
    other = ServiceFactory(name="Quiet club", slug="quiet-club")
    first = edition_publish(label="Both")
    Service.objects.filter(pk=full_service.pk).update(summary="New summary.")
    second = edition_publish(label="One changed")

    def modified(service):
        return datetime.datetime.fromisoformat(
            get(client, f"services/{service.uid}")["last_modified"]
        )

    assert modified(full_service) == second.published_at.replace(
        microsecond=second.published_at.microsecond // 1000 * 1000
    )
    assert modified(other) == first.published_at.replace(
        microsecond=first.published_at.microsecond // 1000 * 1000
    )
    cutoff = first.published_at + (second.published_at - first.published_at) / 2
    query = urlencode({"modified_after": cutoff.isoformat()})
    names = [s["name"] for s in get(client, f"services?{query}")["contents"]]
    assert names == ["Saturday club"]
    # A '+' left unencoded in the offset reads as a space; it still means UTC.
    unencoded = cutoff.isoformat().replace("+", " ")
    assert get(client, f"services?modified_after={unencoded}")["total_items"] == 1


# Filters, pagination and errors ---------------------------------------------------------


def names(client, query: str) -> list[str]:
    return sorted(s["name"] for s in get(client, f"services?{query}")["contents"])


def test_filters_by_search_taxonomy_term_taxonomy_and_age(client, full_service):
    ServiceFactory(name="Holiday scheme", slug="holiday-scheme", min_age=11, max_age=25)
    edition_publish(label="Two services")
    autism = next(t for t in every_page(client, "taxonomy_terms") if t["name"] == "Autism")

    assert names(client, "search=bowling") == ["Saturday club"]
    assert names(client, "search=nothing+like+this") == []
    assert names(client, f"taxonomy_term_id={autism['id']}") == ["Saturday club"]
    assert names(client, f"taxonomy_id={autism['taxonomy_id']}") == ["Saturday club"]
    assert names(client, f"taxonomy_term_id={uuid.uuid4()}") == []
    # As the profile defines them: minimum age at least, maximum age at most.
    assert names(client, "minimum_age=10") == ["Holiday scheme"]
    assert names(client, "maximum_age=18") == ["Saturday club"]
    assert names(client, "minimum_age=5&maximum_age=25") == ["Holiday scheme", "Saturday club"]


def test_pages_split_the_list_and_a_page_past_the_end_is_empty(client, full_service):
    for n in range(4):
        ServiceFactory(name=f"Club {n}")
    edition_publish(label="Five services")
    assert len(every_page(client, "services", per_page=2)) == 5
    beyond = get(client, "services?page=9&per_page=2")
    assert (beyond["empty"], beyond["size"], beyond["last_page"]) == (True, 0, True)


@pytest.mark.parametrize(
    "query, says",
    [
        ("page=0", "page must be from 1"),
        ("page=two", "page must be a whole number"),
        ("per_page=100000", "per_page must be from 1 to 500"),
        ("minimum_age=-1", "minimum_age must be an age"),
        ("maximum_age=old", "maximum_age must be an age"),
        ("minimum_age=nan", "minimum_age must be an age"),
        ("taxonomy_term_id=autism", "taxonomy_term_id must be a UUID"),
        ("taxonomy_id=123", "taxonomy_id must be a UUID"),
        ("modified_after=yesterday", "modified_after must be an ISO 8601 date"),
        ("modified_after=2026-02-30", "modified_after must be an ISO 8601 date"),
        ("day=monday", "cannot filter by day"),
        ("postcode=ZZ99+9ZZ", "cannot filter by postcode"),
        ("format=ndjson", "format must be json"),
        ("search=" + "a" * 201, "search must be 200 characters or fewer"),
    ],
)
def test_a_bad_parameter_is_a_400_saying_what_to_change(client, full_service, query, says):
    for path in ("services", "service_at_locations"):
        error = get(client, f"{path}?{query}", status=400)
        assert error["status"] == 400 and says in error["message"]


@pytest.mark.parametrize(
    "path", ["services/", "taxonomies/", "taxonomy_terms/", "service_at_locations/"]
)
def test_an_unknown_id_is_a_404_in_json(client, full_service, path):
    for id in (str(uuid.uuid4()), "not-an-id"):
        assert get(client, path + id, status=404)["status"] == 404


def test_an_unknown_address_under_the_api_is_a_404_in_json(client, full_service):
    assert "listed at its root" in get(client, "organizations", status=404)["message"]


def test_a_trailing_slash_is_accepted(client, full_service):
    assert get(client, "services/")["total_items"] == 1
    assert get(client, f"services/{full_service.uid}/")["name"] == "Saturday club"


def test_before_the_first_edition_the_lists_are_empty_and_ids_unknown(client):
    root = get(client, "")
    assert (root["version"], root["edition"]) == ("3.0", None)
    assert get(client, "services")["empty"] is True
    assert get(client, "service_at_locations")["total_items"] == 0
    get(client, f"services/{uuid.uuid4()}", status=404)


# Any website may read it ----------------------------------------------------------------


def test_any_website_may_read_it_but_nobody_may_write(client, full_service):
    response = client.get(API + "services", HTTP_ORIGIN="https://directory.example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "max-age" in response["Cache-Control"] and "public" in response["Cache-Control"]
    assert response["Last-Modified"]

    preflight = client.options(
        API + "services",
        HTTP_ORIGIN="https://directory.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"

    posted = client.post(API + "services", {"name": "Spam"})
    assert posted.status_code == 405
    assert posted["Allow"] == "GET, HEAD, OPTIONS"
    assert posted.json()["message"] == "This API is read-only: use GET."
    assert Service.objects.count() == 1


def test_the_root_names_the_profile_the_edition_and_the_endpoints(client, full_service):
    root = get(client, "")
    assert root["profile"].startswith("https://")
    assert root["openapi_url"].endswith("openapi.json")
    assert root["edition"]["label"] == "2026 to 2027"
    assert root["endpoints"]["services"] == "http://testserver/api/openreferral/services"


def test_a_warm_feed_answers_without_rereading_the_edition(
    client, full_service, django_assert_max_num_queries
):
    get(client, "services")
    # One query per answer: which edition is current. The records come from memory.
    with django_assert_max_num_queries(1):
        get(client, "services?per_page=500")
    with django_assert_max_num_queries(1):
        get(client, f"services/{full_service.uid}")


def test_the_first_request_after_a_restart_reads_no_earlier_edition(client, full_service):
    """When each service last changed is kept with its edition at publishing, so a cold
    feed costs the same whether the statement has one edition or many."""
    edition_publish(label="First")

    def cold_queries() -> list[str]:
        edition_memos_clear()  # a new process: nothing worked out yet
        with CaptureQueriesContext(connection) as captured:
            get(client, "services?per_page=500")
        return [query["sql"] for query in captured.captured_queries]

    one = cold_queries()
    for n in range(6):
        Service.objects.filter(pk=full_service.pk).update(summary=f"Summary {n}.")
        edition_publish(label=f"Edition {n + 2}")
    many = cold_queries()
    assert len(many) == len(one) <= 4
    assert not any('"version" <' in sql for sql in many)  # no walk back through editions


def test_editions_published_before_dates_were_kept_get_the_same_dates(client, full_service):
    """An upgraded site has editions with no dates kept: migrate works them out, oldest
    first, and they read exactly as if they had been kept all along."""
    from django.core.management import call_command

    from openreferral.models import ServiceDates

    ServiceFactory(name="Quiet club", slug="quiet-club")
    edition_publish(label="First")
    Service.objects.filter(pk=full_service.pk).update(summary="Changed.")
    edition_publish(label="Second")
    edition_publish(label="Third, nothing changed")
    kept = dict(ServiceDates.objects.values_list("edition__version", "last_modified"))
    ServiceDates.objects.all().delete()
    call_command("migrate", verbosity=0)
    assert dict(ServiceDates.objects.values_list("edition__version", "last_modified")) == kept
    assert len({kept[3][uid] for uid in kept[3]}) == 2  # one moved, one did not


def test_times_in_the_feed_are_utc_to_the_millisecond(client, full_service):
    stamp = get(client, f"services/{full_service.uid}")["last_modified"]
    parsed = datetime.datetime.fromisoformat(stamp)
    assert parsed.utcoffset() == datetime.timedelta(0)
    assert len(stamp.split(".")[1]) == len("123+00:00")
    assert parsed <= timezone.now()


def test_a_durham_service_dropped_from_the_second_edition_is_not_listed(client):
    council_publish("durham")
    listed = [s["url"] for s in every_page(client, "services", per_page=100)]
    assert not any(url.endswith(f"/services/{WITHDRAWN}/") for url in listed)


def test_a_feed_answer_is_kept_per_edition_and_only_its_page_is_mapped(
    client, durham_edition, monkeypatch
):
    from openreferral import views

    mapped = []
    listed = views.service_listed

    def counting(service):
        mapped.append(service["id"])
        return listed(service)

    monkeypatch.setattr(views, "service_listed", counting)
    first = client.get("/api/openreferral/services?per_page=2")
    assert first.status_code == 200 and len(mapped) == 2  # the page's services alone

    def never(*args, **kwargs):
        raise AssertionError("the answer was made again")

    monkeypatch.setattr(views, "_services_matching", never)
    again = client.get("/api/openreferral/services?per_page=2")
    assert again.status_code == 200 and again.content == first.content
    assert again["Access-Control-Allow-Origin"] == "*"
    assert (
        client.get(
            "/api/openreferral/services?per_page=2", HTTP_IF_NONE_MATCH=again["ETag"]
        ).status_code
        == 304
    )
