"""Import history: each run of a feed, what it did, and the decisions it leaves the
officer (officers' edits kept against the feed's new values; services that left the
feed). Nobody adds or edits a run."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from offer.history import history_record
from offer.models import RecordChange, Service

from .models import ImportConflict, ImportRun
from .openreferral import report_csv
from .sync import conflict_decide


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ["run_at", "source", "run_by", "added", "changed", "unchanged", "left",
                    "open_conflicts"]  # fmt: skip
    list_filter = ["source"]
    search_fields = ["source"]
    date_hierarchy = "run_at"
    list_select_related = ["run_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    @admin.display(description="Edits to decide")
    def open_conflicts(self, run: ImportRun) -> int:
        return run.conflict_list.filter(decision=ImportConflict.Decision.OPEN).count()

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/report.csv", view(self.report_download), name="imports_importrun_csv"),
            path("<int:pk>/decide/", view(self.decide), name="imports_importrun_decide"),
            path("<int:pk>/withdraw/", view(self.withdraw), name="imports_importrun_withdraw"),
            *super().get_urls(),
        ]

    def _run(self, request: HttpRequest, pk: int) -> ImportRun:
        if not self.has_view_permission(request):
            raise PermissionDenied
        run = ImportRun.objects.filter(pk=pk).select_related("run_by").first()
        if run is None:
            raise Http404("There is no such import.")
        return run

    def change_view(self, request: HttpRequest, object_id: str, form_url="", extra_context=None):
        if not str(object_id).isdigit():
            raise Http404("There is no such import.")
        run = self._run(request, int(object_id))
        report = run.report or {}
        left_ids = [item["id"] for item in report.get("left", [])]
        still_in = Service.objects.in_statement().filter(pk__in=left_ids)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Import of {run.source}",
            "opts": self.model._meta,
            "run": run,
            "report": report,
            "open_conflicts": run.conflict_list.filter(decision=ImportConflict.Decision.OPEN),
            "decided_conflicts": run.conflict_list.exclude(
                decision=ImportConflict.Decision.OPEN
            ).select_related("decided_by"),
            "left_in_statement": still_in.order_by("name"),
            "can_change": request.user.has_perm("offer.change_service"),
        }
        return TemplateResponse(request, "admin/imports/importrun_detail.html", context)

    def report_download(self, request: HttpRequest, pk: int) -> HttpResponse:
        run = self._run(request, pk)
        response = HttpResponse(report_csv(run.report or {}), content_type="text/csv")
        name = slugify(run.source.rsplit("/", 1)[-1])[:40] or "feed"
        stamp = run.run_at.strftime("%Y-%m-%d")
        response["Content-Disposition"] = f'attachment; filename="import-{name}-{stamp}.csv"'
        return response

    def decide(self, request: HttpRequest, pk: int) -> HttpResponse:
        """One conflict: 'use the feed's value' or 'keep ours'."""
        return require_POST(self._decide)(request, pk)

    def _decide(self, request: HttpRequest, pk: int) -> HttpResponse:
        run = self._run(request, pk)
        number = request.POST.get("conflict", "")
        choice = request.POST.get("decision", "")
        if number == "all":
            return self._decide_all(request, run, choice)
        conflict = (
            run.conflict_list.select_related("record__content_type").filter(pk=number).first()
            if number.isdigit()
            else None
        )
        if conflict is None or choice not in ("feed", "kept"):
            return self._back(request, run, "Choose one of the listed edits, and a decision.", 400)
        model = conflict.record.content_type
        if not request.user.has_perm(f"{model.app_label}.change_{model.model}"):
            raise PermissionDenied
        if not conflict_decide(conflict=conflict, take_feed=choice == "feed", by=request.user):
            return self._back(
                request, run, "That edit was decided already, or its record is gone.", 400
            )
        done = "Took the feed's value" if choice == "feed" else "Kept the officer's value"
        messages.success(request, f"{done} for {conflict.record_name}: {conflict.label}.")
        return HttpResponseRedirect(self._url(run) + "#conflicts")

    def _decide_all(self, request: HttpRequest, run: ImportRun, choice: str) -> HttpResponse:
        """Every open edit of this run decided the same way (after the first import of a
        directory brought in before runs were kept, say), each record as the officer may."""
        if choice not in ("feed", "kept"):
            return self._back(request, run, "Choose a decision.", 400)
        decided = 0
        for conflict in run.conflict_list.filter(
            decision=ImportConflict.Decision.OPEN
        ).select_related("record__content_type"):
            model = conflict.record.content_type
            if request.user.has_perm(f"{model.app_label}.change_{model.model}"):
                decided += conflict_decide(
                    conflict=conflict, take_feed=choice == "feed", by=request.user
                )
        done = "Took the feed's value" if choice == "feed" else "Kept the officer's value"
        messages.success(request, f"{done} for {decided} edit{'s' if decided != 1 else ''}.")
        return HttpResponseRedirect(self._url(run) + "#conflicts")

    def withdraw(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Services that left the feed, taken out of the statement (never deleted)."""
        return require_POST(self._withdraw)(request, pk)

    def _withdraw(self, request: HttpRequest, pk: int) -> HttpResponse:
        run = self._run(request, pk)
        if not request.user.has_perm("offer.change_service"):
            raise PermissionDenied
        left = {item["id"] for item in (run.report or {}).get("left", [])}
        chosen = {int(v) for v in request.POST.getlist("service") if v.isdigit()} & left
        if not chosen:
            return self._back(
                request, run, "Choose the services to take out of the statement.", 400
            )
        services = Service.objects.in_statement().filter(pk__in=chosen)
        names = []
        for service in services:
            service.include_in_statement = False
            service.save()
            history_record(
                record=service,
                action=RecordChange.Action.CHANGED,
                by=request.user,
                fields=[{"field": "Include in statement", "old": "Yes", "new": "No"}],
                reason=f"No longer in the feed {run.source}",
            )
            names.append(service.name)
        messages.success(
            request,
            f"Taken out of the statement (kept in the working copy): {', '.join(names)}.",
        )
        return HttpResponseRedirect(self._url(run) + "#left")

    def _url(self, run: ImportRun) -> str:
        return reverse("admin:imports_importrun_change", args=[run.pk])

    def _back(self, request, run: ImportRun, message: str, status: int) -> HttpResponse:
        messages.error(request, message)
        response = self.change_view(request, str(run.pk))
        response.status_code = status
        return response
