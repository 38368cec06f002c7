"""The read model: an edition read once into typed records, with every rule about a
service decided once, so every page, the finder, the feed and the coverage table agree."""

import json

import msgspec
import pytest

from editions.coverage import statutory_coverage
from editions.publishing import edition_publish
from editions.read import Statement
from editions.selectors import edition_statement, working_copy_statement
from editions.snapshot import snapshot_build, snapshot_data, snapshot_decoded
from editions.snapshot.records import stored_equal
from tests.factories import (
    EligibilityRuleFactory,
    ServiceFactory,
    StatementFactory,
    TierFactory,
)

pytestmark = pytest.mark.django_db


def _tier_with_rules(*ages: tuple[int | None, int | None], **tier_fields):
    tier = TierFactory(**tier_fields)
    tier.eligibility_rules.set(
        [EligibilityRuleFactory(min_age=low, max_age=high) for low, high in ages]
    )
    return tier


def _ages(slug: str) -> str:
    found = working_copy_statement().service(slug).ages
    return found.words if found else ""


def test_a_services_own_ages_are_its_ages():
    StatementFactory()
    ServiceFactory(slug="club", min_age=8, max_age=12, tier=_tier_with_rules((0, 25)))
    assert _ages("club") == "8 to 12 years"


def test_a_service_stating_no_ages_has_those_of_every_rule_it_applies():
    StatementFactory()
    service = ServiceFactory(slug="club", tier=_tier_with_rules((5, 25)))
    service.eligibility_rules.set([EligibilityRuleFactory(min_age=None, max_age=17)])
    # A family meets both rules: from 5 (the tier's) up to 17 (the service's own rule).
    assert _ages("club") == "5 to 17 years"


def test_ages_no_rule_or_service_states_are_not_stated():
    StatementFactory()
    ServiceFactory(slug="club", tier=_tier_with_rules((None, None)))
    assert working_copy_statement().service("club").ages is None


def test_rules_that_no_family_could_meet_together_state_no_ages():
    StatementFactory()
    service = ServiceFactory(slug="club", tier=_tier_with_rules((18, 25)))
    service.eligibility_rules.set([EligibilityRuleFactory(min_age=0, max_age=5)])
    assert working_copy_statement().service("club").ages is None


def test_a_service_being_developed_has_only_its_own_rules_and_ages():
    StatementFactory()
    ServiceFactory(slug="soon", status="planned", tier=_tier_with_rules((5, 17)))
    service = working_copy_statement().service("soon")
    assert (service.applicable_rules, service.ages, service.offered) == ([], None, False)


@pytest.mark.parametrize(
    ("assessments", "answer"),
    [
        (["none", "none"], True),
        (["none", "social_care"], False),
        (["none", ""], None),  # one rule does not say
        ([], None),  # no rules at all
    ],
)
def test_no_assessment_is_yes_only_when_every_rule_that_applies_says_so(assessments, answer):
    StatementFactory()
    tier = TierFactory()
    tier.eligibility_rules.set(
        [EligibilityRuleFactory(assessment=name or None) for name in assessments]
    )
    ServiceFactory(slug="club", tier=tier)
    assert working_copy_statement().service("club").no_assessment is answer


@pytest.mark.parametrize(
    ("cost", "kind", "answer"),
    [
        ("", "free", True),
        ("£5 a session", "", False),
        ("", "", None),
        ("", "assessed", None),
        ("For trips", "contribution", False),
    ],
)
def test_whether_a_service_costs_nothing_is_yes_no_or_not_stated(cost, kind, answer):
    StatementFactory()
    ServiceFactory(slug="club", cost=cost, cost_kind=kind)
    assert working_copy_statement().service("club").costs_nothing is answer


def test_the_finder_the_page_the_feed_and_coverage_agree_on_a_services_ages(client):
    StatementFactory()
    ServiceFactory(
        name="Saturday club", slug="club", tier=_tier_with_rules((5, 17)), in_family_home=True,
        any_time=True,
    )  # fmt: skip
    edition = edition_publish()

    def found(age: int) -> str:
        html = client.get("/find/", {"age": age}).content.decode()
        return html.split('id="results"')[1].split("</h2>")[0]

    assert "1 service matches" in found(10)
    assert "0 services match" in found(20) and "to ask about" not in found(20)
    html = client.get("/services/club/").content.decode()
    assert '<dt class="govuk-summary-list__key">Ages</dt>' in html
    assert "5 to 17 years" in html.split('id="who-it-is-for"')[1].split("</dl>")[0]
    feed = client.get(
        f"/api/openreferral/services/{edition_statement(edition=edition).service('club').id}"
    )
    assert (feed.json()["minimum_age"], feed.json()["maximum_age"]) == (5, 17)
    day_at_home = statutory_coverage(edition_statement(edition=edition)).rows[0]
    assert day_at_home.by_band == [0, 1, 1, 1, 0]  # 0-4 and 18-25 not reached


def test_records_are_frozen_so_no_page_can_change_what_others_read():
    StatementFactory()
    ServiceFactory(slug="club")
    service = working_copy_statement().service("club")
    with pytest.raises(AttributeError):
        service.name = "Changed"


def test_a_snapshot_of_the_wrong_shape_is_refused_as_it_is_read():
    StatementFactory()
    ServiceFactory(slug="club")
    data = snapshot_data(snapshot_build())
    data["services"][0]["min_age"] = "five"
    with pytest.raises(msgspec.ValidationError, match="min_age"):
        snapshot_decoded(json.dumps(data).encode(), version=data["schema_version"])


def test_two_reads_of_one_edition_store_the_same_but_are_their_own_records():
    StatementFactory()
    ServiceFactory(slug="club", tier=_tier_with_rules((5, 17)))
    edition = edition_publish()
    first, second = (Statement(edition.snapshot_read()) for _ in range(2))
    assert stored_equal(first.services, second.services)
    assert first.service("club") != second.service("club")  # equal only to itself
    assert repr(first.service("club")) == f"<Service {first.service('club').name!r}>"


def test_a_stored_edition_is_read_back_as_it_was_built():
    StatementFactory()
    ServiceFactory(slug="club", tier=_tier_with_rules((5, 17)))
    built = snapshot_build()
    edition = edition_publish()
    assert stored_equal(edition.snapshot_read(), built)
    assert edition.snapshot == snapshot_data(built)


def test_a_service_with_its_own_rules_only_leaves_its_levels_behind(db):
    """Durham's pilot personalisation pot is reached through other teams than its
    level's: none of the level's rules (a SENDEIC referral) applies to it."""
    from tests.councils import council_load

    council_load("durham")
    statement = Statement(snapshot_build())
    pot = next(s for s in statement.services if s.slug == "pilot-personalisation-pot")
    club = next(s for s in statement.services if s.slug == "keeping-families-connected")
    assert pot.own_rules_only and pot.applicable_rules == [] and pot.no_assessment is None
    assert [r.title for r in club.applicable_rules] == [
        "Needs that advice, signposting and enabling access cannot meet"
    ]
