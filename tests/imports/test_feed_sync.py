"""Importing a feed again to stay in step: what officers changed is kept, a field both
changed is listed for the officer to decide, services that left the feed are listed for
withdrawal and never deleted, and a feed that changed nothing writes no history."""

import copy

import pytest

from imports.models import FeedRecord, ImportConflict, ImportRun
from imports.openreferral import feed_from_url, feed_import
from imports.sync import conflict_decide
from offer.models import RecordChange, ReferralRoute, Service
from tests.factories import UserFactory

from .directory_feeds import PLAY_SCHEME, SATURDAY_CLUB, SITTING, WHOLE, exampleshire_pages, served

pytestmark = pytest.mark.django_db


def _import(services=None, **options):
    with served(exampleshire_pages(services)) as url:
        records = feed_from_url(url)
    # The same source whatever port the server had: the feed is known by its address.
    return feed_import(
        services=records, dry_run=False, source="https://directory.example/api/services", **options
    )


def _changed_feed():
    """The directory a month later: the club's words and price changed, the sitting
    service gone."""
    services = copy.deepcopy([s for s in WHOLE if s is not SITTING])
    club = next(s for s in services if s["id"] == "s1")
    club["description"] = "<p>A new summary from the directory.</p><p>More words.</p>"
    club["cost_options"][0]["amount_description"] = "£6 a session"
    return services


def test_a_reimport_keeps_officers_edits_and_lists_what_both_changed():
    _import()
    officer = UserFactory(roles=["Editor"])
    club = Service.objects.get(name="Saturday club")
    club.summary = "A Saturday club for disabled children, cleaned by an officer."
    club.save()
    scheme = Service.objects.get(name="Holiday play scheme")
    own = ReferralRoute.objects.create(title="Ask the short breaks team")
    scheme.referral_routes.add(own)

    report = _import(_changed_feed(), by=officer)

    club.refresh_from_db()
    assert club.summary == "A Saturday club for disabled children, cleaned by an officer."
    assert club.cost == "£6 a session"  # the officer had not changed it: the feed's new value
    assert club.description == "More words."  # its first paragraph is the summary
    conflict = ImportConflict.objects.get()
    assert (conflict.label, conflict.feed_value) == ("Summary", "A new summary from the directory.")
    assert conflict.officer_value.startswith("A Saturday club for disabled children")
    assert report.conflicts == [
        {
            "record": "Saturday club",
            "field": "Summary",
            "officer": conflict.officer_value,
            "feed": "A new summary from the directory.",
        }
    ]
    assert set(scheme.referral_routes.values_list("title", flat=True)) == {
        "Visit their website",
        "Ask the short breaks team",
    }
    assert "Saturday club" in report.changed and "Holiday play scheme" in report.unchanged
    # The sitting service left the feed: listed for withdrawal, still here and published.
    assert [item["name"] for item in report.left] == ["Sitting service"]
    sitting = Service.objects.get(name="Sitting service")
    assert sitting.include_in_statement
    assert FeedRecord.objects.get(kind="service", key="s3").left_at is not None
    run = ImportRun.objects.first()
    assert (run.changed, run.left, run.conflicts) == (1, 1, 1)
    history = RecordChange.objects.filter(object_id=str(club.pk)).first()
    assert history.changed_by == officer
    assert history.reason == "Imported from https://directory.example/api/services"
    assert {
        "field": "Cost in words",
        "old": "£5 a session",
        "new": "£6 a session",
    } in history.fields


def test_importing_the_same_feed_again_changes_nothing_and_writes_no_history():
    _import()
    history = RecordChange.objects.count()
    report = _import()
    assert not report.added and not report.changed and not report.conflicts
    assert len(report.unchanged) == 6  # every service, the two with one id included
    assert RecordChange.objects.count() == history
    assert ImportRun.objects.first().unchanged == 6


def test_a_decision_takes_the_feeds_value_or_keeps_the_officers_for_good():
    _import()
    club = Service.objects.get(name="Saturday club")
    club.summary, club.cost = "The officer's summary.", "The officer's price."
    club.save()
    _import(_changed_feed())
    cost, summary = ImportConflict.objects.order_by("label")
    assert (cost.label, summary.label) == ("Cost in words", "Summary")
    officer = UserFactory(roles=["Editor"])
    assert conflict_decide(conflict=summary, take_feed=True, by=officer)
    assert conflict_decide(conflict=cost, take_feed=False, by=officer)
    assert not conflict_decide(conflict=cost, take_feed=True, by=officer)  # decided already
    club.refresh_from_db()
    assert (club.summary, club.cost) == (
        "A new summary from the directory.",
        "The officer's price.",
    )
    latest = RecordChange.objects.filter(object_id=str(club.pk)).first()
    assert latest.changed_by == officer and latest.fields[0]["field"] == "Summary"
    assert latest.reason.startswith("Took the feed's value")
    # The same feed again: neither is listed again.
    report = _import(_changed_feed())
    assert report.conflicts == [] and ImportConflict.objects.filter(decision="").count() == 0


def test_a_conflict_listed_again_replaces_the_open_one():
    _import()
    Service.objects.filter(name="Saturday club").update(cost="Ask us")
    _import(_changed_feed())
    _import(_changed_feed())
    assert ImportConflict.objects.filter(decision="").count() == 1
    assert ImportConflict.objects.filter(decision="superseded").count() == 1


def test_a_service_an_officer_deleted_is_not_brought_back():
    _import()
    Service.objects.get(name="Holiday play scheme").delete()
    report = _import()
    assert not Service.objects.filter(name="Holiday play scheme").exists()
    assert any(p.kind == "deleted here" for p in report.problems)


def test_a_place_that_left_the_feed_goes_unless_an_officer_changed_it():
    _import()
    services = copy.deepcopy(WHOLE)
    next(s for s in services if s["id"] == "s1")["service_at_locations"] = []
    _import(services)
    assert not Service.objects.get(name="Saturday club").venues.exists()

    _import()
    club = Service.objects.get(name="Saturday club")
    club.venues.update(hoist=True)  # an officer's check of the place
    _import(services)
    assert club.venues.get().hoist


def test_a_dry_run_says_what_a_reimport_would_do_and_saves_nothing():
    _import()
    Service.objects.filter(name="Saturday club").update(summary="Officer's words.")
    with served(exampleshire_pages(_changed_feed())) as url:
        records = feed_from_url(url)
    runs, conflicts = ImportRun.objects.count(), ImportConflict.objects.count()
    report = feed_import(
        services=records, dry_run=True, source="https://directory.example/api/services"
    )
    assert report.changed == ["Saturday club"] and len(report.conflicts) == 1
    assert [item["name"] for item in report.left] == ["Sitting service"]
    assert ImportRun.objects.count() == runs and ImportConflict.objects.count() == conflicts
    assert Service.objects.get(name="Saturday club").cost == "£5 a session"
    assert FeedRecord.objects.get(kind="service", key="s3").left_at is None


def test_services_imported_before_runs_were_kept_are_taken_up_without_losing_edits():
    """A working copy imported by the earlier importer (only the feed's id was kept):
    fields it has take part as the officer's, so nothing an officer wrote is overwritten."""
    Service.objects.create(
        name="Saturday club", slug="saturday-club", summary="Officer's summary.", source_id="s1"
    )
    report = _import([SATURDAY_CLUB, PLAY_SCHEME])
    club = Service.objects.get(source_id="s1")
    assert Service.objects.filter(name="Saturday club").count() == 1
    assert club.summary == "Officer's summary." and club.cost == "£5 a session"
    assert {c["field"] for c in report.conflicts} == {"Summary"}


def test_one_team_under_two_ids_is_one_contact_with_no_conflict():
    from contacts.models import Contact

    team = {"name": "Enquiries", "email": "enquiries@exampleshire.example"}
    services = [
        {
            **PLAY_SCHEME,
            "contacts": [{**team, "id": "x1", "phones": [{"number": "01632 960 010"}]}],
        },
        {**SITTING, "contacts": [{**team, "id": "x2", "phones": [{"number": "01632 960 011"}]}]},
    ]
    report = _import(services)
    assert Contact.objects.filter(name="Enquiries").count() == 1
    assert report.conflicts == []
    assert _import(services).conflicts == []
