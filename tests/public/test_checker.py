"""'What could we get?': answers in the address, officers' rules, suggested tiers."""

import re
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from editions.publishing import edition_publish
from offer.models import BreakTime, CheckerRule
from tests.checker_steps import _form_fields, checker_walk
from tests.factories import (
    CheckerRuleFactory,
    ContactFactory,
    ContactPhoneFactory,
    NeedFactory,
    ReferralRouteFactory,
    ServiceFactory,
    StatementFactory,
    TierFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(db):
    """A council with three tiers and the kind of rules an officer would write."""
    StatementFactory(
        outside_age_range_help="Phone Adult Social Care on 0300 000 0000 about support for adults."
    )
    autism = NeedFactory(slug="autism", name="Autism")
    NeedFactory(slug="physical", name="Physical disability")
    overnight = BreakTime.objects.get(slug="overnight")
    universal = TierFactory(level="universal", name="Open to all", slug="open-to-all")
    targeted = TierFactory(level="targeted", name="Extra help", slug="extra-help")
    specialist = TierFactory(level="specialist", name="Specialist", slug="specialist")
    team = ContactFactory(name="Children with disabilities team")
    ContactPhoneFactory(contact=team, number="01234 567890")
    route = ReferralRouteFactory(title="Ask for an assessment", link="")
    route.contacts.add(team)
    specialist.referral_routes.add(route)
    ServiceFactory(name="Holiday club", slug="holiday-club", tier=universal)
    teens = ServiceFactory(
        name="Teen autism group", slug="teen-autism-group", tier=targeted, min_age=11, max_age=18
    )
    teens.needs.add(autism)
    ServiceFactory(name="Toddler play", slug="toddler-play", tier=targeted, min_age=0, max_age=5)
    # Its way in is its level's: ask for an assessment.
    ServiceFactory(
        name="Overnight stays", slug="overnight-stays", tier=specialist, referral_routes=[]
    )
    rules = [
        {
            "title": "Has a social worker",
            "tier": specialist,
            "social_worker": "yes",
            "reason": "Your child's social worker can ask for an assessment.",
        },
        {
            "title": "Wants overnight breaks",
            "tier": specialist,
            "times": [overnight],
            "reason": "Overnight breaks need an assessment first.",
        },
        {
            "title": "Not tried clubs yet",
            "tier": universal,
            "tried_community": "no",
            "reason": "Clubs open to every child are a good place to start.",
        },
        {
            "title": "Tried clubs, no social worker",
            "tier": targeted,
            "social_worker": "no",
            "tried_community": "yes",
            "reason": "Groups for disabled children give more support than open clubs.",
        },
        {
            "title": "Has an EHCP",
            "tier": targeted,
            "ehcp": "yes",
            "social_worker": "no",
            "reason": "Children with an EHCP can join these groups without an assessment.",
        },
    ]
    for order, rule in enumerate(rules):
        CheckerRuleFactory(order=order, **rule)
    edition_publish(label="2026")


def answers(**given) -> dict:
    base = {
        "age": "8",
        "social_worker": "no",
        "ehcp": "no",
        "tried_community": "no",
    }
    return {**base, **given}


def result_page(client, **given):
    return client.get("/check/result/?" + urlencode(answers(**given), doseq=True))


def suggested(response) -> list[str]:
    return [s.tier.slug for s in response.context["result"].suggestions]


@pytest.mark.parametrize(
    "given, tiers",
    [
        ({}, ["open-to-all"]),
        ({"social_worker": "yes", "tried_community": "yes"}, ["specialist"]),
        ({"social_worker": "yes"}, ["specialist", "open-to-all"]),
        ({"tried_community": "yes"}, ["extra-help"]),
        ({"ehcp": "yes", "tried_community": "yes"}, ["extra-help"]),
        ({"when": ["overnight"], "tried_community": "yes"}, ["specialist", "extra-help"]),
        ({"age": "0"}, ["open-to-all"]),
        ({"age": "25", "tried_community": "yes"}, ["extra-help"]),
        (
            {"social_worker": "not_sure", "ehcp": "not_sure", "tried_community": "not_sure"},
            [],
        ),
        ({"age": "26"}, []),
    ],
    ids=[
        "new to short breaks",
        "has a social worker",
        "social worker, not tried clubs",
        "tried clubs",
        "EHCP and tried clubs",
        "wants overnight breaks",
        "a baby",
        "aged 25",
        "not sure of anything",
        "aged 26",
    ],
)
def test_answers_lead_to_the_tiers_the_rules_give(client, council, given, tiers):
    response = result_page(client, **given)
    assert response.status_code == 200
    assert suggested(response) == tiers


def test_a_family_with_a_social_worker_is_told_why_and_whom_to_call(client, council):
    html = result_page(client, social_worker="yes", tried_community="yes").content.decode()
    assert "Your child's social worker can ask for an assessment." in html
    assert "Ask for an assessment" in html
    assert 'href="tel:+441234567890"' in html
    assert 'href="/services/overnight-stays/"' in html
    # The council gave no cost, so the family is told to ask rather than a guess.
    assert "Cost not stated: ask when you get in touch" in html


def test_a_tier_two_rules_point_to_is_suggested_once_with_both_reasons(client, council):
    response = result_page(client, ehcp="yes", tried_community="yes")
    [suggestion] = response.context["result"].suggestions
    assert len(suggestion.reasons) == 2


def test_a_26_year_old_is_told_short_breaks_stop_at_25_and_who_else_can_help(client, council):
    html = result_page(client, age="26").content.decode()
    # Not every service states its ages, so no limit of the council's is claimed.
    assert "This checker answers for children and young people aged 0 to 25." in html
    assert "The short breaks in this statement are for" not in html
    assert 'Phone Adult Social Care on <a class="govuk-link" href="tel:+443000000000">' in html
    assert "We suggest you start with" not in html


def test_the_age_limit_is_the_one_the_councils_services_state(client, council):
    from offer.models import Service

    Service.objects.filter(min_age=None).update(min_age=5, max_age=18)
    Service.objects.filter(max_age=5).update(min_age=5)
    edition_publish(label="All ages stated")
    html = result_page(client, age="19").content.decode()
    assert "The short breaks in this statement are for ages 5 to 18 years." in html
    assert "We suggest you start with" not in html
    assert "We suggest you start with" in result_page(client, age="17").content.decode()


def test_services_listed_suit_the_childs_age_and_needs(client, council):
    html = result_page(client, age="14", tried_community="yes", need=["autism"]).content.decode()
    assert "Teen autism group" in html
    assert "Toddler play" not in html
    html = result_page(client, age="3", tried_community="yes").content.decode()
    assert "Toddler play" in html and "Teen autism group" not in html


def test_answers_that_match_no_rule_still_get_somewhere_to_turn(client, council):
    html = result_page(
        client, social_worker="not_sure", ehcp="not_sure", tried_community="not_sure"
    ).content.decode()
    assert "We could not suggest where to start" in html
    assert 'href="/contacts/"' in html and 'href="/find/"' in html


@pytest.mark.parametrize(
    "given, message",
    [
        ({"age": "abc"}, "Enter your child&#x27;s age as a whole number of years"),
        ({"age": ""}, "Enter your child&#x27;s age in years"),
        ({"age": "-3"}, "Enter your child&#x27;s age as a whole number of years"),
        ({"age": "9999"}, "Enter your child&#x27;s age in years"),
        ({"social_worker": "maybe"}, "Choose one of the answers"),
        ({"ehcp": ""}, "Select whether your child has an Education, Health and Care Plan"),
        ({"need": ["unicorns"]}, "We do not recognise the need"),
        ({"when": ["midnight"]}, "We do not recognise the time"),
    ],
)
def test_bad_or_missing_answers_give_the_questions_again_with_the_problem(
    client, council, given, message
):
    response = result_page(client, **given)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and message in html
    # The question with the problem, on a page of its own, says so in its title.
    assert re.search(r"<title>Error: [^<]+ - What could we get\? - ", html)


def test_each_answer_has_its_own_change_link_back_to_its_question_filled_in(client, council):
    response = result_page(client, social_worker="yes", need=["autism"])
    html = response.content.decode()
    change = re.search(r'href="([^"]+)">Change<span class="govuk-visually-hidden"> your answer to: '
                       r"Does your child have a social worker", html)[1]  # fmt: skip
    question = client.get(change.replace("&amp;", "&")).content.decode()
    assert '<h1 class="govuk-fieldset__heading">Does your child have a social worker?' in question
    assert 'name="social_worker" type="radio" value="yes" checked' in question
    assert '<input type="hidden" name="age" value="8">' in question
    assert '<input type="hidden" name="need" value="autism">' in question
    assert '<input type="hidden" name="then" value="answers">' in question
    assert "There is a problem" not in question
    # Answering it again goes back to "Check your answers", not on to the next question.
    action, hidden, _ = _form_fields(question)
    again = client.get(f"{action}?{urlencode(hidden + [('social_worker', 'no')])}")
    assert '<h1 class="govuk-heading-l">Check your answers</h1>' in again.content.decode()


def test_one_question_a_page_then_check_your_answers_then_the_result(client, council):
    asked, answers_page = checker_walk(
        client, {"age": "9", "social_worker": "no", "ehcp": "no", "tried_community": "no"}
    )
    assert asked == ["age", "need", "social_worker", "ehcp", "when", "tried_community"]
    html = answers_page.content.decode()
    assert "Check your answers" in html
    assert html.count(">Change<span") == len(asked)
    result_url = re.search(r'href="([^"]+)" role="button"[^>]*>See what we could get', html)[1]
    result = client.get(result_url.replace("&amp;", "&"))
    assert result.status_code == 200
    assert suggested(result) == ["open-to-all"]


def test_a_question_left_unanswered_stays_with_its_problem(client, council):
    response = client.get("/check/?age=8&from=social_worker")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Select whether your child has a social worker." in html
    assert '<a href="/check/?age=8&amp;step=need" class="govuk-back-link">Back</a>' in html


def test_every_step_has_a_back_link_to_the_one_before(client, council):
    first = client.get("/check/?step=age").content.decode()
    assert '<a href="/check/" class="govuk-back-link">Back</a>' in first
    second = client.get("/check/?age=8&step=need").content.decode()
    assert '<a href="/check/?age=8&amp;step=age" class="govuk-back-link">Back</a>' in second


def test_answers_are_not_saved_shared_or_indexed(client, council):
    with CaptureQueriesContext(connection) as queries:
        response = result_page(client, social_worker="yes")
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert writes == []
    assert not response.cookies
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"


def test_rules_change_only_when_a_new_edition_is_published(client, council):
    CheckerRule.objects.filter(title="Not tried clubs yet").delete()
    assert suggested(result_page(client)) == ["open-to-all"]
    client.force_login(UserFactory(roles=["Editor"]))
    preview = client.get("/preview/check/result/?" + urlencode(answers()))
    assert suggested(preview) == []
    edition_publish(label="2027")
    assert suggested(result_page(client)) == []
    pinned = client.get("/statement/1/check/result/?" + urlencode(answers()))
    assert suggested(pinned) == ["open-to-all"]
    asked, answers_page = checker_walk(client, answers(), start="/statement/1/check/")
    assert asked and 'href="/statement/1/check/result/?' in answers_page.content.decode()


def test_officers_can_edit_the_rules(client, council):
    client.force_login(UserFactory(roles=["Editor"]))
    assert client.get("/admin/offer/checkerrule/add/").status_code == 200
    rule = CheckerRule.objects.first()
    assert client.get(f"/admin/offer/checkerrule/{rule.pk}/change/").status_code == 200


def test_start_here_is_their_social_worker_and_the_ways_for_others_are_left_out(client, council):
    no_worker = ReferralRouteFactory(title="Ask the carers service", link="", social_worker="no")
    helper = ContactFactory(name="Carers service")
    ContactPhoneFactory(contact=helper, number="01632 960 555")
    no_worker.contacts.add(helper)
    from offer.models import Tier

    Tier.objects.get(slug="specialist").referral_routes.add(no_worker)
    edition_publish(label="2027")
    with_worker = result_page(client, social_worker="yes", tried_community="yes").content.decode()
    start = with_worker.split('id="start-here"')[1].split("</div>")[0]
    assert "Talk to your child's social worker first" in start
    assert with_worker.index('id="start-here"') < with_worker.index("Why we suggest it")
    assert "Ask the carers service" not in with_worker
    unsure = result_page(client, social_worker="not_sure", when=["overnight"]).content.decode()
    assert "Ask the carers service" in unsure  # not sure: both ways are shown


def test_without_a_social_worker_start_here_is_the_first_contact_to_call(client, council):
    html = result_page(client, when=["overnight"]).content.decode()
    start = html.split('id="start-here"')[1].split("</div>")[0]
    assert "Call Children with disabilities team on" in start
    assert 'href="tel:+441234567890"' in start


def test_ways_in_follow_the_order_the_reason_names_them(client, db):
    StatementFactory()
    tier = TierFactory(level="specialist", name="Specialist", slug="specialist")
    first = ReferralRouteFactory(title="Fill in the form", link="https://example.org/form")
    second = ReferralRouteFactory(title="Phone the duty team", link="")
    tier.referral_routes.set([first, second])
    ServiceFactory(tier=tier)
    CheckerRuleFactory(tier=tier, reason="Phone the duty team first; then fill in the form.")
    edition_publish(label="2026")
    html = result_page(client).content.decode().split("What to do next")[1]
    assert html.index(">Phone the duty team<") < html.index(">Fill in the form<")


def test_self_started_support_is_offered_whenever_the_answers_allow(client, db):
    """The council's own story: the Summer Direct Payment card, by self-assessment, for a
    9-year-old, whatever the parent says about clubs."""
    from django.core.management import call_command

    call_command("loaddata", "leicestershire", verbosity=0)
    edition_publish(label="2026")
    html = result_page(
        client, age="9", social_worker="no", ehcp="no", tried_community="no"
    ).content.decode()
    yourself = html.split('id="apply-yourself"')[1].split("</section>")[0]
    assert "Summer Direct Payment card" in yourself
    assert "Domiciliary care" in yourself  # an assessment of need the family asks for
    assert "You can also ask for these yourself" in html


def test_a_story_at_the_suggested_level_is_linked(client, db):
    from tests.factories import FamilyStoryFactory

    StatementFactory()
    tier = TierFactory(name="Extra help", slug="extra-help")
    ServiceFactory(tier=tier)
    CheckerRuleFactory(tier=tier)
    FamilyStoryFactory(title="Weekends that work").tiers.set([tier])
    edition_publish(label="2026")
    html = result_page(client).content.decode()
    assert 'How one family used it: <a class="govuk-link" href="/stories/#story-1">' in html
    assert 'id="story-1">Weekends that work' in client.get("/stories/").content.decode()


def test_a_level_with_nothing_for_the_child_and_no_way_in_promises_no_contact(client, db):
    StatementFactory()
    tier = TierFactory(name="Extra help", slug="extra-help")
    ServiceFactory(tier=tier, min_age=0, max_age=5)
    ServiceFactory(tier=TierFactory(slug="other"), min_age=6, max_age=25)
    CheckerRuleFactory(tier=tier)
    edition_publish(label="2026")
    html = result_page(client, age="10").content.decode()
    assert "None of the services at this level matches" in html
    assert "ways in above" not in html and "contacts above" not in html


def test_the_checker_asks_only_what_the_councils_offer_uses(client, db):
    """No rule asks about an EHCP or clubs tried, no service names a time of break: those
    questions are not asked, and a need no service or rule names is not offered."""
    StatementFactory()
    tier = TierFactory(name="Extra help", slug="extra-help")
    ServiceFactory(tier=tier).needs.set([NeedFactory(slug="autism", name="Autism")])
    NeedFactory(slug="hearing", name="Hearing impairment")
    CheckerRuleFactory(tier=tier, social_worker="yes")
    edition_publish(label="2026")
    asked, _ = checker_walk(client, {"age": "9", "social_worker": "yes"})
    assert asked == ["age", "need", "social_worker"]
    html = client.get("/check/?age=9&step=need").content.decode()
    assert "Autism" in html and "Hearing impairment" not in html
    assert "Answer 3 short questions" in client.get("/check/").content.decode()
    result = client.get("/check/result/?age=9&social_worker=yes").content.decode()
    assert "Extra help" in result


@pytest.mark.parametrize(
    "query",
    ["step=nonsense", "age=8&from=nonsense", "age=8&from=age&then=nonsense", "step=answers&age=x"],
)
def test_nonsense_in_the_checkers_address_gives_a_page_never_an_error(client, council, query):
    response = client.get(f"/check/?{query}")
    assert response.status_code in (200, 400)
    if "then=nonsense" in query:  # answered: on to the next question, not lost
        assert "What are your child" in response.content.decode()
