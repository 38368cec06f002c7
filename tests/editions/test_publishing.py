import datetime

import pytest
from django.utils import timezone

from editions import snapshot as snapshot_module
from editions.models import Edition
from editions.publishing import (
    PublishRefused,
    edition_publish,
    statement_problems,
    statement_warnings,
)
from tests.factories import (
    ContactFactory,
    ReferralRouteFactory,
    ServiceFactory,
    StatementFactory,
    TierFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def messages(refused: PublishRefused) -> list[str]:
    return [problem.message for problem in refused.problems]


def test_publishing_an_empty_working_copy_says_what_to_add():
    with pytest.raises(PublishRefused) as refused:
        edition_publish()
    assert messages(refused.value) == [
        "Add the statement details, including the council's name.",
        "Add at least one service to the statement.",
    ]
    assert not Edition.objects.exists()


def test_publish_refuses_and_names_every_incomplete_record():
    StatementFactory()
    ServiceFactory(name="Holiday club", tier=None, referral_routes=[])
    ServiceFactory(name="Youth group", referral_routes=[])
    with pytest.raises(PublishRefused) as refused:
        edition_publish()
    assert messages(refused.value) == [
        'Service "Holiday club" has no referral route (how to get it), and neither has its tier.',
        'Service "Youth group" has no referral route (how to get it), and neither has its tier.',
    ]
    assert not Edition.objects.exists()


def test_a_service_needs_no_tier_and_may_use_its_tiers_way_in():
    """A council that names no levels lists services as they are; a service in a level
    whose way in is the level's own needs none of its own."""
    StatementFactory()
    ServiceFactory(name="Holiday club", tier=None)
    tier = TierFactory()
    tier.referral_routes.set([ReferralRouteFactory(title="Ask for an assessment")])
    ServiceFactory(name="Overnight stays", tier=tier, referral_routes=[])
    edition = edition_publish()
    assert {service["name"] for service in edition.snapshot["services"]} == {
        "Holiday club",
        "Overnight stays",
    }


def test_a_route_may_be_words_alone_and_a_planned_service_needs_no_route():
    """'Speak to your social worker' has no contact or link, and a service being
    developed has no way to apply yet: neither stops a publish."""
    StatementFactory()
    ServiceFactory(
        name="Sitting service",
        referral_routes=[ReferralRouteFactory(title="Speak to your social worker", link="")],
    )
    ServiceFactory(name="Hub", referral_routes=[], status="planned", expected_from="2027")
    edition = edition_publish()
    assert {s["name"] for s in edition.snapshot["services"]} == {"Sitting service", "Hub"}


def test_a_contact_with_no_way_to_reach_it_is_a_warning_not_a_refusal():
    StatementFactory()
    bare = ContactFactory(name="The directory", email="", website="")
    ContactFactory(name="Your social worker", email="", explanation="Ask them at your next visit.")
    ServiceFactory(referral_routes=[ReferralRouteFactory(contacts=[bare])])
    assert [w.message for w in statement_warnings() if w.message.startswith("Contact")] == [
        'Contact "The directory" has no phone, email or website, and no words on who they '
        "are or how to reach them."
    ]
    assert edition_publish() is not None


def test_warnings_name_what_families_would_trip_over_with_where_to_fix_it():
    StatementFactory()
    apply = ReferralRouteFactory(title="Ask for an assessment")
    tier = TierFactory(name="Specialist help")
    ServiceFactory(name="Overnight stays", tier=tier, referral_routes=[apply], cost="")
    ServiceFactory(name="Day care", tier=tier, referral_routes=[apply], cost="£5")
    ServiceFactory(name="Sitting", tier=tier, referral_routes=[apply], cost_kind="free")
    ServiceFactory(name="Planned club", tier=tier, referral_routes=[], status="planned")
    warnings = {w.message: w.url for w in statement_warnings()}
    assert warnings['Tier "Specialist help" has no eligibility rule: who can get it.'] == (
        f"/admin/offer/tier/{tier.pk}/change/"
    )
    assert (
        'Every service in tier "Specialist help" uses the route "Ask for an assessment", but '
        'the tier\'s own "how to get it" leaves it out.' in warnings
    )
    assert (
        warnings[
            'There are no checker rules, so families will not see the "What could we get?" '
            "questions."
        ]
        == "/admin/offer/checkerrule/add/"
    )
    costs = [m for m in warnings if "does not say what it costs" in m]
    assert costs == [
        'Service "Overnight stays" does not say what it costs (free, depends on the '
        "assessment, a contribution or an amount): families are told to ask."
    ]
    assert edition_publish() is not None  # warnings never block


def test_a_blocking_problem_links_to_where_it_is_fixed():
    problems = statement_problems()
    assert [(p.message, p.url) for p in problems] == [
        (
            "Add the statement details, including the council's name.",
            "/admin/offer/statement/add/",
        ),
        ("Add at least one service to the statement.", "/admin/offer/service/add/"),
    ]


def test_a_route_with_a_contact_but_no_link_is_complete():
    StatementFactory()
    route = ReferralRouteFactory(link="")
    route.contacts.add(ContactFactory())
    ServiceFactory(referral_routes=[route])
    assert edition_publish().version == 1


def test_services_left_out_of_the_statement_do_not_block_publishing():
    StatementFactory()
    ServiceFactory(name="Ready")
    ServiceFactory(name="Being set up", tier=None, include_in_statement=False)
    edition = edition_publish()
    assert [s["name"] for s in edition.snapshot["services"]] == ["Ready"]


def test_publish_assumes_no_review_dates_labels_by_the_day_and_numbers_in_order():
    StatementFactory()
    ServiceFactory()
    officer = UserFactory(username="amira", roles=["Publisher"])
    first = edition_publish(published_by=officer)
    second = edition_publish()
    today = timezone.localdate()
    assert (first.version, second.version) == (1, 2)
    assert first.label == f"{today.day} {today:%B %Y}"
    assert second.label == f"{today.day} {today:%B %Y}, update 2"
    assert (first.reviewed_on, first.next_review_due) == (None, None)
    assert (first.reviewed_on_text, first.next_review_due_text) == ("", "")
    assert not first.next_review_overdue
    assert first.published_by == officer


def test_publish_refuses_review_dates_that_make_no_sense():
    StatementFactory()
    ServiceFactory()
    today = timezone.localdate()
    with pytest.raises(PublishRefused) as refused:
        edition_publish(
            reviewed_on=today + datetime.timedelta(days=1),
            next_review_due=today,
        )
    assert messages(refused.value) == [
        "The review date cannot be in the future.",
        "The next review must be due after the date it was reviewed.",
    ]


def test_publish_refuses_a_blank_or_overlong_label():
    StatementFactory()
    ServiceFactory()
    for label, message in [
        ("   ", "Give the edition a label, or leave it out for the default."),
        ("x" * 101, "Keep the label to 100 characters or fewer."),
    ]:
        with pytest.raises(PublishRefused) as refused:
            edition_publish(label=label)
        assert messages(refused.value) == [message]
    assert not Edition.objects.exists()


def test_the_snapshot_holds_everything_the_public_pages_show():
    StatementFactory(council_name="Exampleshire Council")
    tier = TierFactory(name="Targeted", level="targeted")
    contact = ContactFactory(name="Short breaks team")
    route = ReferralRouteFactory(title="Phone the team")
    route.contacts.add(contact)
    ServiceFactory(name="Saturday club", tier=tier, referral_routes=[route])
    snapshot = edition_publish().snapshot
    assert snapshot["schema_version"] == snapshot_module.SCHEMA_VERSION
    assert snapshot["statement"]["council_name"] == "Exampleshire Council"
    assert [t["name"] for t in snapshot["tiers"]] == ["Targeted"]
    [service] = snapshot["services"]
    assert service["tier"] == str(tier.uid)
    assert service["referral_routes"] == [str(route.uid)]
    [route_data] = snapshot["referral_routes"]
    assert route_data["contacts"] == [str(contact.uid)]


def test_publishers_still_racing_after_every_try_are_told_to_publish_again(monkeypatch):
    """The next edition number taken by others on every try: a refusal that says
    'publish again', never a server error."""
    from django.db import IntegrityError

    import editions.publishing as publishing

    StatementFactory()
    ServiceFactory()

    def taken(**kwargs):
        raise IntegrityError("UNIQUE constraint failed: offer_edition.version")

    monkeypatch.setattr(publishing, "_edition_create", taken)
    with pytest.raises(PublishRefused) as refused:
        edition_publish(label="Racing")
    assert "Publish again." in refused.value.problems[0].message
