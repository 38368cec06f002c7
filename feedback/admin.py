"""Officers read feedback grouped by page, and download it as CSV. Nobody edits it."""

import csv
from urllib.parse import urlencode

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils import timezone

from core.cells import spreadsheet_safe

from .choices import ReportOutcome
from .models import PageFeedback, ServiceReport
from .services import service_report_close

CSV_COLUMNS = ["created_at", "path", "edition_version", "useful", "comment"]


def feedback_csv(queryset: QuerySet) -> HttpResponse:
    """The feedback as a CSV file a spreadsheet opens."""
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="page-feedback-{stamp}.csv"'
    writer = csv.writer(response)
    writer.writerow(["When", "Page", "Edition", "Useful", "Comment"])
    for item in queryset.order_by("-created_at"):
        writer.writerow(
            [
                timezone.localtime(item.created_at).strftime("%Y-%m-%d %H:%M"),
                item.path,
                item.edition_version or "",
                "Yes" if item.useful else "No",
                spreadsheet_safe(item.comment),
            ]
        )
    return response


@admin.register(PageFeedback)
class PageFeedbackAdmin(admin.ModelAdmin):
    list_display = ["created_at", "path", "useful", "comment", "edition_version"]
    list_filter = ["useful", "edition_version"]
    search_fields = ["path", "comment"]
    date_hierarchy = "created_at"
    actions = ["download_csv"]
    change_list_template = "admin/feedback/pagefeedback/change_list.html"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_urls(self):
        extra = [
            path(
                "csv/",
                self.admin_site.admin_view(self.csv_view),
                name="feedback_pagefeedback_csv",
            )
        ]
        return extra + super().get_urls()

    def csv_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        return feedback_csv(self.get_queryset(request))

    @admin.action(description="Download selected feedback as CSV")
    def download_csv(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse:
        return feedback_csv(queryset)

    def changelist_view(self, request: HttpRequest, extra_context=None):
        by_page = (
            PageFeedback.objects.values("path")
            .annotate(
                total=Count("pk"),
                yes=Count("pk", filter=Q(useful=True)),
                no=Count("pk", filter=Q(useful=False)),
                comments=Count("pk", filter=~Q(comment="")),
            )
            .order_by("-total", "path")
        )
        changelist = reverse("admin:feedback_pagefeedback_changelist")
        context = {
            "by_page": [
                {**row, "url": f"{changelist}?{urlencode({'path__exact': row['path']})}"}
                for row in by_page
            ],
            "csv_url": reverse("admin:feedback_pagefeedback_csv"),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context=context)


class ReportStateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("open", "Open"), ("closed", "Closed")]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.filter(closed_at__isnull=True)
        if self.value() == "closed":
            return queryset.filter(closed_at__isnull=False)
        return queryset


@admin.register(ServiceReport)
class ServiceReportAdmin(admin.ModelAdmin):
    """Problems families reported: read each, put the working copy right if it is wrong,
    then close it with what was done. The report itself is never edited."""

    list_display = ["service_name", "topic", "created_at", "is_open_shown", "outcome"]
    list_filter = [ReportStateFilter, "topic", "outcome"]
    search_fields = ["service_name", "words"]
    date_hierarchy = "created_at"
    fields = [
        "service_link",
        "topic",
        "words",
        "wants_reply",
        "path",
        "edition_version",
        "created_at",
        "outcome",
        "outcome_note",
        "closed_by",
        "closed_at",
    ]

    @admin.display(description="open", boolean=True)
    def is_open_shown(self, report: ServiceReport) -> bool:
        return report.is_open

    @admin.display(description="service")
    def service_link(self, report: ServiceReport) -> str:
        from django.utils.html import format_html

        if report.service_id is None:
            return f"{report.service_name} (no longer in the working copy)"
        url = reverse("admin:offer_service_change", args=[report.service_id])
        return format_html('<a href="{}">{}</a>', url, report.service_name)

    @admin.display(description="reply")
    def wants_reply(self, report: ServiceReport) -> str:
        if report.reply_email:
            return f"They would like a reply: {report.reply_email}"
        return "No reply asked for" if report.is_open else "None kept"

    def get_readonly_fields(self, request, obj=None):
        done = obj is not None and not obj.is_open
        editable = set() if done else {"outcome", "outcome_note"}
        return [name for name in self.fields if name not in editable]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def save_model(self, request, obj: ServiceReport, form, change) -> None:
        if obj.is_open and obj.outcome in ReportOutcome.values:
            service_report_close(
                report=obj, by=request.user, outcome=obj.outcome, note=obj.outcome_note
            )
        else:
            super().save_model(request, obj, form, change)
