"""'Due for review': what officers must check soon, and marking it reviewed."""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from core.listing import listing_filter, listing_page
from editions.selectors import statement_review_due
from offer.admin_base import mark_reviewed_and_report
from offer.links import change_url
from offer.models import Service
from offer.reviews import (
    NotReviewable,
    records_mark_reviewed,
    reminders_last_sent,
    review_confirm_read,
    review_items_due,
    reviewed_models,
)
from proposals.selectors import providers_asked


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
    asked = reminders_last_sent(
        owners={item.record.owner_id for item in page.object_list if item.record.owner_id}
    )
    providers = providers_asked(
        services=[i.record.pk for i in page.object_list if isinstance(i.record, Service)]
    )
    context = {
        **admin.site.each_context(request),
        "title": "Due for review",
        "items": [
            {
                "item": item,
                "url": change_url(item.record),
                # Who was asked to check it, and when: the owner's last reminder.
                "asked_on": asked.get(item.record.owner_id),
                # and its provider's staff, for a service: (day, their names)
                "provider_asked": providers.get(item.record.pk)
                if isinstance(item.record, Service)
                else None,
            }
            for item in page.object_list
        ],
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


def review_confirm_view(request: HttpRequest, token: str) -> HttpResponse:
    """A reminder email's "still correct" link: the record and a button that marks it
    reviewed today (a change is never made by following a link), or a plain message if
    the link has expired, was changed, or was sent to another officer."""
    found = review_confirm_read(token)
    context = {**admin.site.each_context(request), "title": "Is it still correct?"}
    if found is None:
        context["problem"] = (
            "This link has expired or is not whole. Mark the item reviewed on Due for review."
        )
        return TemplateResponse(request, "admin/review_confirm.html", context, status=400)
    key, owner = found
    if owner != request.user.pk:
        context["problem"] = (
            "This link was sent to another officer. Mark items you check on Due for review."
        )
        return TemplateResponse(request, "admin/review_confirm.html", context, status=403)
    label, _, pk = key.partition(":")
    model = {m._meta.label_lower: m for m in reviewed_models()}.get(label)
    record = model.objects.filter(pk=pk).first() if model and pk.isdigit() else None
    if record is None:
        context["problem"] = "That item is no longer in the working copy."
        return TemplateResponse(request, "admin/review_confirm.html", context, status=404)
    if request.method == "POST":
        try:
            records_mark_reviewed(keys=[key], by=request.user, on=timezone.localdate())
        except NotReviewable as refused:
            context["problem"] = str(refused)
            return TemplateResponse(request, "admin/review_confirm.html", context, status=403)
        messages.success(request, f"{record} is marked as checked today. Thank you.")
        return HttpResponseRedirect(reverse("admin:due_for_review"))
    context |= {"record": record, "kind": record._meta.verbose_name, "edit_url": change_url(record)}
    return TemplateResponse(request, "admin/review_confirm.html", context)
