"""The admin pages that bring the offer in and take it out: the offer spreadsheet (and,
in openreferral_views, an Open Referral UK feed). Each upload is a dry run first: the
officer reads what would be added, changed or is wrong, then confirms."""

import datetime
import json

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from .models import ImportUpload
from .openreferral import MAX_BYTES as FEED_MAX_BYTES
from .openreferral import (
    FeedProblem,
    Selection,
    feed_from_file,
    feed_from_url,
    feed_import,
    report_csv,
)
from .spreadsheet.resources import SHEETS
from .spreadsheet.workbook import (
    MAX_BYTES,
    UnreadableFile,
    offer_csv,
    offer_import,
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
    ImportUpload.objects.filter(uploaded_at__lt=timezone.now() - KEEP_UPLOADS).delete()


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
        if "confirm" in request.POST:
            return _confirm(request, context)
        status = _dry_run(request, context)
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


def _dry_run(request: HttpRequest, context: dict) -> int:
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
    content = upload.read()
    try:
        report = offer_import(
            content=content, filename=upload.name, dry_run=True, by=request.user, kind=kind
        )
    except UnreadableFile as error:
        context["error"] = str(error)
        return 400
    context["report"] = report
    # One upload kept per officer, and only while it awaits their confirmation: none when
    # it has problems to put right, or when importing it would change nothing.
    ImportUpload.objects.filter(
        uploaded_by=request.user, source=ImportUpload.Source.SPREADSHEET
    ).delete()
    added, changed, _ = report.counts
    context["nothing_to_import"] = not report.has_problems and not (added or changed)
    if not report.has_problems and (added or changed):
        context["upload"] = ImportUpload.objects.create(
            source=ImportUpload.Source.SPREADSHEET,
            filename=upload.name[:255],
            kind=kind or "",
            content=content,
            uploaded_by=request.user,
        )
    return 200 if not report.has_problems else 400


def _confirm(request: HttpRequest, context: dict) -> HttpResponse:
    upload = upload_of(request, ImportUpload.Source.SPREADSHEET)
    if upload is None:
        context["error"] = (
            "That upload is no longer here (uploads are kept for a day). Upload the file again."
        )
        return TemplateResponse(
            request, "admin/imports/offer_spreadsheet.html", context, status=400
        )
    report = offer_import(
        content=bytes(upload.content),
        filename=upload.filename,
        dry_run=False,
        by=request.user,
        kind=upload.kind or None,
    )
    if report.has_problems:  # the working copy changed since the dry run
        context["report"] = report
        return TemplateResponse(
            request, "admin/imports/offer_spreadsheet.html", context, status=400
        )
    upload.delete()
    added, changed, _ = report.counts
    messages.success(
        request,
        f"Imported {upload.filename}: {added} added and {changed} changed in the working "
        "copy. Preview it, then publish when it is ready.",
    )
    return HttpResponseRedirect(reverse("admin:index"))


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
        if "confirm" in request.POST:
            return _feed_confirm(request, context)
        status = _feed_dry_run(request, context)
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


def _feed_dry_run(request: HttpRequest, context: dict) -> int:
    uploads_tidy()
    url = request.POST.get("url", "").strip()
    upload = request.FILES.get("file")
    try:
        if upload is not None:
            if upload.size > FEED_MAX_BYTES:
                raise FeedProblem(f"The file is larger than {context['max_mb']} MB.")
            content = upload.read()
            name = upload.name
            services = feed_from_file(content, name=name)
        elif url:
            services = feed_from_url(url)
            content, name = json.dumps(services).encode(), url
        else:
            context["error"] = "Give the feed's address, or choose a JSON file."
            return 400
    except FeedProblem as problem:
        context["error"] = f"Nothing was imported. {problem}"
        return 400
    report = feed_import(services=services, dry_run=True, by=request.user, source=name)
    # One dry run kept per officer, and its file only if importing it would change
    # something: a feed already in step is not kept for a day to import nothing.
    ImportUpload.objects.filter(
        uploaded_by=request.user, source=ImportUpload.Source.OPENREFERRAL
    ).delete()
    context["nothing_to_import"] = not (report.added or report.changed or report.left)
    kept = ImportUpload.objects.create(
        source=ImportUpload.Source.OPENREFERRAL,
        filename=name[:255],
        content=b"" if context["nothing_to_import"] else content,
        uploaded_by=request.user,
        report=report.as_data(),
    )
    _checked(context, kept, JoinForm(terms=report.terms))
    return 200


def _feed_confirm(request: HttpRequest, context: dict) -> HttpResponse:
    upload = upload_of(request, ImportUpload.Source.OPENREFERRAL)
    if upload is None or not upload.content:
        context["error"] = "That import is no longer here (they are kept for a day). Start again."
        return TemplateResponse(request, "admin/imports/openreferral.html", context, status=400)
    form = JoinForm(request.POST, terms=upload.report.get("terms", {}))
    if not form.is_valid():
        _checked(context, upload, form)
        return TemplateResponse(request, "admin/imports/openreferral.html", context, status=400)
    services = feed_from_file(bytes(upload.content), name=upload.filename)
    report = feed_import(
        services=services,
        dry_run=False,
        by=request.user,
        source=upload.filename,
        selection=form.selection(),
    )
    upload.delete()
    messages.success(
        request,
        f"Imported {upload.filename}: {len(report.added)} new services ({report.joining} in "
        f"the statement), {len(report.changed)} changed, {len(report.unchanged)} unchanged"
        + (f", {len(report.conflicts)} officers' edits kept" if report.conflicts else "")
        + (f", {len(report.left)} no longer in the feed" if report.left else "")
        + ". This page lists what needs deciding; then give services a level and preview.",
    )
    return HttpResponseRedirect(reverse("admin:imports_importrun_change", args=[report.run_id]))
