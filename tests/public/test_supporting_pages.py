"""The FAQ, family stories and glossary: edited in the admin, frozen into editions."""

import pytest

from editions.publishing import edition_publish
from offer.models import Question
from tests.factories import (
    CheckerRuleFactory,
    ContactFactory,
    FamilyStoryFactory,
    FamilyViewFactory,
    GlossaryTermFactory,
    QuestionFactory,
    ServiceFactory,
    StatementFactory,
    TierFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(db):
    statement = StatementFactory()
    FamilyViewFactory(statement=statement, point="More breaks in the school holidays.")
    tier = TierFactory(name="Extra help", slug="extra-help")
    CheckerRuleFactory(tier=tier)
    ContactFactory(name="Family Information Service", is_useful_contact=True)
    club = ServiceFactory(name="Saturday club", slug="saturday-club", tier=tier)
    QuestionFactory(question="Do we pay for short breaks?", answer="Most are free.", service=club)
    QuestionFactory(question="How do we step up?", answer="Ask at your EHCP review.", tier=tier)
    story = FamilyStoryFactory(title="Weekends that work", who="Sam, 9, and his mum")
    story.services.set([club])
    story.tiers.set([tier])
    GlossaryTermFactory(
        term="EHCP",
        slug="ehcp",
        explanation="An Education, Health and Care plan.",
        aliases="EHC plan; Education Health and Care Plan",
    )
    return edition_publish(label="2026")


def test_faq_page_lists_questions_with_links_to_the_service_or_tier(client, published):
    html = client.get("/faq/").content.decode()
    assert "Do we pay for short breaks?" in html and "Most are free." in html
    assert 'href="/services/saturday-club/">Saturday club</a>' in html
    assert 'href="/support/extra-help/">Extra help</a>' in html


def test_stories_page_tells_each_story_with_the_support_used(client, published):
    html = client.get("/stories/").content.decode()
    assert "Weekends that work" in html and "Sam, 9, and his mum" in html
    for heading in ("Their situation", "What they got", "What difference it made"):
        assert heading in html
    assert 'href="/services/saturday-club/">Saturday club</a>' in html


def test_glossary_page_defines_each_term_with_an_anchor(client, published):
    html = client.get("/glossary/").content.decode()
    assert 'id="ehcp"><dfn>EHCP</dfn>' in html
    assert "Also written as: EHC plan, Education Health and Care Plan" in html


def test_they_show_the_edition_not_the_working_copy(client, published):
    Question.objects.filter(question="Do we pay for short breaks?").update(
        question="Draft question?"
    )
    assert "Draft question?" not in client.get("/faq/").content.decode()
    assert "Do we pay for short breaks?" in client.get("/statement/1/faq/").content.decode()
    client.force_login(UserFactory(roles=["Editor"]))
    assert "Draft question?" in client.get("/preview/faq/").content.decode()
    edition_publish(label="2027")
    assert "Draft question?" in client.get("/faq/").content.decode()


@pytest.mark.parametrize(
    "path",
    ["/faq/", "/stories/", "/glossary/", "/what-families-need/", "/check/", "/contacts/"],
)
def test_every_page_links_to_them_from_the_footer(client, published, path):
    html = client.get("/").content.decode()
    assert f'href="{path}"' in html


def test_pages_the_statement_has_nothing_for_are_neither_linked_nor_there(client, db):
    StatementFactory()
    ServiceFactory(name="Saturday club", slug="saturday-club")
    edition_publish(label="2026")
    html = client.get("/").content.decode()
    paths = ("/faq/", "/stories/", "/glossary/", "/what-families-need/", "/check/")
    for path in (*paths, "/contacts/", "/providers/"):
        assert f'href="{path}"' not in html  # nor in the menu, nor on the home page
        assert client.get(path).status_code == 404
    assert 'href="/statement/"' in html and 'href="/find/"' in html


def test_editors_can_edit_them(client, published):
    client.force_login(UserFactory(roles=["Editor"]))
    for name in ("question", "familystory", "glossaryterm"):
        assert client.get(f"/admin/offer/{name}/add/").status_code == 200


def test_the_whole_statement_gives_each_way_in_once_and_links_to_it_after(client, db):
    from tests.factories import ContactPhoneFactory, ReferralRouteFactory

    StatementFactory()
    team = ContactFactory(name="Short breaks team", is_useful_contact=False)
    ContactPhoneFactory(contact=team, number="01632 960 001")
    shared = ReferralRouteFactory(title="Phone the team", link="")
    shared.contacts.set([team])
    tier = TierFactory(name="Extra help", slug="extra-help")
    for name in ("Club", "Camp", "Swim"):
        ServiceFactory(name=name, tier=tier, referral_routes=[shared])
    edition_publish(label="2026")
    html = client.get("/statement/").content.decode()
    assert html.count(f'id="route-{shared.uid}"') == 1
    assert html.count("01632 960 001</a>") == 1
    assert html.count(f'<a class="govuk-link" href="#route-{shared.uid}">Phone the team</a>') == 2
    assert 'href="#contents-title">Back to contents</a>' in html
    assert "data-print>Print this statement</button>" in html


def test_print_styles_learn_the_sites_address(client, settings):
    settings.SITE_URL = "https://breaks.example.gov.uk"
    css = client.get("/site.css")
    assert css["Content-Type"].startswith("text/css")
    assert css.content.decode() == ':root{--app-site-address:"https://breaks.example.gov.uk"}\n'
    settings.SITE_URL = ""
    assert '"http://testserver"' in client.get("/site.css").content.decode()
