"""Glossary terms in officers' text: the first use on a page is marked up and linked."""

import re

import pytest

from core.glossary import GlossaryMatcher, terms_used
from editions.publishing import edition_publish
from editions.read import GlossaryTerm
from editions.selectors import edition_statement
from editions.snapshot import snapshot_upgrade
from tests.factories import (
    GlossaryTermFactory,
    ServiceFactory,
    StatementFactory,
    TierFactory,
)

pytestmark = pytest.mark.django_db

EHCP_LINK = (
    '<a class="govuk-link app-glossary-link" href="/glossary/#ehcp">'
    '<abbr title="Education, Health and Care Plan">EHCP</abbr></a>'
)


@pytest.fixture
def published(db):
    StatementFactory()
    tier = TierFactory(slug="extra-help", summary="Help for families.")
    ServiceFactory(
        slug="saturday-club",
        tier=tier,
        description="You do not need an EHCP. Families with an EHCP can still come.\n\n"
        "Please send us your direct payments form. We send a letter.",
    )
    GlossaryTermFactory(
        term="EHCP",
        slug="ehcp",
        stands_for="Education, Health and Care Plan",
        explanation="A plan for a child who needs more support than a school can give. "
        "Also see direct payment.",
        aliases="EHC plan",
    )
    GlossaryTermFactory(
        term="SEND", slug="send", stands_for="Special educational needs and disabilities"
    )
    GlossaryTermFactory(
        term="direct payment", slug="direct-payment", explanation="Money to arrange care."
    )
    return edition_publish(label="2026")


def test_the_first_use_on_a_page_is_an_abbreviation_linked_to_its_meaning(client, published):
    html = client.get("/services/saturday-club/").content.decode()
    assert html.count(EHCP_LINK) == 1
    # The second use on the same page is left as plain words.
    assert "Families with an EHCP can still come." in html


def test_plurals_and_any_case_of_words_are_found(client, published):
    html = client.get("/services/saturday-club/").content.decode()
    assert 'href="/glossary/#direct-payment">direct payments</a><button' in html


def test_an_ordinary_word_spelt_like_an_abbreviation_is_left_alone(client, published):
    html = client.get("/services/saturday-club/").content.decode()
    assert "/glossary/#send" not in html
    assert "Please send us" in html


def test_every_page_marks_its_own_first_use(client, published):
    for _ in range(2):
        html = client.get("/services/saturday-club/").content.decode()
        assert html.count(EHCP_LINK) == 1


def test_links_stay_inside_a_pinned_edition(client, published):
    html = client.get("/statement/1/services/saturday-club/").content.decode()
    assert 'href="/statement/1/glossary/#ehcp"' in html


def test_the_glossary_page_defines_terms_without_linking_them_to_itself(client, published):
    html = client.get("/glossary/").content.decode()
    assert '<dfn><abbr title="Education, Health and Care Plan">EHCP</abbr></dfn>' in html
    assert "EHCP stands for Education, Health and Care Plan." in html
    assert "app-glossary-link" not in html


@pytest.mark.parametrize(
    "text, found",
    [
        ("Ask about an EHC plan today", ["ehcp"]),
        ("an Education,  Health and Care Plan", ["ehcp"]),
        ("EHCPs and SEND", ["ehcp", "send"]),
        ("send it", []),
        ("SENDIASS can help", []),
        ("pre-EHCP advice", []),
        ("direct-payment", []),
    ],
)
def test_the_matcher_finds_whole_words_only(text, found):
    matcher = GlossaryMatcher(
        [
            _term(
                "EHCP", "ehcp", stands_for="Education, Health and Care Plan", aliases=["EHC plan"]
            ),
            _term("SEND", "send"),
            _term("direct payment", "direct-payment"),
        ]
    )
    assert [use.term.slug for use in matcher.uses(text)] == found


def _term(term: str, slug: str, *, stands_for: str = "", aliases=()) -> GlossaryTerm:
    return GlossaryTerm(
        term=term,
        slug=slug,
        explanation="",
        stands_for=stands_for,
        aliases=list(aliases),
        pinned=False,
    )


def test_officers_text_is_still_escaped_around_marked_terms(client, db):
    StatementFactory()
    ServiceFactory(slug="club", description="<script>alert(1)</script> needs an EHCP")
    GlossaryTermFactory(term="EHCP", slug="ehcp", stands_for='"quoted" <b>')
    edition_publish(label="2026")
    html = client.get("/services/club/").content.decode()
    assert "<script>alert(1)" not in html
    assert 'title="&quot;quoted&quot; &lt;b&gt;"' in html


def test_a_term_opens_its_meaning_in_place_and_keeps_its_link(client, published):
    html = client.get("/services/saturday-club/").content.decode()
    assert (
        EHCP_LINK
        + (
            '<button type="button" class="app-term__button app-no-print" aria-expanded="false" '
            'aria-controls="meaning-ehcp" hidden="">'
            '<span class="govuk-visually-hidden">What EHCP means</span>'
        )
        in html
    )
    # The meaning is plain words, hidden until the button (shown by JavaScript) opens it.
    assert (
        '<span class="app-term__meaning" id="meaning-ehcp" hidden=""><strong>EHCP</strong> '
        "(Education, Health and Care Plan): A plan for a child who needs more support than "
        "a school can give. Also see direct payment.</span>"
    ) in html


def test_two_terms_side_by_side_are_not_marked_as_one_link(client, db):
    StatementFactory()
    ServiceFactory(slug="club", description="Use your EHCP direct payment here. A direct payment.")
    GlossaryTermFactory(term="EHCP", slug="ehcp")
    GlossaryTermFactory(term="direct payment", slug="direct-payment")
    edition_publish(label="2026")
    html = client.get("/services/club/").content.decode()
    assert "</span></span> direct payment here." in html
    # Its next use on the page is marked instead.
    assert 'href="/glossary/#direct-payment">direct payment</a>' in html.split("here.")[1]


def test_the_glossary_lists_used_and_pinned_terms_a_to_z_ignoring_capitals(client, published):
    GlossaryTermFactory(term="zebra crossing", slug="zebra", pinned=True)
    GlossaryTermFactory(term="Unused word", slug="unused")
    edition_publish(label="2027")
    html = client.get("/glossary/").content.decode()
    listed = re.findall(r'<dt [^>]*id="([^"]+)"', html)
    # SEND is in the glossary but only "send" the verb is on the pages.
    assert listed == ["direct-payment", "ehcp", "zebra"]


def test_an_earlier_edition_keeps_every_term_it_listed(client, published):
    old = {"schema_version": 10, "glossary": [{"term": "SEND", "slug": "send"}], "services": []}
    assert snapshot_upgrade(old)["glossary"] == [{"term": "SEND", "slug": "send", "pinned": True}]


def test_terms_are_found_in_any_text_of_an_edition_but_never_across_two_texts():
    matcher = GlossaryMatcher(
        [
            _term("Short break", "short-break"),
            _term("EHCP", "ehcp", stands_for="Education, health and care plan"),
            _term("Personal assistant", "pa", aliases=["PA"]),
        ]
    )
    texts = ["Time for a short", "break from caring", "Ask about an EHCP.", "Ask",
             "Ask about an EHCP.", "A pa is not a PA"]  # fmt: skip
    assert terms_used(matcher, texts) == {"ehcp", "pa"}
    texts[1] = "Every short  break counts"
    assert terms_used(matcher, texts) == {"ehcp", "pa", "short-break"}


def test_an_editions_glossary_lists_the_terms_its_pages_use_not_its_own_words():
    StatementFactory()
    GlossaryTermFactory(term="Personal assistant", slug="pa", explanation="EHCP help")
    GlossaryTermFactory(term="EHCP", slug="ehcp", explanation="A plan")
    ServiceFactory(summary="Someone to help: a personal assistant.")
    statement = edition_statement(edition=edition_publish())
    # 'EHCP' is only in the glossary's own words, so no page uses it.
    assert [term.slug for term in statement.glossary] == ["pa"]
