"""Field-level history of the working copy, and no lost edits when two officers edit
the same record at once."""

import json

import pytest
from django.contrib.admin.helpers import AdminForm
from django.core.management import call_command
from django.urls import reverse

from contacts.models import Contact
from offer.models import RecordChange, Service
from tests.factories import (
    ContactFactory,
    ContactPhoneFactory,
    NeedFactory,
    ServiceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def form_data(response) -> dict:
    """What the officer's browser would post back from a change page, untouched."""
    admin_form: AdminForm = response.context["adminform"]
    form = admin_form.form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = str(value)
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = str(management[name].value())
        for inline_form in formset.formset.forms:
            for name in inline_form.fields:
                value = inline_form[name].value()
                if value is not None and value is not False:
                    data[f"{inline_form.prefix}-{name}"] = "on" if value is True else str(value)
    return data


@pytest.fixture
def editor(db):
    return UserFactory(username="olu", first_name="Olu", last_name="Ade", roles=["Editor"])


@pytest.fixture
def club(db):
    service = ServiceFactory(name="Saturday club", slug="saturday-club", cost="Free")
    service.needs.set([NeedFactory(slug="autism", name="Autism")])
    return service


def _change_url(record) -> str:
    meta = record._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.pk])


def test_saving_a_service_records_who_changed_which_fields_from_what_to_what(client, editor, club):
    client.force_login(editor)
    page = client.get(_change_url(club))
    data = form_data(page)
    data.update(cost="£5 a session", max_age="18", needs=[])
    response = client.post(_change_url(club), data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    change = RecordChange.objects.get(action="changed", changed_by=editor)
    assert change.changed_by == editor
    assert {f["field"]: (f["old"], f["new"]) for f in change.fields} == {
        "Cost in words": ("Free", "£5 a session"),
        "Oldest age": ("(empty)", "18"),
        "Needs": ("Autism", "(empty)"),
    }


def test_history_is_visible_from_the_records_admin_page(client, editor, club):
    client.force_login(editor)
    data = form_data(client.get(_change_url(club)))
    data["cost"] = "£2"
    client.post(_change_url(club), data)

    change_page = client.get(_change_url(club)).content.decode()
    history_url = reverse("admin:offer_service_history", args=[club.pk])
    assert f'href="{history_url}"' in change_page
    html = client.get(history_url).content.decode()
    assert "Olu Ade" in html
    assert "<td>Cost in words</td>" in html
    assert "<td>Free</td>" in html and "<td>£2</td>" in html


def test_inline_phone_number_changes_are_recorded_on_the_contact(client, editor):
    contact = ContactFactory(name="Family Hub")
    ContactPhoneFactory(contact=contact, number="0191 123 4567")
    client.force_login(editor)
    data = form_data(client.get(_change_url(contact)))
    data["phones-0-number"] = "03000 111 222"
    response = client.post(_change_url(contact), data)
    assert response.status_code == 302
    change = RecordChange.objects.get(
        object_id=str(contact.pk), action="changed", changed_by=editor
    )
    assert change.fields == [
        {
            "field": "Phone number 1: Number",
            "old": "0191 123 4567",
            "new": "03000 111 222",
        }
    ]


def test_adding_and_deleting_are_recorded(client, editor):
    client.force_login(UserFactory(is_superuser=True, username="admin"))
    contact = ContactFactory(name="Old team")
    client.post(reverse("admin:contacts_contact_delete", args=[contact.pk]), {"post": "yes"})
    assert not Contact.objects.filter(pk=contact.pk).exists()
    deleted = RecordChange.objects.get(action="deleted")
    assert deleted.object_repr == "Old team"


def test_marking_reviewed_is_recorded_too(client, editor, club):
    client.force_login(editor)
    client.post(reverse("admin:due_for_review"), {"item": [f"offer.service:{club.pk}"]})
    change = RecordChange.objects.get(action="reviewed")
    assert change.changed_by == editor
    assert change.fields[0]["field"] == "Last reviewed on"


def test_the_second_of_two_concurrent_edits_is_refused_and_the_first_kept(client, club):
    first, second = (
        UserFactory(username="amal", first_name="Amal", last_name="Khan", roles=["Editor"]),
        UserFactory(username="ben", roles=["Editor"]),
    )

    client.force_login(first)
    amal_form = form_data(client.get(_change_url(club)))
    client.force_login(second)
    ben_form = form_data(client.get(_change_url(club)))  # both opened the same version

    client.force_login(first)
    amal_form["cost"] = "£3"
    assert client.post(_change_url(club), amal_form).status_code == 302

    client.force_login(second)
    ben_form["summary"] = "Ben's new summary"
    response = client.post(_change_url(club), ben_form)
    assert response.status_code == 200
    html = response.content.decode()
    assert "This service was changed by Amal Khan at " in html
    assert "since you opened it. Your changes have not been saved" in html
    assert "Ben&#x27;s new summary" in html  # Ben's typing is still on the page

    club.refresh_from_db()
    assert club.cost == "£3"  # the first save stands
    assert club.summary != "Ben's new summary"


def test_saving_again_after_reopening_works(client, editor, club):
    client.force_login(editor)
    data = form_data(client.get(_change_url(club)))
    data["cost"] = "£1"
    assert client.post(_change_url(club), data).status_code == 302
    data = form_data(client.get(_change_url(club)))
    data["cost"] = "£2"
    assert client.post(_change_url(club), data).status_code == 302
    assert Service.objects.get(pk=club.pk).cost == "£2"


def test_a_post_without_the_opened_version_is_refused_not_saved(client, editor, club):
    client.force_login(editor)
    data = form_data(client.get(_change_url(club)))
    del data["opened_revision"]
    data["cost"] = "£9"
    response = client.post(_change_url(club), data)
    assert response.status_code == 200
    assert "missing the version you opened" in response.content.decode()
    assert Service.objects.get(pk=club.pk).cost == "Free"


# No writer can forget the history ------------------------------------------------------


def _latest(record) -> RecordChange:
    return RecordChange.objects.filter(object_id=str(record.pk)).first()


def test_a_save_outside_the_admin_is_recorded_with_each_field(club):
    club.cost = "£3"
    club.save()
    change = _latest(club)
    assert change.reason == "A change made outside the admin" and change.changed_by is None
    assert change.fields == [{"field": "Cost in words", "old": "Free", "new": "£3"}]
    club.save()  # saved as it was: nothing to tell
    assert _latest(club).pk == change.pk


def test_lists_and_records_shown_on_anothers_page_are_recorded_there(club):
    club.needs.clear()
    assert _latest(club).fields == [{"field": "Needs", "old": "All removed", "new": ""}]
    contact = ContactFactory(name="Family Hub")
    phone = ContactPhoneFactory(contact=contact, number="01632 960 001")
    added = _latest(contact)
    assert added.fields == [{"field": "Phone number added", "old": "", "new": str(phone)}]
    phone.number = "01632 960 002"
    phone.save()
    assert _latest(contact).fields == [
        {"field": "Phone number: Number", "old": "01632 960 001", "new": "01632 960 002"}
    ]


def test_what_a_writer_does_not_record_itself_is_recorded_with_who_and_why(club, editor):
    from offer.history import history_scope

    with history_scope(by=editor, why="Checked with the provider"):
        club.cost = "£4"
        club.save()
        assert _latest(club).fields != [{"field": "Cost in words", "old": "Free", "new": "£4"}]
    change = _latest(club)
    assert (change.changed_by, change.reason) == (editor, "Checked with the provider")
    assert change.fields == [{"field": "Cost in words", "old": "Free", "new": "£4"}]


def test_a_failed_or_dry_run_writes_no_history(club, editor):
    from django.db import transaction

    from offer.history import history_scope

    before = RecordChange.objects.count()
    with transaction.atomic(), history_scope(by=editor, why="A dry run"):
        club.cost = "£9"
        club.save()
        transaction.set_rollback(True)
    assert RecordChange.objects.count() == before


def test_rows_dragged_into_order_say_so(client, editor):
    from tests.factories import TierFactory

    first, second = TierFactory(name="First", order=1), TierFactory(name="Second", order=2)
    client.force_login(editor)
    response = client.post(
        reverse("admin:offer_tier_sortable_update"),
        data=json.dumps({"updatedItems": [[first.pk, 2], [second.pk, 1]]}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    moved = _latest(first)
    assert (moved.changed_by, moved.reason) == (editor, "Dragged into order")
    assert moved.fields == [{"field": "Position", "old": "1", "new": "2"}]


def test_copies_and_imports_say_why(club, editor):
    from offer.copies import service_copy

    copy = service_copy(service=club, by=editor)
    assert _latest(copy).reason == "Copied from Saturday club"
    assert _latest(copy).changed_by == editor


def test_loading_a_councils_seed_writes_no_history():
    """loaddata saves raw and then sets each record's lists: neither is an edit."""
    call_command("loaddata", "durham", verbosity=0)
    assert not RecordChange.objects.exists()
