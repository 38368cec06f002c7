"""What changed between editions: the comparison itself, the public page and the
admin's publish confirmation."""

import pytest
from django.urls import reverse
from django.utils import timezone

from contacts.models import ContactPhone
from editions.changes import changes_between
from editions.models import Edition
from editions.publishing import edition_publish
from editions.selectors import working_copy_statement
from offer.models import Assessment, Question, Service, Statement
from providers.models import ProviderKind
from tests.factories import (
    AreaFactory,
    BreakTimeFactory,
    CheckerRuleFactory,
    ContactFactory,
    ContactPhoneFactory,
    EligibilityRuleFactory,
    FamilyStoryFactory,
    GlossaryTermFactory,
    ProviderFactory,
    QuestionFactory,
    ReferralRouteFactory,
    ServiceFactory,
    StatementFactory,
    StatementFigureFactory,
    StatementSectionFactory,
    TierFactory,
    UserFactory,
    VenueFactory,
    officer_with,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer(db):
    """A small offer: two tiers, a service with a route whose contact has a phone."""
    StatementFactory(area_name="Exampleshire")
    contact = ContactFactory(name="Family Hub", email="hub@example.gov.uk")
    ContactPhoneFactory(contact=contact, number="0191 123 4567")
    route = ReferralRouteFactory(title="Phone the Family Hub", link="")
    route.contacts.set([contact])
    everyone = TierFactory(name="Help for everyone", slug="everyone")
    targeted = TierFactory(name="Extra help", slug="extra", level="targeted")
    rule = EligibilityRuleFactory(title="Any disabled child", criteria="Any child with SEND.")
    club = ServiceFactory(
        name="Saturday club",
        slug="saturday-club",
        tier=everyone,
        cost="Free",
        referral_routes=[route],
    )
    club.eligibility_rules.set([rule])
    club.times.set([BreakTimeFactory(slug="weekends", name="Weekends")])
    ServiceFactory(name="Swimming", slug="swimming", tier=everyone, referral_routes=[route])
    return {"club": club, "route": route, "contact": contact, "rule": rule, "targeted": targeted}


def _service_entry(report, title):
    return next(
        e for g in report.groups if g.title == "Services" for e in g.entries if e.title == title
    )


def _differences(entry):
    return {d.what: (d.old, d.new, d.note) for d in entry.differences}


def test_the_first_edition_is_first_published():
    report = changes_between(old=None, new=working_copy_statement())
    assert report.first and not report.groups


def test_nothing_changed_gives_an_empty_report(offer):
    report = changes_between(old=working_copy_statement(), new=working_copy_statement())
    assert report.is_empty


def test_services_added_removed_renamed_and_moved(offer):
    before = working_copy_statement()
    club = offer["club"]
    club.name, club.tier = "Saturday fun club", offer["targeted"]
    club.save()
    Service.objects.filter(slug="swimming").update(include_in_statement=False)
    ServiceFactory(name="Holiday scheme", tier=offer["targeted"])
    report = changes_between(old=before, new=working_copy_statement())

    added = _service_entry(report, "Holiday scheme")
    assert (added.status, added.summary) == ("added", "New service in Extra help.")
    removed = _service_entry(report, "Swimming")
    assert (removed.status, removed.summary) == ("removed", "No longer offered.")
    renamed = _service_entry(report, "Saturday fun club")
    assert renamed.summary == "Renamed: it was called Saturday club."
    assert _differences(renamed)["Level of support"][:2] == ("Help for everyone", "Extra help")
    assert (report.count("added"), report.count("removed"), report.count("changed")) == (1, 1, 1)


def _group(report, title):
    return {entry.title: entry for g in report.groups if g.title == title for entry in g.entries}


def test_faq_stories_glossary_figures_and_checker_changes_are_reported(offer):
    question = QuestionFactory(question="Do we pay?", answer="No.")
    QuestionFactory(question="Old question?")
    story = FamilyStoryFactory(title="Sam's weekends", who="Sam, 9")
    term = GlossaryTermFactory(term="EHCP", slug="ehcp", stands_for="Education plan")
    figure = StatementFigureFactory(statement=Statement.load(), label="Children", value=100)
    before = working_copy_statement()

    question.answer = "Most breaks are free."
    question.save()
    Question.objects.filter(question="Old question?").delete()
    story.who = "Sam, 10"
    story.save()
    term.stands_for = "Education, Health and Care Plan"
    term.save()
    figure.value = 120
    figure.save()
    CheckerRuleFactory(tier=offer["targeted"])
    report = changes_between(old=before, new=working_copy_statement())

    questions = _group(report, "Questions families ask")
    assert _differences(questions["Do we pay?"])["Answer"][2] == "Updated."
    assert questions["Old question?"].status == "removed"
    story_entry = _group(report, "Families' stories")["Sam's weekends"]
    assert _differences(story_entry)["Who"][:2] == ("Sam, 9", "Sam, 10")
    term_entry = _group(report, "Words and what they mean")["EHCP"]
    assert _differences(term_entry)["Stands for"][1] == "Education, Health and Care Plan"
    figure_entry = _group(report, "How we know what families need")["Children"]
    assert _differences(figure_entry)["Figure"][:2] == ("100 children", "120 children")
    assert "The checker's rules" in _group(report, "What could we get?")


def test_cost_ages_times_areas_routes_and_eligibility_show_old_and_new(offer):
    before = working_copy_statement()
    club = offer["club"]
    club.cost, club.min_age, club.max_age = "£5 a session", 8, 18
    club.save()
    club.times.set([BreakTimeFactory(slug="school-holidays", name="School holidays")])
    club.areas.set([AreaFactory(slug="north", name="North")])
    club.referral_routes.add(ReferralRouteFactory(title="Fill in the online form"))
    club.eligibility_rules.set([EligibilityRuleFactory(title="Children with an EHCP")])
    VenueFactory(service=club, name="The Hub", address="1 Park Road", postcode="EX1 2AB")
    differences = _differences(
        _service_entry(changes_between(old=before, new=working_copy_statement()), "Saturday club")
    )

    assert differences["Cost in words"][:2] == ("Free", "£5 a session")
    assert differences["Ages"][:2] == ("Not stated", "8 to 18 years")
    assert differences["When"][:2] == ("Weekends", "School holidays")
    assert differences["Where"][:2] == ("Not stated", "North")
    assert differences["How to get it"][:2] == (
        "Phone the Family Hub",
        "Fill in the online form, Phone the Family Hub",
    )
    assert differences["Who can use it"][:2] == ("Any disabled child", "Children with an EHCP")
    assert differences["Places where it happens"][:2] == (
        "None named",
        "The Hub, 1 Park Road, Exampleton EX1 2AB",
    )


def test_status_caption_free_assessment_and_the_councils_own_words_are_reported(offer):
    """What a family would notice in the new fields: a service now planned, a level's
    caption, 'free', the assessment by name, a contact's explanation, a provider's kinds,
    where a section appears and the stories note."""
    section = StatementSectionFactory(title="Costs", slug="costs", place="statement")
    contact = offer["contact"]
    provider = ProviderFactory(name="Play Together", kinds=["commissioned"])
    before = working_copy_statement()
    club = offer["club"]
    club.status, club.expected_from, club.cost_kind = "planned", "spring 2027", "free"
    club.save()
    offer["targeted"].caption = "Level 2"
    offer["targeted"].save()
    rule = offer["rule"]
    rule.assessment = Assessment.objects.create(name="A panel", family_can_start=False)
    rule.save()
    contact.explanation = "Ask for the duty worker."
    contact.save()
    provider.kinds.add(ProviderKind.objects.get(slug="voluntary"))
    section.place = "page"
    section.save()
    Statement.objects.update(stories_note="Names are changed.")
    report = changes_between(old=before, new=working_copy_statement())

    club_changes = _differences(_service_entry(report, "Saturday club"))
    assert club_changes["Status"][:2] == (
        "Available",
        "Planned: being developed, expected spring 2027",
    )
    assert club_changes["What it costs"][:2] == ("Not stated", "Free")
    entries = {
        (e.title, d.what): (d.old, d.new, d.note) for e in report.entries for d in e.differences
    }
    assert entries[("Extra help", "Caption")][:2] == ("None", "Level 2")
    assert entries[("Any disabled child", "Assessment needed")][:2] == ("Not stated", "A panel")
    assert ("Family Hub", "About this contact") in entries
    assert entries[("Play Together", "Kind of provider")][:2] == (
        "Commissioned by the council",
        "Commissioned by the council, Voluntary or community organisation",
    )
    assert entries[("Costs", "Where it appears")][:2] == (
        "In the whole statement",
        "On a page of its own",
    )
    [note] = [
        d for e in report.entries for d in e.differences if d.what == "Note on families' stories"
    ]
    assert note.note == "Added."


def test_contact_details_show_old_and_new_phone_and_email_and_reach_the_services(offer):
    before = working_copy_statement()
    contact = offer["contact"]
    contact.email = "familyhub@example.gov.uk"
    contact.save()
    ContactPhone.objects.filter(contact=contact).update(number="03000 111 222")
    report = changes_between(old=before, new=working_copy_statement())

    group = next(g for g in report.groups if g.title == "Contact details")
    differences = _differences(group.entries[0])
    assert differences["Phone"][:2] == ("0191 123 4567", "03000 111 222")
    assert differences["Email"][:2] == ("hub@example.gov.uk", "familyhub@example.gov.uk")
    # Both services are reached through that contact: families are told.
    club = _service_entry(report, "Saturday club")
    assert club.indirect
    assert "The details for Family Hub changed" in _differences(club)["Contact details"][2]
    assert (report.count("changed"), report.count("indirect")) == (0, 2)


def test_a_changed_eligibility_rule_is_shown_with_its_new_wording(offer):
    before = working_copy_statement()
    rule = offer["rule"]
    rule.criteria = "Children with an EHCP."
    rule.assessment = Assessment.objects.get(name="A social care assessment")
    rule.save()
    report = changes_between(old=before, new=working_copy_statement())
    group = next(g for g in report.groups if g.title == "Who can use services")
    differences = _differences(group.entries[0])
    assert differences["Who can use it"][:2] == ("Any child with SEND.", "Children with an EHCP.")
    assert differences["Assessment needed"][1] == "A social care assessment"


# The public page


@pytest.fixture
def two_editions(offer):
    first = edition_publish(label="2025 to 2026")
    club = offer["club"]
    club.name, club.cost = "Saturday fun club", "£3"
    club.save()
    Service.objects.filter(slug="swimming").update(include_in_statement=False)
    return first, edition_publish(label="2026 to 2027")


def test_changes_page_lists_changes_in_plain_english_with_links(client, two_editions):
    response = client.get("/statement/2/changes/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "What changed in the 2026 to 2027 edition" in html
    assert "Compared with the 2025 to 2026 edition" in html
    assert (
        '<a class="govuk-link" href="/statement/2/services/saturday-club/">Saturday fun club</a>'
        in html
    )
    assert "Renamed: it was called Saturday club." in html
    assert "<del>Free</del>" in html and "<ins>£3</ins>" in html
    # A removed service links to the last edition it was in.
    assert '<a class="govuk-link" href="/statement/1/services/swimming/">Swimming</a>' in html
    assert "No longer offered." in html
    assert "1 service no longer offered" in html


def test_the_first_editions_changes_say_first_published(client, two_editions):
    html = client.get("/statement/1/changes/").content.decode()
    assert (
        "This is the first edition of the statement: everything in it was first published" in html
    )


def test_current_changes_address_shows_the_current_edition(client, two_editions):
    html = client.get("/statement/changes/").content.decode()
    assert "What changed in the 2026 to 2027 edition" in html
    assert "Earlier edition" not in html


def test_changes_can_compare_with_any_earlier_edition(client, two_editions):
    edition_publish(label="2027 to 2028")
    html = client.get("/statement/3/changes/?since=1").content.decode()
    assert "Compared with the 2025 to 2026 edition" in html
    assert "Renamed: it was called Saturday club." in html
    assert '<option value="1" selected>' in html


@pytest.mark.parametrize(
    ("since", "message"),
    [
        ("abc", "Choose an earlier edition by its number."),
        ("2", "There is no edition 2 before edition 2 to compare with."),
        ("99", "There is no edition 99 before edition 2 to compare with."),
        ("9" * 5000, "Choose an earlier edition by its number."),
        ("%C2%B2", "Choose an earlier edition by its number."),
    ],
)
def test_a_bad_comparison_is_a_clear_400(client, two_editions, since, message):
    response = client.get(f"/statement/2/changes/?since={since}")
    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_editions_page_links_to_each_editions_changes(client, two_editions):
    html = client.get("/statement/editions/").content.decode()
    assert 'href="/statement/2/changes/">What changed' in html
    assert 'href="/statement/1/changes/">What changed' in html


# Publish confirmation in the admin


def _publish_post(page_context, **overrides):
    today = timezone.localdate()
    return {
        "label": "2026 to 2027",
        "reviewed_on": today.isoformat(),
        "next_review_due": today.replace(year=today.year + 1).isoformat(),
        "working_copy": page_context["working_copy"],
        **overrides,
    }


def test_publish_confirmation_shows_what_will_change(client, two_editions):
    client.force_login(officer_with("publish_edition", "view_edition"))
    Service.objects.filter(slug="saturday-club").update(cost="£4")
    html = client.get(reverse("admin:editions_edition_publish")).content.decode()
    assert "What families will see change" in html
    assert 'href="/preview/services/saturday-club/">Saturday fun club</a>' in html
    assert "<del>£3</del>" in html and "<ins>£4</ins>" in html


def test_publish_is_refused_if_the_working_copy_changed_after_the_officer_checked(
    client, two_editions
):
    client.force_login(UserFactory(is_superuser=True))
    page = client.get(reverse("admin:editions_edition_publish"))
    Service.objects.filter(slug="saturday-club").update(cost="£10")  # another officer's edit
    response = client.post(reverse("admin:editions_edition_publish"), _publish_post(page.context))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone changed the working copy while you were checking it." in html
    assert "<ins>£10</ins>" in html  # the page now shows the latest changes
    assert Edition.objects.count() == 2

    response = client.post(
        reverse("admin:editions_edition_publish"), _publish_post(response.context)
    )
    assert response.status_code == 302
    assert Edition.objects.count() == 3


def test_a_service_whose_own_record_is_the_same_still_changes_when_a_name_it_shows_does(offer):
    from offer.models import BreakTime

    before = working_copy_statement()
    BreakTime.objects.filter(slug="weekends").update(name="Saturdays and Sundays")
    report = changes_between(old=before, new=working_copy_statement())
    club = _service_entry(report, "Saturday club")
    assert _differences(club)["When"][:2] == ("Weekends", "Saturdays and Sundays")
    # Swimming shows no times at all: unchanged, and not listed.
    assert all(e.title != "Swimming" for g in report.groups for e in g.entries)
