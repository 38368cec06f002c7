"""Editions in the admin: read-only, and 'adding' one means publishing the working
copy, on a page that lists what must be put right first and what families will see
change."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from core.listing import listing_filter, listing_page
from offer.roles import PUBLISH_PERMISSION

from .cache import gc_paused
from .coverage import statutory_coverage
from .forms import PublishForm
from .models import Edition
from .publishing import (
    PublishNotAllowed,
    PublishRefused,
    edition_dates_stated,
    edition_default_label,
    edition_publish,
    problems_listed,
    publish_not_allowed_message,
    statement_problems,
    statement_warnings,
)
from .reading import reading_age_target, reading_by_page, reading_pages, reading_to_work_on
from .selectors import edition_current, working_copy_changes, working_copy_statement

# Up to this many changes are listed on the publish page; past it, a summary and a link.
CHANGES_LISTED = 30
# Up to this many pages' reading ages are on the publish page; past it, on a page of
# their own (measuring thousands of pages need not hold up a publish), this many a page.
READING_ON_PUBLISH_PAGE = 100
READING_PER_PAGE = 100
_READING_FILTERS = {
    "to-work-on": "Above the target or with long sentences",
    "all": "Every page",
}


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    """Editions are read-only; 'adding' one means publishing the working copy."""

    list_display = ["version", "label", "published_at", "published_by", "next_review"]
    list_display_links = ["version", "label"]
    list_select_related = ["published_by"]
    fields = [
        "version",
        "label",
        "published_at",
        "published_by",
        "reviewed",
        "next_review",
        "schema_version",
        "contents",
    ]
    readonly_fields = fields

    @admin.display(description="Reviewed", ordering="reviewed_on")
    def reviewed(self, edition: Edition) -> str:
        return edition.reviewed_on_text

    @admin.display(description="Next review due", ordering="next_review_due")
    def next_review(self, edition: Edition) -> str:
        return edition.next_review_due_text

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="What it holds")
    def contents(self, edition: Edition) -> str:
        snapshot = edition.snapshot_read()
        return ", ".join(
            f"{len(getattr(snapshot, key))} {key.replace('_', ' ')}"
            for key in (
                "tiers",
                "services",
                "eligibility_rules",
                "referral_routes",
                "providers",
                "contacts",
            )
        )

    def has_add_permission(self, request) -> bool:
        return False  # an edition is published (publish_view), never typed in

    def add_view(self, request: HttpRequest, form_url="", extra_context=None) -> HttpResponse:
        """The old address of the publish page, kept for officers' bookmarks."""
        return HttpResponseRedirect(reverse("admin:editions_edition_publish"))

    def publish_view(self, request: HttpRequest) -> HttpResponse:
        """Publish a new edition: what must be put right first, what families would trip
        over, what they will see change, the statutory coverage and reading ages; then
        the label and dates, and the publish itself."""
        if not request.user.has_perm(PUBLISH_PERMISSION):
            if not self.has_view_permission(request):
                raise PermissionDenied
            context = {
                **self.admin_site.each_context(request),
                "title": "You cannot publish",
                "opts": self.opts,
                "message": publish_not_allowed_message(request.user),
            }
            return TemplateResponse(
                request, "admin/editions/edition/publish_denied.html", context, status=403
            )
        today = timezone.localdate()
        if request.method == "POST":
            form = PublishForm(request.POST)
            if form.is_valid():
                try:
                    edition = edition_publish(
                        label=form.cleaned_data["label"],
                        reviewed_on=form.cleaned_data["reviewed_on"],
                        reviewed_on_shown_as=form.cleaned_data["reviewed_on_shown_as"],
                        next_review_due=form.cleaned_data["next_review_due"],
                        next_review_due_shown_as=form.cleaned_data["next_review_due_shown_as"],
                        published_by=request.user,
                        expected_digest=form.cleaned_data["working_copy"],
                    )
                except PublishNotAllowed as denied:  # permissions changed mid-visit
                    form.add_error(None, str(denied))
                except PublishRefused as refused:
                    for problem in refused.problems:
                        form.add_error(None, problem.message)
                else:
                    self.message_user(
                        request,
                        f"Published edition {edition.version} ({edition.label}). "
                        "Families now see it on the public pages.",
                        messages.SUCCESS,
                    )
                    return HttpResponseRedirect(reverse("admin:editions_edition_changelist"))
        else:
            # The dates the statement itself gives, if any; none is assumed.
            initial = {"label": edition_default_label(on=today), **edition_dates_stated()}
            form = PublishForm(initial=initial)
        with gc_paused():  # the working copy read and compared: many objects, short-lived
            problems = problems_listed(statement_problems())
            warnings = problems_listed(statement_warnings())
            report, digest, working_copy = working_copy_changes()
            pages = reading_pages(statement=working_copy)
        reading_here = len(pages) <= READING_ON_PUBLISH_PAGE
        context = {
            **self.admin_site.each_context(request),
            "title": "Publish a new edition",
            "opts": self.opts,
            "form": form,
            "problems": problems,
            "warnings": warnings,
            "current": edition_current(),
            "report": report,
            # A long list of changes (a spreadsheet import, say) is summed up: the whole
            # list on request, so the page stays quick to open and to read.
            "changes_count": len(report.entries),
            "all_changes": len(report.entries) <= CHANGES_LISTED or "changes" in request.GET,
            "working_copy": digest,
            "coverage": statutory_coverage(working_copy),
            "reading": reading_by_page(pages=pages) if reading_here else None,
            "reading_url": None if reading_here else reverse("admin:editions_edition_reading"),
            "reading_count": len(pages),
            "reading_target": reading_age_target(),
        }
        return TemplateResponse(request, "admin/editions/edition/publish.html", context)

    def get_urls(self):
        return [
            path(
                "publish/",
                self.admin_site.admin_view(self.publish_view),
                name="editions_edition_publish",
            ),
            path(
                "reading/",
                self.admin_site.admin_view(self.reading_view),
                name="editions_edition_reading",
            ),
            *super().get_urls(),
        ]

    def reading_view(self, request: HttpRequest) -> HttpResponse:
        """The reading age of each page of the working copy, those to work on first."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        status = 200
        show = listing_filter(request, filters=_READING_FILTERS, default="to-work-on")
        if show is None:
            show, status = "to-work-on", 400
        target = reading_age_target()
        # Hundreds of thousands of objects at 10,000 services, freed when it is done.
        with gc_paused():
            readings = reading_by_page(pages=reading_pages(statement=working_copy_statement()))
        listed = readings if show == "all" else reading_to_work_on(readings, target=target)
        page = listing_page(request, listed, per_page=READING_PER_PAGE, what="reading ages")
        context = {
            **self.admin_site.each_context(request),
            "title": "Reading age of each page",
            "opts": self.opts,
            "page": page,
            "pages_count": len(readings),
            "show": show,
            "filters": _READING_FILTERS,
            "reading": page.object_list,
            "reading_target": target,
            "reading_none": (
                "No page is above the target or has sentences over 25 words." if readings else None
            ),
        }
        return TemplateResponse(
            request, "admin/editions/edition/reading.html", context, status=status
        )
