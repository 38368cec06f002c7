"""'Due for review': what officers must check soon, and marking it reviewed."""

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone

from core.listing import listing_filter, listing_page
from editions.selectors import statement_review_due
from offer.admin_base import mark_reviewed_and_report
from offer.links import change_url
from offer.reviews import review_items_due, reviewed_models


def due_for_review_view(request: HttpRequest) -> HttpResponse:
    """Services, providers and contacts overdue or due for their check soon, with the
    statement's own review date; officers tick items to mark them reviewed."""
    if not any(
        request.user.has_perm(f"{m._meta.app_label}.view_{m._meta.model_name}")
        for m in reviewed_models()
    ):
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        if mark_reviewed_and_report(request, request.POST.getlist("item")):
            return HttpResponseRedirect(request.get_full_path())
        status = 400  # the list again, with what was wrong; nothing was changed

    today = timezone.localdate()
    show = listing_filter(request, filters=_DUE_FILTERS, default="all")
    if show is None:
        show, status = "all", 400
    items = review_items_due(today=today, owner=request.user if show == "mine" else None)
    if show == "unowned":
        items = [item for item in items if item.record.owner_id is None]
    # A page at a time: a large offer can have thousands due at once.
    page = listing_page(request, items, per_page=DUE_PER_PAGE, what="items due for review")
    context = {
        **admin.site.each_context(request),
        "title": "Due for review",
        "items": [{"item": item, "url": change_url(item.record)} for item in page.object_list],
        "page": page,
        "show": show,
        "filters": _DUE_FILTERS,
        "statement_due": statement_review_due(today=today),
        "today": today,
        "warning_days": settings.REVIEW_WARNING_DAYS,
    }
    return TemplateResponse(request, "admin/due_for_review.html", context, status=status)


DUE_PER_PAGE = 100

_DUE_FILTERS = {"all": "Everyone's", "mine": "Mine", "unowned": "No owner"}
