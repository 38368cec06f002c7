"""The finder: filters alone and together, synonyms, bad parameters, query count."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from editions.publishing import edition_publish
from editions.read import SearchWord
from editions.snapshot.schema import search_words_listed
from offer.models import BreakTime, EligibilityRule, Tier
from offer.standard_lists import STANDARD_SEARCH_WORDS
from public.finder import search_terms, synonym_groups
from tests.factories import (
    AreaFactory,
    BreakTimeFactory,
    ContactFactory,
    ContactPhoneFactory,
    EligibilityRuleFactory,
    NeedFactory,
    ServiceFactory,
    StatementFactory,
    TierFactory,
)

pytestmark = pytest.mark.django_db


SERVICE_NAME = r'<h[34] class="govuk-heading-s[^"]*"><a class="govuk-link" href="[^"]+">([^<]+)</a>'


def names(response) -> list[str]:
    """The services listed as matching the search."""
    return re.findall(SERVICE_NAME, response.content.decode().split('id="ask"')[0])


def asked(response) -> list[str]:
    """The services listed under "Ask about these": the statement does not say enough."""
    html = response.content.decode()
    return re.findall(SERVICE_NAME, html.split('id="ask"')[1]) if 'id="ask"' in html else []


@pytest.fixture
def offer(db):
    StatementFactory()
    helpline = ContactFactory(name="Family Information Service", is_useful_contact=True)
    ContactPhoneFactory(contact=helpline, number="01632 960 123")
    open_rule = EligibilityRuleFactory(title="Anyone", assessment="none")
    assessed = EligibilityRuleFactory(title="Assessed", assessment="social_care")
    everyone = TierFactory(name="Help for everyone", slug="everyone", order=1)
    everyone.eligibility_rules.set([open_rule])
    specialist = TierFactory(name="Specialist help", slug="specialist", level="specialist", order=2)
    specialist.eligibility_rules.set([assessed])
    weekends = BreakTimeFactory(slug="weekends", name="Weekends")
    overnight = BreakTimeFactory(slug="overnight", name="Overnight")
    autism = NeedFactory(slug="autism", name="Autism")
    north = AreaFactory(slug="north", name="North")

    swim = ServiceFactory(
        name="Swimming club",
        tier=everyone,
        min_age=5,
        max_age=16,
        order=1,
        summary="Swimming on Saturdays.",
        example_activities="Swimming, water games",
    )
    swim.times.set([weekends])
    swim.areas.set([north])
    overnight_care = ServiceFactory(
        name="Overnight short breaks",
        tier=specialist,
        min_age=8,
        max_age=18,
        order=2,
        summary="Your child stays overnight at a residential home.",
        direct_payment="no",
    )
    overnight_care.times.set([overnight])
    pa = ServiceFactory(
        name="Personal assistant",
        tier=specialist,
        min_age=0,
        max_age=25,
        order=3,
        summary="A personal assistant takes your child out.",
        direct_payment="yes",
    )
    pa.needs.set([autism])
    ServiceFactory(
        name="SEND youth group",
        tier=everyone,
        min_age=11,
        max_age=19,
        order=4,
        summary="A youth club for young people with SEND.",
    )
    edition_publish(label="2026")


ALL = ["Swimming club", "SEND youth group", "Overnight short breaks", "Personal assistant"]
UNTIMED = ["Personal assistant", "SEND youth group"]  # the statement says nothing of when


@pytest.mark.parametrize(
    ("query", "matching", "ask"),
    [
        ("", ALL, []),
        ("age=6", ["Swimming club", "Personal assistant"], []),
        ("age=25", ["Personal assistant"], []),
        ("when=weekends", ["Swimming club"], UNTIMED),
        ("when=overnight", ["Overnight short breaks"], UNTIMED),
        ("need=autism", ALL, []),  # a service that names no needs is for any need
        ("area=north", ["Swimming club"], ["Overnight short breaks", *UNTIMED]),
        ("tier=specialist", ["Overnight short breaks", "Personal assistant"], []),
        ("no_assessment=1", ["Swimming club", "SEND youth group"], []),
        # Overnight short breaks says no; the two that say nothing are "ask".
        ("direct_payment=1", ["Personal assistant"], ["Swimming club", "SEND youth group"]),
        ("q=swimming", ["Swimming club"], []),
        ("age=12&tier=everyone", ["Swimming club", "SEND youth group"], []),
        ("age=12&tier=everyone&when=weekends&q=water", ["Swimming club"], []),
        (
            "tier=everyone&tier=specialist&direct_payment=1",
            ["Personal assistant"],
            ["Swimming club", "SEND youth group"],
        ),
    ],
)
def test_each_filter_alone_and_combined(client, offer, query, matching, ask):
    """What the statement does not say (no times, areas, or direct payment answer) is
    neither a match nor a miss: those services are listed apart, to ask about."""
    response = client.get(f"/find/?{query}")
    assert response.status_code == 200
    assert sorted(names(response)) == sorted(matching)
    assert sorted(asked(response)) == sorted(ask)


def test_a_services_own_rules_add_to_its_tiers_everywhere_they_are_read(client, offer):
    """Who can get a service is its own rules and its tier's, both shown on its page; so
    'no assessment needed' must not offer a service whose tier asks for an assessment,
    even when its own rule does not, and the feed says the same as the page."""
    specialist = Tier.objects.get(slug="specialist")
    drop_in = ServiceFactory(name="Drop-in sessions", slug="drop-in", tier=specialist, order=5)
    drop_in.eligibility_rules.set([EligibilityRule.objects.get(title="Anyone")])
    everyone = Tier.objects.get(slug="everyone")
    ServiceFactory(name="Open play", slug="open-play", tier=everyone, order=6)
    edition_publish(label="2027")

    page = client.get("/services/drop-in/").content.decode()
    who = page.split('id="eligibility"')[1].split('id="how-to-get-it"')[0]
    assert "Anyone" in who and "Assessed" in who
    found = names(client.get("/find/?no_assessment=1"))
    assert "Drop-in sessions" not in found
    assert "Open play" in found  # its tier's only rule needs no assessment
    feed = client.get(f"/api/openreferral/services/{drop_in.uid}").json()
    assert "Anyone" in feed["eligibility_description"]
    assert "Assessed" in feed["eligibility_description"]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("respite", ["Overnight short breaks"]),
        ("PA", ["Personal assistant"]),
        ("DP", ["Personal assistant"]),
        ("direct payments", ["Personal assistant"]),
        ("SEN youth", ["SEND youth group"]),
        ("swimming clubs", ["Swimming club"]),
    ],
)
def test_words_families_use_find_the_service_first(client, offer, words, expected):
    assert names(client.get("/find/", {"q": words}))[: len(expected)] == expected


def test_synonym_phrases_become_one_term():
    standard = synonym_groups(
        [SearchWord(**search_words_listed(words, means)) for words, means in STANDARD_SEARCH_WORDS]
    )
    terms = search_terms("my son needs respite at weekends", standard)
    assert [term[0] for term in terms] == ["weekends", "respite"]
    assert "short break" in terms[1]
    # What was typed comes first (it counts most), then the other words for it.
    [term] = search_terms("a personal assistant", standard)
    assert term[:4] == ("personal assistant", "pa", "pas", "personal assistants")


def test_results_count_and_removable_tags(client, offer):
    html = client.get("/find/?age=6&when=weekends").content.decode()
    # The personal assistant suits any age but the statement does not say when.
    assert '1 service matches, <a class="govuk-link" href="#ask">1 to ask about</a>' in html
    assert (
        '<a class="govuk-link app-filter-tag" href="/find/?when=weekends">Child&#x27;s age: 6'
        in html
    )
    assert '<a class="govuk-link app-filter-tag" href="/find/?age=6">When: Weekends' in html


def test_no_results_suggests_a_filter_to_drop_and_whom_to_call(client, offer):
    html = client.get("/find/?no_assessment=1&age=20&tier=specialist").content.decode()
    assert "0 services match" in html
    assert (
        'Try removing <a class="govuk-link" href="/find/?age=20&amp;tier=specialist">'
        "No assessment needed</a>: 1 service matches without it." in html
    )
    assert "Family Information Service" in html and 'href="tel:+441632960123"' in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("age=abc", "Enter your child&#x27;s age as a whole number, like 8."),
        ("age=-1", "Enter your child&#x27;s age as a number from 0 to 25."),
        ("age=26", "Enter your child&#x27;s age as a number from 0 to 25."),
        ("area=atlantis", "We do not recognise the area &#x27;atlantis&#x27;."),
        ("tier=%00", "We do not recognise the level of support"),
        ("when=weekends&when=yesterday", "We do not recognise the time &#x27;yesterday&#x27;."),
        ("q=" + "x" * 300, "Search for fewer words"),
    ],
)
def test_nonsense_parameters_give_the_page_with_a_clear_error(client, offer, query, message):
    response = client.get(f"/find/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem with your search" in html
    assert message in html
    assert '<h1 class="govuk-heading-xl">Find a short break</h1>' in html


def test_valid_filters_still_apply_beside_a_bad_one(client, offer):
    response = client.get("/find/?age=abc&tier=specialist")
    assert response.status_code == 400
    assert sorted(names(response)) == ["Overnight short breaks", "Personal assistant"]


def test_the_form_works_without_javascript_as_a_plain_get_form(client, offer):
    html = client.get("/find/?when=weekends").content.decode()
    assert '<form method="get" action="/find/#results"' in html
    assert 'name="when" type="checkbox" value="weekends" checked' in html


def test_query_count_does_not_grow_with_the_number_of_services(client, offer):
    def queries_for_a_search() -> int:
        client.get("/find/?q=club")  # warm the edition cache, as any earlier visitor would
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/find/?q=club&age=10")
        assert response.status_code == 200
        return len(captured.captured_queries)

    few = queries_for_a_search()
    tier = TierFactory(slug="more")
    for number in range(40):
        ServiceFactory(name=f"Club {number}", tier=tier, min_age=5, max_age=18)
    edition_publish(label="bigger")
    assert queries_for_a_search() == few <= 2
    html = client.get("/find/?q=club&age=10").content.decode()
    found = int(re.search(r'id="results" tabindex="-1">(\d+) services', html)[1])
    assert found > 40


def test_long_results_come_in_pages_of_20_that_keep_the_search(client, offer):
    tier = TierFactory(slug="more")
    for number in range(45):
        ServiceFactory(name=f"Club {number:02}", tier=tier)
    edition_publish(label="bigger")
    first = client.get("/find/?q=club&tier=more")
    assert len(names(first)) == 20
    html = first.content.decode()
    assert "Showing 1 to 20 of 45." in html
    assert 'href="/find/?q=club&amp;tier=more&amp;page=2" rel="next"' in html
    third = client.get("/find/?q=club&tier=more&page=3")
    assert names(third) == [f"Club {n:02}" for n in range(40, 45)]
    assert 'aria-current="page">3</a>' in third.content.decode()
    # Removing a filter starts again at page 1.
    assert 'href="/find/?q=club&amp;page=' not in third.content.decode().split("Clear all")[0]
    # A page number that is no longer there, or nonsense, still gives results.
    assert names(client.get("/find/?q=club&tier=more&page=99")) == names(third)
    assert names(client.get("/find/?q=club&tier=more&page=abc")) == names(first)


def test_services_that_name_the_chosen_time_come_before_those_open_at_any_time(client, db):
    StatementFactory()
    tier = TierFactory(slug="all")
    ServiceFactory(name="Any time club", tier=tier, order=1, any_time=True)
    stays = ServiceFactory(name="Overnight stays", tier=tier, order=2)
    stays.times.set([BreakTimeFactory(slug="overnight", name="Overnight")])
    edition_publish(label="2026")
    assert names(client.get("/find/?when=overnight")) == ["Overnight stays", "Any time club"]
    assert names(client.get("/find/")) == ["Any time club", "Overnight stays"]


def test_words_families_use_are_the_councils_own_list(client, offer):
    from offer.models import SearchWord

    assert names(client.get("/find/", {"q": "brekkie"})) == []
    SearchWord.objects.create(words="brekkie; brekkie club", means="swimming")
    edition_publish(label="2027")
    assert names(client.get("/find/", {"q": "brekkie"})) == ["Swimming club"]


def test_short_words_are_taken_as_typed(client, offer):
    """'PA' must not find a page that says 'pass' (the plural ending of 'pas')."""
    ServiceFactory(name="Activity pot", summary="Buy an annual pass to a park.")
    edition_publish(label="2027")
    assert "Activity pot" not in names(client.get("/find/", {"q": "PA"}))


def test_the_standard_words_find_holidays_autism_and_breaks(client, db):
    StatementFactory()
    holidays = BreakTime.objects.get(slug="school-holidays")
    autism = NeedFactory(slug="autism", name="Autism")
    club = ServiceFactory(name="Holiday club", min_age=5, max_age=16)
    club.times.set([holidays])
    group = ServiceFactory(name="Autism group", summary="A group.", min_age=5, max_age=16)
    group.needs.set([autism])
    ServiceFactory(name="Overnight stays", summary="Short breaks away from home.")
    edition_publish(label="2026")
    assert names(client.get("/find/", {"q": "summer"})) == ["Holiday club"]
    assert names(client.get("/find/", {"q": "autistic"})) == ["Autism group"]
    assert "Overnight stays" in names(client.get("/find/", {"q": "respite"}))


def test_results_naming_the_choice_come_apart_from_those_open_to_all(client, db):
    StatementFactory()
    weekends = BreakTime.objects.get(slug="weekends")
    named = ServiceFactory(name="Saturday club", order=2)
    named.times.set([weekends])
    ServiceFactory(name="Sitting service", any_time=True, order=1)
    edition_publish(label="2026")
    html = client.get("/find/?when=weekends").content.decode()
    assert "1 service matches what you chose, 1 open to every family" in html
    first = html.index("Matches what you chose (1)")
    second = html.index("Also open to every family (1)")
    assert first < html.index("Saturday club") < second < html.index("Sitting service")
    # No list chosen: one list, no groups.
    plain = client.get("/find/").content.decode()
    assert "Matches what you chose" not in plain and "2 services" in plain


def test_more_filters_counts_only_the_filters_folded_inside_it(client):
    StatementFactory()
    NeedFactory(slug="autism", name="Autism")
    ServiceFactory(name="Holiday club")
    edition_publish(label="2026")
    html = client.get("/find/?q=club&age=8").content.decode()
    assert "More filters</span>" in html
    html = client.get("/find/?q=club&need=autism").content.decode()
    assert "More filters (1 chosen)</span>" in html


def test_a_long_list_to_ask_about_comes_a_page_at_a_time(client):
    StatementFactory()
    ServiceFactory.create_batch(25, summary="Ages not stated.")
    edition_publish(label="2026")
    html = client.get("/find/?age=8").content.decode()
    assert "25 to ask about" in html
    assert "Ask about these 25" in html
    assert "Showing 1 to 20 of 25." in html
    assert len(asked_html(html)) == 20
    assert 'aria-label="Pages of services to ask about"' in html
    second = re.search(r'href="([^"]*ask=2#ask)" rel="next"', html).group(1)
    html = client.get(second.replace("&amp;", "&").split("#")[0]).content.decode()
    assert "Showing 21 to 25 of 25." in html
    assert len(asked_html(html)) == 5


def asked_html(html: str) -> list[str]:
    return re.findall(SERVICE_NAME, html.split('id="ask"')[1])


def test_the_finder_offers_only_needs_times_and_areas_some_service_names(client, db):
    from tests.factories import NeedFactory, ServiceFactory, StatementFactory

    StatementFactory()
    ServiceFactory(name="Autism club").needs.set([NeedFactory(slug="autism", name="Autism")])
    NeedFactory(slug="hearing", name="Hearing impairment")
    edition_publish(label="2026")
    page = client.get("/find/").content.decode()
    assert 'value="autism"' in page and 'value="hearing"' not in page
    # An older link naming it is still understood, and offers it back to untick.
    linked = client.get("/find/?need=hearing")
    assert linked.status_code == 200 and 'value="hearing"' in linked.content.decode()
