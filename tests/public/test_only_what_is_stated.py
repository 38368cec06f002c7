"""A council's statement as the council says it: nothing printed for what it does not
state, services being developed or paused kept apart from those families can have,
its own captions, assessments, sections and words, and cost on every first screen."""

import re

import pytest

from editions.publishing import edition_publish
from offer.models import Assessment, EligibilityRule
from providers.models import ProviderKind
from tests.checker_steps import checker_walk
from tests.factories import (
    CheckerRuleFactory,
    ContactFactory,
    EligibilityRuleFactory,
    FamilyStoryFactory,
    ProviderFactory,
    ReferralRouteFactory,
    ServiceFactory,
    StatementFactory,
    StatementSectionFactory,
    TierFactory,
)
from tests.public_pages import main_content as main

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(db):
    """A council that says little: one level with its own caption, an email-only team,
    a service with nothing but a name, a planned one, a paused one and a pilot."""
    StatementFactory(council_name="Exampleshire Council", area_name="Exampleshire")
    team = ContactFactory(name="Short breaks team", email="shortbreaks@example.gov.uk")
    apply = ReferralRouteFactory(title="Email the short breaks team", link="")
    apply.contacts.set([team])
    tier = TierFactory(name="Short breaks", slug="short-breaks", caption="What we offer")
    ServiceFactory(name="Holiday club", slug="holiday-club", tier=tier, referral_routes=[apply])
    ServiceFactory(
        name="Sitting service",
        slug="sitting-service",
        tier=tier,
        referral_routes=[],
        status="planned",
        expected_from="spring 2027",
        status_note="We are talking with providers.",
    )
    ServiceFactory(
        name="Youth club", slug="youth-club", tier=tier, referral_routes=[], status="paused"
    )
    ServiceFactory(
        name="Activity grant",
        slug="activity-grant",
        tier=tier,
        referral_routes=[apply],
        status="pilot",
        pilot_until="2027-03-31",
    )
    CheckerRuleFactory(tier=tier)
    return edition_publish(label="2026")


def test_an_unstated_age_time_place_or_assessment_prints_nothing(client, council):
    page = main(client, "/services/holiday-club/")
    for label in ("Ages", "When", "Where", "Assessment", "0 to 25", "Who can get it"):
        assert label not in page
    # The cost, not stated, says to ask (naming no one): on the first screen, first.
    assert "Not stated: ask when you get in touch" in page.split("What it includes")[0]


def test_services_being_developed_or_paused_are_apart_with_no_way_to_apply(client, council):
    tier = main(client, "/support/short-breaks/")
    developed = tier.split("Being developed")[1].split("Paused")[0]
    assert "Sitting service" in developed and "(expected spring 2027)" in developed
    assert "Youth club" in tier.split(">Paused<")[1]
    services = tier.split('id="services"')[1].split("Being developed")[0]
    assert "Sitting service" not in services and "Youth club" not in services

    planned = main(client, "/services/sitting-service/")
    assert "Being developed." in planned and "The council expects it spring 2027." in planned
    assert "We are talking with providers." in planned
    assert "How to get it" not in planned and "To get it:" not in planned
    assert "Paused." in main(client, "/services/youth-club/")

    found = main(client, "/find/")
    assert "Holiday club" in found
    assert "Sitting service" not in found and "Youth club" not in found
    feed = client.get("/api/openreferral/services?per_page=50").json()["contents"]
    statuses = {service["name"]: service["status"] for service in feed}
    assert statuses["Holiday club"] == statuses["Activity grant"] == "active"
    assert statuses["Sitting service"] == "inactive"
    assert statuses["Youth club"] == "temporarily closed"


def test_a_pilot_says_so_and_until_when(client, council):
    assert "A pilot</strong>, due to run until 31 March 2027." in main(
        client, "/services/activity-grant/"
    )


def test_the_councils_caption_and_no_fixed_one(client, council):
    home = main(client, "/")
    assert re.search(r">What we offer</span>\s*<h3[^>]*><a [^>]*>Short breaks</a>", home)
    for fixed in ("Universal", "open to every family", "after a social care assessment"):
        assert fixed not in home and fixed not in main(client, "/support/short-breaks/")


def test_a_council_that_names_no_levels_lists_its_services_as_they_are(client, db):
    StatementFactory()
    route = ReferralRouteFactory(title="Email us", link="")
    ServiceFactory(name="Holiday club", slug="holiday-club", tier=None, referral_routes=[route])
    ServiceFactory(name="Sitting service", tier=None, referral_routes=[], status="planned")
    edition_publish(label="2026")
    home = main(client, "/")
    assert "Support you can get" not in home
    listed = home.split('id="services-in-no-level"')[1]
    assert "Holiday club" in listed and "Sitting service" in listed.split("Being developed")[1]
    assert "Holiday club" in main(client, "/statement/")
    assert 'name="tier"' not in main(client, "/find/")  # no level to filter by
    assert client.get("/check/").status_code == 404  # no levels, so no checker rules
    assert 'href="/check/"' not in client.get("/").content.decode()


def test_cost_shows_the_councils_words_free_or_whom_to_ask(client, council):
    ServiceFactory(name="Swim club", slug="swim-club", cost="£3 a session")
    ServiceFactory(name="Play day", slug="play-day", cost_kind="free")
    edition_publish(label="2027")
    found = main(client, "/find/")
    assert "Cost: £3 a session" in found and "Cost: Free" in found
    assert "Cost not stated: ask when you get in touch" in found
    free = client.get("/find/?free=1")
    names = re.findall(
        r'<h3 class="govuk-heading-s[^"]*"><a [^>]*>([^<]+)</a>', free.content.decode()
    )
    html = free.content.decode()
    matching = html.split('id="ask"')[0]
    assert "Play day" in matching and "Swim club" not in html
    assert "Holiday club" in html.split('id="ask"')[1]  # cost not stated: ask
    assert names[0] == "Play day"


def test_the_assessment_is_the_councils_own_with_whether_you_can_start_it(client, db):
    StatementFactory()
    panel = Assessment.objects.create(
        name="The short break panel", description="Meets monthly.", family_can_start=False
    )
    self_assessment = Assessment.objects.create(
        name="Our online form", description="Ten minutes.", family_can_start=True
    )
    tier = TierFactory(name="Extra help", slug="extra-help")
    tier.eligibility_rules.set([EligibilityRule.objects.create(title="Panel", assessment=panel)])
    form = ServiceFactory(name="Grant", slug="grant", tier=tier)
    form.eligibility_rules.set(
        [EligibilityRule.objects.create(title="Form", assessment=self_assessment)]
    )
    edition_publish(label="2026")
    page = main(client, "/services/grant/")
    assert "Our online form: you can start it yourself" in page and "Ten minutes." in page
    assert "The short break panel" in page and "The short break panel:" not in page
    # "No assessment needed" comes from the list: neither of these is "none needed".
    assert (
        "Grant"
        not in client.get("/find/?no_assessment=1")
        .content.decode()
        .split('id="ask"')[0]
        .split('id="results"')[1]
    )


def test_the_councils_sections_appear_where_it_put_them(client, db):
    StatementFactory()
    tier = TierFactory(name="Extra help", slug="extra-help")
    ServiceFactory(tier=tier)
    StatementSectionFactory(title="Welcome", slug="welcome", place="home", body="Hello.")
    StatementSectionFactory(
        title="Costs and charges", slug="costs", place="page", body="Most are free."
    )
    StatementSectionFactory(
        title="Moving on at 18", slug="at-18", place="tier", tier=tier, body="Adult teams."
    )
    StatementSectionFactory(
        title="Commissioning", slug="commissioning", place="needs", body="We buy."
    )
    StatementSectionFactory(
        title="Consent", slug="consent", place="statement", position="after", body="We ask."
    )
    edition_publish(label="2026")
    assert "Hello." in main(client, "/")
    assert "Most are free." in main(client, "/about/costs/")
    assert "Adult teams." in main(client, "/support/extra-help/")
    assert "We buy." in main(client, "/what-families-need/")
    whole = main(client, "/statement/")
    for words in ("Hello.", "Most are free.", "Adult teams.", "We buy.", "We ask."):
        assert words in whole
    assert "We ask." not in main(client, "/") and "Most are free." not in main(client, "/")
    assert "/about/costs/" in client.get("/sitemap.xml").content.decode()
    assert client.get("/about/nothing-here/").status_code == 404


def test_a_role_with_an_explanation_and_a_team_with_only_an_email(client, db):
    StatementFactory()
    worker = ContactFactory(
        name="Your allocated social worker",
        email="",
        explanation="If your child has a social worker, ask them.",
    )
    team = ContactFactory(name="Short breaks team", email="team@example.gov.uk")
    route = ReferralRouteFactory(title="Speak to your social worker", link="")
    route.contacts.set([worker, team])
    ServiceFactory(name="Overnight stays", slug="overnight", referral_routes=[route])
    edition_publish(label="2026")
    page = main(client, "/services/overnight/")
    assert "If your child has a social worker, ask them." in page
    assert 'href="mailto:team@example.gov.uk"' in page
    assert "tel:" not in page and "Telephone" not in page


def test_a_story_without_an_outcome_and_the_councils_own_note(client, db):
    StatementFactory(stories_note="Names are changed to protect privacy.")
    ServiceFactory()
    FamilyStoryFactory(title="A weekend club", outcome="")
    edition_publish(label="2026")
    stories = main(client, "/stories/")
    assert "What difference it made" not in stories
    assert "Names are changed to protect privacy." in stories


def test_no_note_on_stories_when_the_council_gives_none(client, db):
    StatementFactory(stories_note="")
    ServiceFactory()
    FamilyStoryFactory(title="A weekend club")
    edition_publish(label="2026")
    stories = main(client, "/stories/")
    assert "What difference it made" in stories
    assert "changed" not in stories.lower()


def test_a_provider_of_several_kinds_is_listed_under_each(client, db):
    StatementFactory()
    provider = ProviderFactory(name="Play Together", slug="play-together", kinds=["framework"])
    provider.kinds.add(ProviderKind.objects.get(slug="care_agency"))
    ServiceFactory().providers.set([provider])
    edition_publish(label="2026")
    page = main(client, "/providers/")
    for kind in ("Approved specialist provider", "Quality-assured care agency"):
        assert "Play Together" in page.split(kind)[1]


def test_the_whole_statement_gives_a_services_own_rule_once(client, db):
    StatementFactory()
    tier = TierFactory(name="Extra help", slug="extra-help")
    tier.eligibility_rules.set([EligibilityRuleFactory(title="Level rule")])
    club = ServiceFactory(name="Club", tier=tier)
    club.eligibility_rules.set([EligibilityRuleFactory(title="Club rule")])
    edition_publish(label="2026")
    whole = main(client, "/statement/")
    assert whole.count(">Club rule<") == 1 and whole.count(">Level rule<") == 1
    assert "And who can get Extra help, above." in whole


def test_the_checker_counts_and_lists_only_the_questions_it_asks(client, council):
    """This council lists no needs, so the checker asks no question about them."""
    home = main(client, "/")
    count = int(re.search(r"Answer (\d+) questions", home)[1])
    asked, _ = checker_walk(
        client, {"age": "8", "social_worker": "no", "ehcp": "no", "tried_community": "no"}
    )
    assert "need" not in asked and len(asked) == count
    result = main(client, "/check/result/?age=8&social_worker=no&ehcp=no&tried_community=no")
    assert "What are your child" not in result


def test_at_home_or_away_is_said_only_when_the_council_says(client, db):
    StatementFactory()
    ServiceFactory(name="Home care", slug="home-care", in_family_home=True)
    ServiceFactory(name="Stays", slug="stays", in_family_home=True, away_from_home=True)
    ServiceFactory(name="Helpline", slug="helpline")
    edition_publish(label="2026")
    assert "In your home" in main(client, "/services/home-care/")
    assert "In your home or away from home" in main(client, "/services/stays/")
    assert "At home or away" not in main(client, "/services/helpline/")
