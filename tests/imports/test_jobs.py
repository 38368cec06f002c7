"""Imports in the background (imports/jobs.py): with the database queue, the upload's
request only queues the check; the officer's page follows it, refreshing itself, until
the worker (`manage.py db_worker`) has run it; then the result, as before. Nobody else
sees the job, and a job that fails says so."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from imports.jobs import _reporter, job_start
from imports.models import ImportJob, ImportUpload
from imports.spreadsheet.workbook import offer_import
from offer.models import Service
from tests.factories import UserFactory
from tests.imports.test_spreadsheet import A_SMALL_OFFER, filled_template

pytestmark = pytest.mark.django_db

QUEUED = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _upload(client):
    workbook = SimpleUploadedFile("offer.xlsx", filled_template(A_SMALL_OFFER))
    return client.post("/admin/offer-spreadsheet/", {"file": workbook})


# The worker closes and reopens its connection as it wakes, as in production: that
# needs committed data, not a test's transaction.
@pytest.mark.django_db(transaction=True)
def test_an_upload_only_queues_its_check_and_the_page_follows_it_to_the_result(
    admin_client, settings
):
    settings.TASKS = QUEUED
    response = _upload(admin_client)
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/imports/job/{job.pk}/"
    assert job.state == ImportJob.State.QUEUED
    page = admin_client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert '<meta http-equiv="refresh" content="2">' in html
    assert "Checking a spreadsheet: waiting to start" in html

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    job.refresh_from_db()
    assert job.state == ImportJob.State.DONE
    done = admin_client.get(f"/admin/imports/job/{job.pk}/")
    assert done.status_code == 302 and done["Location"] == f"/admin/offer-spreadsheet/?job={job.pk}"
    result = admin_client.get(done["Location"]).content.decode()
    assert "Saturday club" in result and "Import these changes" in result
    assert not Service.objects.exists()  # a check saves nothing

    # Confirmed: queued again, run, then the working copy has it.
    upload = ImportUpload.objects.get()
    confirm = admin_client.post("/admin/offer-spreadsheet/", {"upload": upload.pk, "confirm": "1"})
    assert confirm.status_code == 302 and "/admin/imports/job/" in confirm["Location"]
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    finished = admin_client.get(confirm["Location"], follow=True)
    assert "Imported offer.xlsx: " in finished.content.decode()
    assert Service.objects.filter(name="Saturday club").exists()


def test_the_page_says_how_far_the_check_has_got(admin_client, settings):
    settings.TASKS = QUEUED
    _upload(admin_client)
    job = ImportJob.objects.get()
    report = _reporter(job)
    report("Checking the Services sheet", 120, 1000)
    html = admin_client.get(f"/admin/imports/job/{job.pk}/").content.decode()
    assert "Checking the Services sheet: 120 of 1000." in html
    assert '<progress max="1000" value="120">' in html


def test_a_check_hears_how_far_it_has_got_a_row_at_a_time():
    heard = []
    offer_import(
        content=filled_template(A_SMALL_OFFER),
        filename="offer.xlsx",
        dry_run=True,
        progress=lambda stage, done, total: heard.append((stage, done, total)),
    )
    total = heard[-1][2]
    assert total >= 6
    assert [done for _, done, _ in heard] == list(range(1, total + 1))
    assert heard[-1][0] == "Checking the Services sheet"


def test_another_officers_job_is_not_found(client, admin_user, settings):
    settings.TASKS = QUEUED
    upload = ImportUpload.objects.create(
        source=ImportUpload.Source.SPREADSHEET, filename="x.xlsx", content=b"x",
        uploaded_by=admin_user,
    )  # fmt: skip
    job = job_start(kind=ImportJob.Kind.SPREADSHEET_CHECK, officer=admin_user, upload=upload)
    other = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(other)
    response = client.get(f"/admin/imports/job/{job.pk}/")
    assert response.status_code == 404
    assert client.get(f"/admin/offer-spreadsheet/?job={job.pk}").status_code == 200


def test_a_job_that_fails_says_so_and_saves_nothing(admin_client, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("imports.jobs.offer_import", broken)
    response = _upload(admin_client)
    assert response.status_code == 400
    assert "Something went wrong while importing, and nothing was saved" in (
        response.content.decode()
    )
    assert ImportJob.objects.get().state == ImportJob.State.FAILED
    cache.clear()
