"""Statutory coverage: the kinds of break the 2011 Regulations ask for, by age and by
level, read from what each service says, with the gaps in words."""

import pytest

from editions.coverage import statutory_coverage
from editions.selectors import working_copy_statement
from offer.models import BreakTime
from tests.factories import (
    EligibilityRuleFactory,
    ServiceFactory,
    StatementFactory,
    StatementSectionFactory,
    TierFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db


def rows(coverage) -> dict:
    return {row.key: row for row in coverage.rows}


def times(*slugs):
    return BreakTime.objects.filter(slug__in=slugs)


@pytest.fixture
def offer(db):
    StatementFactory()
    extra = TierFactory(name="Extra help", level="targeted")
    specialist = TierFactory(name="Specialist", level="specialist")
    home_care = ServiceFactory(
        name="Home care", tier=specialist, in_family_home=True, min_age=5, max_age=17
    )
    home_care.times.set(times("daytime", "evenings"))
    stays = ServiceFactory(name="Overnight stays", tier=specialist, min_age=8, max_age=18)
    stays.times.set(times("overnight"))
    VenueFactory(service=stays)  # a place of its own: away from home
    club = ServiceFactory(
        name="Holiday club", tier=extra, away_from_home=True, leisure_activity=True
    )
    club.times.set(times("school-holidays", "weekends"))
    club.eligibility_rules.set([EligibilityRuleFactory(min_age=0, max_age=4)])
    ServiceFactory(name="Someday", tier=extra, status="planned", in_family_home=True)
    ServiceFactory(name="Helpline", tier=extra)  # says neither when nor where
    return {"extra": extra, "specialist": specialist}


def test_kinds_of_break_come_from_times_setting_and_activity(offer):
    found = rows(statutory_coverage(working_copy_statement()))
    assert found["day_home"].services == ["Home care"]
    assert found["evenings"].services == ["Home care"]
    assert found["night_away"].services == ["Overnight stays"]
    assert found["activities"].services == ["Holiday club"]
    assert found["holidays"].services == found["weekends"].services == ["Holiday club"]
    assert found["night_home"].services == found["day_away"].services == []


def test_ages_come_from_the_service_else_its_rules_and_planned_ones_do_not_count(offer):
    found = rows(statutory_coverage(working_copy_statement()))
    # Home care is 5 to 17: bands 5 to 10, 11 to 15 and 16 and 17.
    assert found["day_home"].by_band == [0, 1, 1, 1, 0]
    # Overnight stays 8 to 18 reaches the 18 to 25 band too.
    assert found["night_away"].by_band == [0, 1, 1, 1, 1]
    # The holiday club states no ages; its rule says 0 to 4.
    assert found["holidays"].by_band == [1, 0, 0, 0, 0]
    assert all("Someday" not in row.services for row in found.values())


def test_each_level_is_counted_and_gaps_are_said_in_words(offer):
    coverage = statutory_coverage(working_copy_statement())
    assert coverage.tiers == ["Extra help", "Specialist"]
    assert rows(coverage)["night_away"].by_tier == [0, 1]
    gaps = coverage.gaps
    assert "No service offers overnight care in the child's home." in gaps
    assert "Overnight care elsewhere: nothing for ages 0 to 4." in gaps
    assert coverage.setting_not_stated == ["Helpline"]
    assert coverage.times_not_stated == ["Helpline"]
    assert any("how the services are designed" in gap for gap in gaps)


def test_eligibility_criteria_and_the_design_section_are_noticed(offer):
    StatementSectionFactory(title="How we plan with families", describes_design=True)
    coverage = statutory_coverage(working_copy_statement())
    assert coverage.design_sections == ["How we plan with families"]
    assert coverage.eligibility_rules == 1
    assert not any("designed" in gap or "eligibility" in gap for gap in coverage.gaps)


def test_services_that_say_too_little_are_named_up_to_ten_then_counted(db):
    StatementFactory()
    for number in range(12):
        ServiceFactory(name=f"Club {number:02}")  # says neither when nor where
    coverage = statutory_coverage(working_copy_statement())
    named = coverage.times_not_stated_named
    assert named.startswith("Club 00, Club 01") and "Club 09" in named
    assert "Club 10" not in named and named.endswith(" and 2 more")
    assert coverage.setting_not_stated_named == named


def test_a_band_no_service_states_is_not_a_gap_while_some_leave_ages_unsaid(client, offer):
    """The coverage table on the publish page: 'None stated', not 'None' (a gap), where
    a kind of break has services that do not say their ages."""
    from django.urls import reverse

    from tests.factories import UserFactory

    ServiceFactory(name="Sitting", tier=offer["extra"], in_family_home=True).times.set(
        times("evenings")
    )
    client.force_login(UserFactory(roles=["Publisher"]))
    page = client.get(reverse("admin:editions_edition_publish")).content.decode()
    table = page.split('id="coverage"')[1].split("</table>")[0]
    evenings = table.split("Breaks in the evenings</th>")[1].split("</tr>")[0]
    assert "None stated" in evenings and "app-gap" not in evenings
    # Home care (5 to 17) states its ages and is the only daytime care at home: a gap.
    day_home = table.split("in the child&#x27;s home</th>")[1].split("</tr>")[0]
    assert '<td class="app-gap">None</td>' in day_home
