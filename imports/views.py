"""The admin pages that bring the offer in and take it out: the offer spreadsheet (and,
in openreferral_views, an Open Referral UK feed). Each upload is a dry run first: the
officer reads what would be added, changed or is wrong, then confirms."""

import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from .jobs import job_progress, job_start
from .models import ImportJob, ImportUpload
from .openreferral import MAX_BYTES as FEED_MAX_BYTES
from .openreferral import Selection, report_csv
from .spreadsheet.resources import SHEETS
from .spreadsheet.workbook import (
    MAX_BYTES,
    ImportReport,
    offer_csv,
    offer_sheet_names,
    offer_workbook,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# An upload not confirmed within a day is thrown away.
KEEP_UPLOADS = datetime.timedelta(days=1)


def _needs(user: AbstractBaseUser, actions: tuple[str, ...]) -> None:
    """The right to `actions` ('add', 'change', 'view') every sheet of the offer."""
    for _, resource in SHEETS:
        meta = resource._meta.model._meta
        for action in actions:
            if not user.has_perm(f"{meta.app_label}.{action}_{meta.model_name}"):
                raise PermissionDenied("You need the Editor role to import the offer.")


def uploads_tidy() -> None:
    """Uploads not confirmed within a day, and jobs finished a day ago, go."""
    ImportUpload.objects.filter(uploaded_at__lt=timezone.now() - KEEP_UPLOADS).delete()
    ImportJob.objects.filter(started_at__lt=timezone.now() - KEEP_UPLOADS).delete()


def upload_of(request: HttpRequest, source: str) -> ImportUpload | None:
    """The officer's own upload named in the form, if it is still kept."""
    number = request.POST.get("upload", "")
    if not number.isdigit():
        return None
    return ImportUpload.objects.filter(pk=number, uploaded_by=request.user, source=source).first()


def offer_spreadsheet(request: HttpRequest) -> HttpResponse:
    """Download the template or the working copy; upload a filled one for a dry run;
    confirm it."""
    _needs(request.user, ("view",))
    download = request.GET.get("download")
    if download:
        return _download(request, download)

    context = {
        **admin.site.each_context(request),
        "title": "Import or export the offer",
        "sheets": offer_sheet_names(),
        "max_mb": MAX_BYTES // (1024 * 1024),
        "can_import": _can_import(request.user),
    }
    status = 200
    if request.method == "POST":
        _needs(request.user, ("add", "change"))
        job = (
            _confirm(request, context) if "confirm" in request.POST else _dry_run(request, context)
        )
        if isinstance(job, int):
            status = job
        else:
            return _job_followed(request, job, context)
    elif request.GET.get("job"):
        job = _job_of(request, request.GET["job"])
        if job is not None and job.finished:
            return _job_answer(request, job, context)
    return TemplateResponse(request, "admin/imports/offer_spreadsheet.html", context, status=status)


def _can_import(user: AbstractBaseUser) -> bool:
    try:
        _needs(user, ("add", "change"))
    except PermissionDenied:
        return False
    return True


def _download(request: HttpRequest, what: str) -> HttpResponse:
    empty = request.GET.get("empty") == "1"
    stem = "short-breaks-offer-template" if empty else "short-breaks-offer"
    if what == "xlsx":
        response = HttpResponse(offer_workbook(empty=empty), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
        return response
    kind = request.GET.get("kind", "")
    if what == "csv" and kind in offer_sheet_names():
        response = HttpResponse(offer_csv(kind=kind, empty=empty), content_type="text/csv")
        name = kind.lower().replace(" ", "-")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    return HttpResponse(
        "Choose the workbook (xlsx) or one sheet as CSV.", status=400, content_type="text/plain"
    )


def _dry_run(request: HttpRequest, context: dict) -> "int | ImportJob":
    """A check of the uploaded file, started in the background; a status when the
    upload itself is refused."""
    uploads_tidy()
    upload = request.FILES.get("file")
    kind = request.POST.get("kind") or None
    if upload is None:
        context["error"] = "Choose a file to upload."
        return 400
    if kind is not None and kind not in offer_sheet_names():
        context["error"] = "Choose which sheet the CSV file is from the list."
        return 400
    if upload.size > MAX_BYTES:
        context["error"] = (
            f"The file is larger than {context['max_mb']} MB. Split the offer into smaller "
            "files (for example one sheet at a time)."
        )
        return 400
    # One upload kept per officer: a new check replaces the last one waiting.
    ImportUpload.objects.filter(
        uploaded_by=request.user, source=ImportUpload.Source.SPREADSHEET
    ).delete()
    kept = ImportUpload.objects.create(
        source=ImportUpload.Source.SPREADSHEET,
        filename=upload.name[:255],
        kind=kind or "",
        content=upload.read(),
        uploaded_by=request.user,
    )
    return job_start(kind=ImportJob.Kind.SPREADSHEET_CHECK, officer=request.user, upload=kept)


def _confirm(request: HttpRequest, context: dict) -> "int | ImportJob":
    upload = upload_of(request, ImportUpload.Source.SPREADSHEET)
    if upload is None:
        context["error"] = (
            "That upload is no longer here (uploads are kept for a day). Upload the file again."
        )
        return 400
    return job_start(kind=ImportJob.Kind.SPREADSHEET_IMPORT, officer=request.user, upload=upload)


def _job_of(request: HttpRequest, number: str) -> ImportJob | None:
    """The officer's own job, if it is still kept."""
    if not str(number).isdigit():
        return None
    return ImportJob.objects.filter(pk=number, officer=request.user).first()


def _job_followed(request: HttpRequest, job: ImportJob, context: dict) -> HttpResponse:
    """The result at once when the job has finished (run in the request), else its page,
    which refreshes itself until it has."""
    if job.finished:
        return _job_answer(request, job, context)
    return HttpResponseRedirect(reverse("admin:imports_job", args=[job.pk]))


def _job_answer(request: HttpRequest, job: ImportJob, context: dict) -> HttpResponse:
    """What a finished job found or did, on the page it was started from."""
    result = job.result
    spreadsheet = job.kind in (ImportJob.Kind.SPREADSHEET_CHECK, ImportJob.Kind.SPREADSHEET_IMPORT)
    template = (
        "admin/imports/offer_spreadsheet.html" if spreadsheet else "admin/imports/openreferral.html"
    )
    if "message" in result:
        messages.success(request, result["message"])
        if result.get("run"):
            return HttpResponseRedirect(
                reverse("admin:imports_importrun_change", args=[result["run"]])
            )
        return HttpResponseRedirect(reverse("admin:index"))
    status = 200
    if "error" in result:
        context["error"] = result["error"]
        status = 400
    elif spreadsheet:
        report = ImportReport.from_data(result["report"])
        context["report"] = report
        context["nothing_to_import"] = result.get("nothing_to_import", False)
        if result.get("upload"):
            context["upload"] = ImportUpload.objects.filter(pk=result["upload"]).first()
        status = 400 if report.has_problems else 200
    else:
        upload = ImportUpload.objects.filter(pk=result.get("upload"), uploaded_by=request.user)
        upload = upload.first()
        if upload is None:
            context["error"] = (
                "That check is no longer here (they are kept for a day). Start again."
            )
            status = 400
        else:
            context["nothing_to_import"] = result.get("nothing_to_import", False)
            _checked(context, upload, JoinForm(terms=upload.report.get("terms", {})))
    return TemplateResponse(request, template, context, status=status)


def import_job_page(request: HttpRequest, number: int) -> HttpResponse:
    """A background import's page: how far it has got, refreshing itself every two
    seconds (no JavaScript needed); once it has finished, its result."""
    job = _job_of(request, str(number))
    if job is None:
        return TemplateResponse(
            request,
            "admin/imports/job.html",
            {**admin.site.each_context(request), "title": "Import not found", "job": None},
            status=404,
        )
    if job.finished:
        page = (
            "admin:offer_spreadsheet" if "spreadsheet" in job.kind else "admin:offer_openreferral"
        )
        return HttpResponseRedirect(f"{reverse(page)}?job={job.pk}")
    context = {
        **admin.site.each_context(request),
        "title": job.get_kind_display(),
        "job": job,
        "progress": job_progress(job),
    }
    return TemplateResponse(request, "admin/imports/job.html", context)


class JoinForm(forms.Form):
    """Which of a feed's new services join the statement; the rest come in out of it."""

    join = forms.ChoiceField(
        label="Which new services join the statement?",
        choices=[
            ("all", "All of them"),
            ("terms", "Those with any of these categories"),
            ("words", "Those whose name or description holds any of these words"),
            ("none", "None for now: I will choose them in the list of services"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose which new services join the statement."},
    )
    terms = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, label="Categories"
    )
    words = forms.CharField(
        required=False,
        max_length=500,
        label="Words",
        help_text="Separate them with commas, e.g. short break, respite, holiday club.",
    )

    def __init__(self, *args, terms: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["terms"].choices = [
            (term, f"{term} ({count} service{'s' if count != 1 else ''})")
            for term, count in terms.items()
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("join") == "terms" and not cleaned.get("terms"):
            self.add_error("terms", "Choose at least one category.")
        if cleaned.get("join") == "words" and not self.word_list():
            self.add_error("words", "Write at least one word.")
        return cleaned

    def word_list(self) -> list[str]:
        return [w.strip() for w in self.cleaned_data.get("words", "").split(",") if w.strip()]

    def selection(self) -> Selection:
        join = self.cleaned_data["join"]
        return Selection(
            everything=join == "all",
            terms=self.cleaned_data["terms"] if join == "terms" else [],
            words=self.word_list() if join == "words" else [],
        )


def offer_openreferral(request: HttpRequest) -> HttpResponse:
    """An Open Referral UK feed, by its address or as a JSON file: a dry run first, then
    the officer chooses which new services join the statement and confirms."""
    _needs(request.user, ("add", "change"))
    context = {
        **admin.site.each_context(request),
        "title": "Import from an Open Referral UK feed",
        "max_mb": FEED_MAX_BYTES // (1024 * 1024),
        "url": request.POST.get("url", ""),
    }
    if request.method == "GET" and request.GET.get("download") == "report":
        upload = _feed_upload(request, request.GET.get("upload", ""))
        if upload is None:
            return HttpResponse(
                "That check is no longer here (they are kept for a day).",
                status=404,
                content_type="text/plain",
            )
        response = HttpResponse(report_csv(upload.report), content_type="text/csv")
        response["Content-Disposition"] = 'attachment; filename="feed-check.csv"'
        return response
    status = 200
    if request.method == "POST":
        job = (
            _feed_confirm(request, context)
            if "confirm" in request.POST
            else _feed_dry_run(request, context)
        )
        if not isinstance(job, int):
            return _job_followed(request, job, context)
        status = job
    elif request.GET.get("job"):
        job = _job_of(request, request.GET["job"])
        if job is not None and job.finished:
            return _job_answer(request, job, context)
    return TemplateResponse(request, "admin/imports/openreferral.html", context, status=status)


def _feed_upload(request: HttpRequest, number: str) -> ImportUpload | None:
    if not number.isdigit():
        return None
    return ImportUpload.objects.filter(
        pk=number, uploaded_by=request.user, source=ImportUpload.Source.OPENREFERRAL
    ).first()


def _checked(context: dict, upload: ImportUpload, form: "JoinForm") -> None:
    context["report"] = upload.report
    context["upload"] = upload
    context["join_form"] = form
    context["csv_url"] = f"{reverse('admin:offer_openreferral')}?upload={upload.pk}&download=report"


def _feed_dry_run(request: HttpRequest, context: dict) -> "int | ImportJob":
    """A check of the feed (fetched, or the file uploaded), started in the background."""
    uploads_tidy()
    url = request.POST.get("url", "").strip()
    upload = request.FILES.get("file")
    # One check kept per officer: a new one replaces the last one waiting.
    ImportUpload.objects.filter(
        uploaded_by=request.user, source=ImportUpload.Source.OPENREFERRAL
    ).delete()
    if upload is not None:
        if upload.size > FEED_MAX_BYTES:
            context["error"] = (
                f"Nothing was imported. The file is larger than {context['max_mb']} MB."
            )
            return 400
        kept = ImportUpload.objects.create(
            source=ImportUpload.Source.OPENREFERRAL,
            filename=upload.name[:255],
            content=upload.read(),
            uploaded_by=request.user,
        )
        return job_start(kind=ImportJob.Kind.FEED_CHECK, officer=request.user, upload=kept)
    if url:
        return job_start(kind=ImportJob.Kind.FEED_CHECK, officer=request.user, options={"url": url})
    context["error"] = "Give the feed's address, or choose a JSON file."
    return 400


def _feed_confirm(request: HttpRequest, context: dict) -> "int | ImportJob | HttpResponse":
    upload = upload_of(request, ImportUpload.Source.OPENREFERRAL)
    if upload is None or not upload.content:
        context["error"] = "That import is no longer here (they are kept for a day). Start again."
        return 400
    form = JoinForm(request.POST, terms=upload.report.get("terms", {}))
    if not form.is_valid():
        _checked(context, upload, form)
        return 400
    selection = form.selection()
    options = {
        "selection": {
            "everything": selection.everything,
            "terms": selection.terms,
            "words": selection.words,
        }
    }
    return job_start(
        kind=ImportJob.Kind.FEED_IMPORT, officer=request.user, upload=upload, options=options
    )
