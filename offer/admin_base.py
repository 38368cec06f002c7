"""What every working-copy admin page shares: review owners and the 'mark reviewed'
action. (Imported by the contacts and providers admins too.)"""

from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils import timezone

from .services import NotReviewable, records_mark_reviewed


@admin.action(description="Mark selected as reviewed today")
def mark_reviewed(modeladmin, request: HttpRequest, queryset) -> None:
    label = queryset.model._meta.label_lower
    keys = [f"{label}:{pk}" for pk in queryset.values_list("pk", flat=True)]
    mark_reviewed_and_report(request, keys)


def mark_reviewed_and_report(request: HttpRequest, keys: list[str]) -> None:
    """Mark the records reviewed today and tell the officer how it went."""
    if not keys:
        messages.warning(request, "Tick at least one item to mark it reviewed.")
        return
    try:
        count = records_mark_reviewed(keys=keys, by=request.user, on=timezone.localdate())
    except NotReviewable as refused:
        messages.error(request, f"Nothing was marked reviewed. {refused}")
        return
    messages.success(
        request,
        f"Marked {count} item{'s' if count != 1 else ''} reviewed today. "
        "The next check is due in a year.",
    )


class ReviewedAdmin(admin.ModelAdmin):
    """For services, providers and contacts: who owns them and when they were checked."""

    actions = [mark_reviewed]

    def get_list_display(self, request):
        return [*super().get_list_display(request), "owner", "last_reviewed_on"]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), "owner"]

    def get_list_select_related(self, request):
        related = super().get_list_select_related(request)
        return [*(related if isinstance(related, list | tuple) else []), "owner"]
