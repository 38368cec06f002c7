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

from .models import PageFeedback

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
