"""Imports and their dry runs as background tasks, so no request waits on one: a feed
that takes two minutes to fetch, or a sheet of ten thousand rows, holds a task worker
(`manage.py db_worker`), never a web worker.

Django 6's tasks framework (the django-tasks backport) with its database queue
(django-tasks-db): no new service to run, and PostgreSQL (or SQLite) holds the queue
with everything else. Each run is an ImportJob the officer's page follows: its stage
and result in the database, its progress (a row or a service at a time) in the cache,
since the import's own transaction would hide it from other connections until the end.
TASKS_IMMEDIATE runs them inside the request instead (the development server, tests).
"""

import json
import logging
import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.utils import timezone
from django_tasks import task

from .models import ImportJob, ImportUpload
from .openreferral import FeedProblem, Selection, feed_from_file, feed_from_url, feed_import
from .spreadsheet.workbook import UnreadableFile, offer_import

log = logging.getLogger(__name__)

# Progress is written at most this often (a row at a time would be thousands of writes).
PROGRESS_SECONDS = 0.5


def job_start(*, kind: str, officer, upload: ImportUpload | None = None, options=None) -> ImportJob:
    """A new job, queued (or run at once with TASKS_IMMEDIATE); as it stands after."""
    job = ImportJob.objects.create(kind=kind, officer=officer, upload=upload, options=options or {})
    import_job_run.enqueue(job.pk)
    job.refresh_from_db()
    return job


def job_progress(job: ImportJob) -> dict[str, Any] | None:
    """{'stage', 'done', 'total'} as the running job last said, if it has."""
    return cache.get(_progress_key(job.pk))


def _progress_key(job_id: int) -> str:
    return f"import-job-progress:{job_id}"


def _reporter(job: ImportJob) -> Callable[[str, int, int | None], None]:
    last = [0.0]

    def report(stage: str, done: int, total: int | None) -> None:
        now = time.monotonic()
        if now - last[0] < PROGRESS_SECONDS and (total is None or done < total):
            return
        last[0] = now
        cache.set(
            _progress_key(job.pk), {"stage": stage, "done": done, "total": total}, timeout=3600
        )

    return report


@task()
def import_job_run(job_id: int) -> None:
    """Run job `job_id` to its end, whatever happens: a failure is the job's result, shown
    to the officer, never an unfinished job."""
    job = ImportJob.objects.select_related("upload", "officer").get(pk=job_id)
    job.state = ImportJob.State.RUNNING
    job.save(update_fields=["state"])
    try:
        result = _RUNS[job.kind](job, _reporter(job))
    except Exception:
        log.exception("Import job %s failed", job.pk)
        job.state = ImportJob.State.FAILED
        job.result = {
            "error": "Something went wrong while importing, and nothing was saved. Try "
            "again; if it happens again, tell the site's support team."
        }
    else:
        job.state = ImportJob.State.DONE
        job.result = result
    job.finished_at = timezone.now()
    if job.upload is not None and job.upload.pk is None:
        job.upload = None  # the run let its file go (nothing to confirm)
    job.save(update_fields=["state", "result", "finished_at", "upload"])
    cache.delete(_progress_key(job.pk))


def _spreadsheet_check(job: ImportJob, progress) -> dict[str, Any]:
    upload = job.upload
    try:
        report = offer_import(
            content=bytes(upload.content),
            filename=upload.filename,
            dry_run=True,
            by=job.officer,
            kind=upload.kind or None,
            progress=progress,
        )
    except UnreadableFile as error:
        upload.delete()
        return {"error": str(error)}
    added, changed, _ = report.counts
    # Kept only while it awaits the officer's confirmation.
    keep = not report.has_problems and bool(added or changed)
    if not keep:
        upload.delete()
    return {
        "report": report.as_data(),
        "upload": upload.pk if keep else None,
        "nothing_to_import": not report.has_problems and not (added or changed),
    }


def _spreadsheet_import(job: ImportJob, progress) -> dict[str, Any]:
    upload = job.upload
    report = offer_import(
        content=bytes(upload.content),
        filename=upload.filename,
        dry_run=False,
        by=job.officer,
        kind=upload.kind or None,
        progress=progress,
    )
    if report.has_problems:  # the working copy changed since the dry run
        return {"report": report.as_data()}
    upload.delete()
    added, changed, _ = report.counts
    return {
        "message": f"Imported {upload.filename}: {added} added and {changed} changed in the "
        "working copy. Preview it, then publish when it is ready."
    }


def _feed_check(job: ImportJob, progress) -> dict[str, Any]:
    try:
        if job.upload is not None:
            name = job.upload.filename
            services = feed_from_file(bytes(job.upload.content), name=name)
        else:
            name = job.options["url"]
            services = feed_from_url(name, progress=progress)
    except FeedProblem as problem:
        if job.upload is not None:
            job.upload.delete()
        return {"error": f"Nothing was imported. {problem}"}
    report = feed_import(
        services=services, dry_run=True, by=job.officer, source=name, progress=progress
    )
    nothing = not (report.added or report.changed or report.left)
    # Kept while it awaits confirmation: the feed as read (a fetched one as JSON), and
    # what the check found; nothing of it when importing would change nothing.
    kept = job.upload or ImportUpload(
        source=ImportUpload.Source.OPENREFERRAL, filename=name[:255], uploaded_by=job.officer
    )
    if job.upload is None:
        kept.content = json.dumps(services).encode()
    if nothing:
        kept.content = b""
    kept.report = report.as_data()
    kept.save()
    return {"upload": kept.pk, "nothing_to_import": nothing}


def _feed_import(job: ImportJob, progress) -> dict[str, Any]:
    upload = job.upload
    services = feed_from_file(bytes(upload.content), name=upload.filename)
    selection = Selection(**job.options["selection"])
    report = feed_import(
        services=services,
        dry_run=False,
        by=job.officer,
        source=upload.filename,
        selection=selection,
        progress=progress,
    )
    upload.delete()
    return {
        "run": report.run_id,
        "message": f"Imported {upload.filename}: {len(report.added)} new services "
        f"({report.joining} in the statement), {len(report.changed)} changed, "
        f"{len(report.unchanged)} unchanged"
        + (f", {len(report.conflicts)} officers' edits kept" if report.conflicts else "")
        + (f", {len(report.left)} no longer in the feed" if report.left else "")
        + ". This page lists what needs deciding; then give services a level and preview.",
    }


_RUNS = {
    ImportJob.Kind.SPREADSHEET_CHECK: _spreadsheet_check,
    ImportJob.Kind.SPREADSHEET_IMPORT: _spreadsheet_import,
    ImportJob.Kind.FEED_CHECK: _feed_check,
    ImportJob.Kind.FEED_IMPORT: _feed_import,
}
