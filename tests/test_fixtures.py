"""Each council's fixture loads into an empty database, publishes and renders, and
holds what families and professionals use from that council's published statement."""

import io
import re

import pytest
from django.core.management import call_command

from editions.models import Edition
from editions.publishing import statement_problems

pytestmark = pytest.mark.django_db

COUNCILS = ["durham", "dorset", "leicestershire"]


def publish(council: str):
    call_command("loaddata", council, verbosity=0)
    assert statement_problems() == []
    call_command("publish_statement", stdout=io.StringIO())
    return Edition.objects.get()


def html(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


@pytest.mark.parametrize("council", COUNCILS)
def test_every_page_of_the_council_renders(client, council):
    edition = publish(council)
    snapshot = edition.snapshot
    paths = [
        "/",
        "/statement/",
        "/glossary/",
        "/find/",
        "/check/",
        "/check/result/?age=10&social_worker=yes&ehcp=no&tried_community=yes",
        "/statement/editions/",
    ]
    # Pages only some statements have: there when this council's has something for them.
    optional = {
        "/faq/": snapshot["questions"],
        "/stories/": snapshot["stories"],
        "/providers/": snapshot["providers"],
        "/contacts/": [c for c in snapshot["contacts"] if c["is_useful_contact"]],
        "/what-families-need/": snapshot["figures"]
        or snapshot["family_views"]
        or [s for s in snapshot["sections"] if s["place"] == "needs"],
    }
    for path, content in optional.items():
        assert client.get(path).status_code == (200 if content else 404), path
    paths += [f"/about/{s['slug']}/" for s in snapshot["sections"] if s["place"] == "page"]
    paths += [f"/support/{tier['slug']}/" for tier in snapshot["tiers"]]
    paths += [f"/services/{service['slug']}/" for service in snapshot["services"]]
    paths += [f"/providers/{provider['slug']}/" for provider in snapshot["providers"]]
    for path in paths:
        html(client, path)
    assert len(snapshot["glossary"]) >= 15
    assert snapshot["checker_rules"]


@pytest.mark.parametrize("council", COUNCILS)
def test_a_family_with_a_social_worker_is_pointed_to_specialist_support(client, council):
    publish(council)
    response = client.get("/check/result/?age=10&social_worker=yes&ehcp=no&tried_community=yes")
    levels = [s.tier.level for s in response.context["result"].suggestions]
    assert levels[0] == "specialist"


@pytest.mark.parametrize("council", COUNCILS)
def test_glossary_terms_are_linked_on_the_councils_pages(client, council):
    publish(council)
    assert 'class="govuk-link app-glossary-link"' in html(client, "/statement/")


def test_dorset_has_targeted_and_specialist_tiers_localities_figures_and_views(client):
    snapshot = publish("dorset").snapshot
    assert [tier["level"] for tier in snapshot["tiers"]] == ["targeted", "specialist"]
    areas = {term["name"] for term in snapshot["taxonomies"]["areas"]}
    assert {
        "Chesil",
        "Dorchester",
        "West Dorset",
        "East Dorset",
        "Purbeck",
        "North Dorset",
    } <= areas
    page = html(client, "/what-families-need/")
    for text in (
        "6,302 children",
        "about 3,760 children",
        "about 1,480 children",
        "450 to 500 children",
        "500 to 550 children",
        "11%",
        "2,000 to 2,300 nights a year",
    ):
        assert text in page
    assert len(re.findall(r"<svg ", page)) == 2  # children and percentages
    assert "less travel to a short break" in page
    assert "more help to find personal assistants" in page
    finder = html(client, "/find/?area=chesil")
    assert "Residential overnight short breaks" in finder
    statement = html(client, "/statement/")
    assert "Chesil: significantly more provision is needed." in statement
    # What the strategy says it will develop is planned, not offered: no way to apply,
    # not found by the finder, not active in the feed.
    planned = {
        "Lighthouse outreach",
        "Family Link short breaks",
        "Residential short breaks for young people aged 16 to 25",
        "A framework of short breaks providers",
    }
    statuses = {s["name"]: s["status"] for s in snapshot["services"]}
    assert {name for name, status in statuses.items() if status == "planned"} == planned
    specialist = html(client, "/support/specialist-short-breaks/")
    being_developed = specialist.split("Being developed")[1]
    assert all(name in being_developed for name in planned)
    everything = html(client, "/find/")
    assert not any(name in everything for name in planned)
    feed = client.get("/api/openreferral/services?per_page=100").json()["contents"]
    assert {s["name"] for s in feed if s["status"] == "active"}.isdisjoint(planned)


def test_durham_names_its_levels_a_b_and_c_and_runs_a_pilot(client):
    snapshot = publish("durham")
    home = html(client, "/")
    for caption, name in (("A", "Advice, signposting"), ("B", "Additional support")):
        assert re.search(rf">{caption}</span>\s*<h3[^>]*><a [^>]*>{name}", home)
    pot = html(client, "/services/pilot-personalisation-pot/")
    assert "A pilot" in pot
    # The statement lists no needs, so the checker does not ask about them.
    assert 'name="need"' not in html(client, "/check/")
    assert not snapshot.snapshot["taxonomies"]["needs"]


def test_leicestershire_has_its_three_levels_payments_providers_and_stories(client):
    snapshot = publish("leicestershire").snapshot
    assert [tier["name"] for tier in snapshot["tiers"]] == [
        "Universal provision",
        "Early Help provision",
        "Specialised provision",
    ]
    rules = {rule["title"]: rule["assessment"] for rule in snapshot["eligibility_rules"]}
    for level in (1, 2):
        assessment = rules[f"Self-assessment: level {level}"]
        assert assessment["name"] == "Short breaks self-assessment"
        assert assessment["family_can_start"]
    # "Many" Early Help services can be used directly: not all, so it says no more.
    assert rules["Low to moderate support needs"] is None
    card = html(client, "/services/summer-direct-payment-card/")
    assert "Self-assessment: level 1" in card
    assert "Short breaks self-assessment: you can start it yourself" in card
    # The statement gives no ages, contacts or cost, so none is printed.
    assert "Ages" not in card.split('id="main-content"')[1]
    assert "tel:" not in card
    assert "Cost not stated" in card or "Not stated: ask" in card
    commissioned = html(client, "/services/worker-assessed-commissioned-service/")
    for name in (
        "FTM Dance",
        "Glebe House",
        "Goldhill",
        "SENSE",
        "Melton Mencap",
        "New Leaf Triangle",
        "Flourish with Phoenix",
        "Sportworks Ltd",
        "Woodleigh Health",
        "Purple Heart",
    ):
        assert f">{name}</a>" in commissioned
    assert "We do at times work with other agencies." in commissioned
    care = html(client, "/services/domiciliary-care/")
    for name in (
        "Woodleigh Health",
        "Diversity",
        "Prestige Care",
        "Purple Care",
        "Anstey Healthcare",
        "Daystar",
        "Alliance SC",
        "Caremark",
        "Interpid Care &amp; Support",
        "MK Executive Care",
        "Raageh Care",
        "Seven Care Services",
    ):
        assert f">{name}</a>" in care
    assert "We do at times work with other care agencies." in care
    overnight = html(client, "/services/overnight-short-breaks/")
    assert "Children&#x27;s Disability Service" in overnight
    assert "looked after child" in overnight
    stories = html(client, "/stories/")
    for child in ("Mo, 9", "Taylor, 13", "Melody, 12", "Jack, 8", "Mia, 16"):
        assert child in stories
    assert "181 hours" in stories
    # Jack's story gives no outcome; none is made up.
    jack = stories.split("Jack, 8")[1].split("<h2")[0]
    assert "What difference it made" not in jack


# Points where a fixture once said more or less than its seed.


def test_durhams_fixture_says_what_its_seed_says_and_no_more(client):
    publish("durham")
    pot = html(client, "/services/pilot-personalisation-pot/")
    assert "Durham County Carers Support" in pot
    assert "A referral from SENDEIC" not in pot  # its level's rule is not its own
    assert "Weekly sessions in term time" in html(client, "/services/keeping-families-connected/")
    glossary = html(client, "/glossary/")
    for more in ("has a right to one", "trained to look after", "does not need a social worker"):
        assert more not in glossary, more


def test_dorsets_fixture_says_what_its_seed_says_and_no_more(client):
    publish("dorset")
    residential = html(client, "/services/residential-overnight-short-breaks/")
    assert "Across Dorset" in residential  # 6 to 8 places across the county
    assert "Short Breaks Strategy 2024 to 2027" in html(client, "/statement/")
    providers = html(client, "/providers/")
    assert "run short breaks" not in providers


def test_leicestershires_fixture_says_what_its_seed_says_and_no_more(client):
    from editions.coverage import statutory_coverage
    from editions.selectors import statement_current

    publish("leicestershire")
    assert "Mia will have independent support" in html(client, "/stories/")
    _, statement = statement_current()
    gaps = statutory_coverage(statement).gaps
    assert "No service offers day-time care elsewhere." not in gaps
