"""The officers' pages for a feed: the check before importing (what it would do, what it
cannot bring in as a CSV, which services join the statement), the import history, and
the decisions a re-import leaves (edits kept, services that left the feed)."""

import copy
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from imports.models import ImportConflict, ImportRun, ImportUpload
from offer.models import Service
from tests.factories import UserFactory

from .directory_feeds import exampleton_v3

pytestmark = pytest.mark.django_db

URL = "/admin/offer-openreferral/"


def _file(feed: dict, name: str = "exampleton.json") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, json.dumps(feed).encode(), content_type="application/json")


@pytest.fixture
def editor(client):
    officer = UserFactory(roles=["Editor"])
    client.force_login(officer)
    return officer


def _page(run: ImportRun) -> str:
    return f"/admin/imports/importrun/{run.pk}/change/"


def _joined() -> list[str]:
    return list(Service.objects.filter(include_in_statement=True).values_list("name", flat=True))


def _check(client, feed=None):
    response = client.post(URL, {"file": _file(feed or exampleton_v3())})
    assert response.status_code == 200
    return response.content.decode(), ImportUpload.objects.latest("pk")


def test_the_check_says_what_would_happen_and_offers_the_choice(client, editor):
    page, upload = _check(client)
    assert "3 services to add" in page
    assert "Which new services join the statement?" in page
    assert "Short breaks (1 service)" in page and "Support (1 service)" in page
    assert "&#x27;minimum_age&#x27; should be a whole number" in page
    assert "<code>languages</code>" in page and "British Sign Language" in page
    assert not Service.objects.exists()
    csv = client.get(f"{URL}?upload={upload.pk}&download=report")
    assert csv.status_code == 200 and csv["Content-Type"] == "text/csv"
    assert "Not brought in,languages" in csv.content.decode()
    assert client.get(f"{URL}?upload=999&download=report").status_code == 404


def test_confirming_needs_a_choice_of_what_joins(client, editor):
    _, upload = _check(client)
    refused = client.post(URL, {"upload": upload.pk, "confirm": "1"})
    assert refused.status_code == 400
    assert "Choose which new services join the statement." in refused.content.decode()
    refused = client.post(URL, {"upload": upload.pk, "confirm": "1", "join": "terms"})
    assert (
        refused.status_code == 400 and "Choose at least one category." in refused.content.decode()
    )
    refused = client.post(URL, {"upload": upload.pk, "confirm": "1", "join": "terms",
                                "terms": ["Nonsense"]})  # fmt: skip
    assert refused.status_code == 400
    assert not Service.objects.exists()

    done = client.post(
        URL, {"upload": upload.pk, "confirm": "1", "join": "terms", "terms": ["Short breaks"]}
    )
    run = ImportRun.objects.get()
    assert (
        done.status_code == 302 and done["Location"] == f"/admin/imports/importrun/{run.pk}/change/"
    )
    assert run.run_by == editor and run.added == 3
    assert list(
        Service.objects.filter(include_in_statement=True).values_list("name", flat=True)
    ) == ["Online & phone befriending"]
    assert not ImportUpload.objects.exists()


def test_words_choose_the_services_that_join(client, editor):
    _, upload = _check(client)
    client.post(URL, {"upload": upload.pk, "confirm": "1", "join": "words",
                      "words": "forum, nothing"})  # fmt: skip
    assert list(
        Service.objects.filter(include_in_statement=True).values_list("name", flat=True)
    ) == ["Parent carers' forum"]


def test_the_history_shows_each_run_and_its_decisions(client, editor):
    _, upload = _check(client)
    client.post(URL, {"upload": upload.pk, "confirm": "1", "join": "all"})
    befriending = Service.objects.get(name="Online & phone befriending")
    befriending.summary = "An officer's words."
    befriending.save()
    changed = copy.deepcopy(exampleton_v3())
    changed["contents"][0]["description"] = "<p>New words from the directory.</p>"
    del changed["contents"][1]  # the forum has left the directory
    _, upload = _check(client, changed)
    client.post(URL, {"upload": upload.pk, "confirm": "1", "join": "none"})
    run = ImportRun.objects.first()

    listing = client.get("/admin/imports/importrun/").content.decode()
    assert (
        "exampleton.json" in listing
        and listing.count(f"/admin/imports/importrun/{run.pk}/change/") >= 1
    )
    page = client.get(f"/admin/imports/importrun/{run.pk}/change/").content.decode()
    assert "Officers' edits the feed has changed too" in page
    assert "An officer&#x27;s words." in page and "New words from the directory." in page
    assert "No longer in the feed (1)" in page and "Parent carers&#x27; forum" in page
    assert client.get(f"/admin/imports/importrun/{run.pk}/report.csv").status_code == 200

    conflict = ImportConflict.objects.get(decision="")
    decided = client.post(
        f"/admin/imports/importrun/{run.pk}/decide/", {"conflict": conflict.pk, "decision": "feed"}
    )
    assert decided.status_code == 302
    befriending.refresh_from_db()
    assert befriending.summary == "New words from the directory."
    again = client.post(
        f"/admin/imports/importrun/{run.pk}/decide/", {"conflict": conflict.pk, "decision": "kept"}
    )
    assert again.status_code == 400  # decided already
    assert client.post(f"/admin/imports/importrun/{run.pk}/decide/", {}).status_code == 400
    assert client.get(f"/admin/imports/importrun/{run.pk}/decide/").status_code == 405

    forum = Service.objects.get(name="Parent carers' forum")
    assert forum.include_in_statement
    taken = client.post(f"/admin/imports/importrun/{run.pk}/withdraw/", {"service": [forum.pk]})
    assert taken.status_code == 302
    forum.refresh_from_db()
    assert not forum.include_in_statement  # out of the statement, still in the working copy
    assert client.post(f"/admin/imports/importrun/{run.pk}/withdraw/", {}).status_code == 400
    assert client.get("/admin/imports/importrun/999/change/").status_code == 404


def test_officers_without_a_role_see_no_imports(client):
    client.force_login(UserFactory(roles=[]))
    assert client.get(URL).status_code == 403
    assert client.get("/admin/imports/importrun/").status_code == 403


def test_a_confirmation_for_someone_elses_check_is_refused(client, editor):
    _, upload = _check(client)
    client.force_login(UserFactory(roles=["Editor"]))
    refused = client.post(URL, {"upload": upload.pk, "confirm": "1", "join": "all"})
    assert refused.status_code == 400 and not Service.objects.exists()


def test_start_here_says_what_the_imports_leave_to_decide(client, editor):
    assert "Imports from feeds" not in client.get("/admin/").content.decode()
    _, upload = _check(client)
    client.post(URL, {"upload": upload.pk, "confirm": "1", "join": "all"})
    Service.objects.filter(name="Online & phone befriending").update(summary="Ours.")
    changed = copy.deepcopy(exampleton_v3())
    changed["contents"][0]["description"] = "<p>Theirs.</p>"
    del changed["contents"][1]
    _, upload = _check(client, changed)
    client.post(URL, {"upload": upload.pk, "confirm": "1", "join": "none"})
    page = client.get("/admin/").content.decode()
    assert "1 officers' edit the feed changed too, to decide" in page
    assert "1 service no longer in its feed still in the statement" in page


def test_every_open_edit_of_a_run_can_be_decided_at_once(client, editor):
    _, upload = _check(client)
    client.post(URL, {"upload": upload.pk, "confirm": "1", "join": "all"})
    Service.objects.filter(name="Online & phone befriending").update(summary="Ours.", cost="Ours")
    changed = copy.deepcopy(exampleton_v3())
    changed["contents"][0]["description"] = "<p>Theirs.</p>"
    changed["contents"][0]["cost_options"] = [{"id": "c", "amount_description": "£1"}]
    _, upload = _check(client, changed)
    client.post(URL, {"upload": upload.pk, "confirm": "1", "join": "none"})
    run = ImportRun.objects.first()
    assert run.conflict_list.count() == 2
    decide = f"/admin/imports/importrun/{run.pk}/decide/"
    assert client.post(decide, {"conflict": "all", "decision": "maybe"}).status_code == 400
    assert client.post(decide, {"conflict": "all", "decision": "feed"}).status_code == 302
    befriending = Service.objects.get(name="Online & phone befriending")
    assert (befriending.summary, befriending.cost) == ("Theirs.", "£1")
    assert not run.conflict_list.filter(decision="").exists()


def test_a_feed_already_in_step_is_not_kept_to_import_nothing(client, editor):
    """Checking a feed keeps its file only while importing it would change something,
    and each officer's newer check replaces their older one."""
    _check(client)
    _check(client)
    assert ImportUpload.objects.count() == 1  # the second check replaced the first
    upload = ImportUpload.objects.get()
    client.post(URL, {"upload": upload.pk, "confirm": "1", "join": "all"})
    page, again = _check(client)
    assert "Importing it would change nothing" in page
    assert "Import these services" not in page
    assert bytes(again.content) == b""
    refused = client.post(URL, {"upload": again.pk, "confirm": "1", "join": "all"})
    assert refused.status_code == 400
