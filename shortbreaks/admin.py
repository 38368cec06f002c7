"""The officers' admin site: Django's, plus the pages that span several apps."""

from functools import wraps

from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes import views as contenttype_views
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponsePermanentRedirect,
)
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_POST

from core.prose import prose_html
from editions.selectors import statement_current
from imports.views import import_job_page, offer_openreferral, offer_spreadsheet

from .review_page import due_for_review_view, review_confirm_view
from .start_here import menu_groups, start_here_context
from .two_factor import OfficerLoginForm, must_set_up, two_factor_setup

# The longest text worth previewing: more is refused rather than rendered.
PROSE_PREVIEW_LIMIT = 50_000


@require_POST
def prose_preview(request: HttpRequest) -> HttpResponse:
    """Officers' Markdown as families will read it, for the preview under each text box
    (offer.admin_base.ProseTextarea). Rendered and cleaned as on the public pages."""
    text = request.POST.get("text", "")
    if len(text) > PROSE_PREVIEW_LIMIT:
        return HttpResponseBadRequest(
            f"The text is too long to preview (over {PROSE_PREVIEW_LIMIT:,} characters)."
        )
    html = prose_html(text) or '<p class="app-prose-preview__empty">Nothing written yet.</p>'
    response = HttpResponse(html)
    add_never_cache_headers(response)
    return response


def _editions_moved(request: HttpRequest, rest: str = "") -> HttpResponse:
    return HttpResponsePermanentRedirect(reverse("admin:editions_edition_changelist") + rest)


class OfficerAdminSite(admin.AdminSite):
    site_header = "Short breaks statement: officers"
    site_title = "Short breaks statement"
    index_title = "Start here"
    index_template = "admin/start_here.html"
    login_form = OfficerLoginForm
    login_template = "admin/officer_login.html"

    def has_permission(self, request: HttpRequest) -> bool:
        """Staff may in; with OTP_REQUIRED, only once signed in with a code."""
        if not super().has_permission(request):
            return False
        return not settings.OTP_REQUIRED or request.user.is_verified()

    def login(self, request: HttpRequest, extra_context=None):
        if must_set_up(request):
            return redirect("admin:two_factor")
        extra_context = {**(extra_context or {}), "OTP_REQUIRED": settings.OTP_REQUIRED}
        return super().login(request, extra_context)

    def admin_view(self, view, cacheable=False):
        """Every admin page an officer opens keeps their sign-in for another
        OFFICER_SESSION_HOURS: it ends after that long without using the admin."""
        inner = super().admin_view(view, cacheable)

        @wraps(view)
        def kept_signed_in(request: HttpRequest, *args, **kwargs):
            if request.user.is_authenticated:
                request.session.modified = True
            return inner(request, *args, **kwargs)

        return kept_signed_in

    def get_app_list(self, request: HttpRequest, app_label=None) -> list[dict]:
        """The menu in the order an officer works, with plain names (start_here.MENU);
        one app's own page keeps Django's list."""
        if app_label is not None:
            return super().get_app_list(request, app_label)
        apps = {app["app_label"]: app for app in super().get_app_list(request)}
        return menu_groups(apps, reverse("admin:index"), request.user)

    def index(self, request: HttpRequest, extra_context=None):
        context = {**start_here_context(request.user), **(extra_context or {})}
        return super().index(request, context)

    def view_on_site_checked(self, request: HttpRequest, content_type_id: int, object_id: str):
        """Django's 'view on site' redirect, for officers allowed to view the record's
        kind: to anyone else a record's address (a draft's) says nothing."""
        content_type = ContentType.objects.filter(pk=content_type_id).first()
        model = content_type.model_class() if content_type else None
        if model is None:
            raise Http404("There is no such kind of record.")
        opts = model._meta
        if not request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            raise PermissionDenied
        return contenttype_views.shortcut(request, content_type_id, object_id)

    def published_url(self, record) -> str | None:
        """The public page of a tier, service or provider, if the current edition has
        one at its address: 'View on site' links only to what families can see."""
        current = statement_current()
        if current is None:
            return None
        lookup = getattr(current[1], record.page)
        return record.get_absolute_url() if lookup(record.slug) else None

    def get_urls(self):
        return [
            # Outside admin_view: with OTP_REQUIRED, an officer without an app must reach
            # it before has_permission lets them anywhere else.
            path(
                "two-factor/",
                lambda request: two_factor_setup(request, site=self),
                name="two_factor",
            ),
            path(
                "due-for-review/",
                self.admin_view(due_for_review_view),
                name="due_for_review",
            ),
            path(
                "due-for-review/confirm/<str:token>/",
                self.admin_view(review_confirm_view),
                name="review_confirm",
            ),
            path("prose-preview/", self.admin_view(prose_preview), name="prose_preview"),
            # Before Django's own: "view on site" only for records the officer may see.
            path(
                "r/<int:content_type_id>/<path:object_id>/",
                self.admin_view(self.view_on_site_checked),
                name="view_on_site",
            ),
            # Editions were kept under the working copy's app until they moved to
            # editions/: officers' bookmarks of the old addresses lead to the new ones.
            path("offer/edition/", _editions_moved),
            path("offer/edition/<path:rest>", _editions_moved),
            path(
                "offer-spreadsheet/",
                self.admin_view(offer_spreadsheet),
                name="offer_spreadsheet",
            ),
            path(
                "offer-openreferral/",
                self.admin_view(offer_openreferral),
                name="offer_openreferral",
            ),
            path(
                "imports/job/<int:number>/",
                self.admin_view(import_job_page),
                name="imports_job",
            ),
            *super().get_urls(),
        ]
