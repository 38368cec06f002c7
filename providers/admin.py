from django.contrib import admin

from offer.admin_base import ReviewedAdmin

from .models import Provider


@admin.register(Provider)
class ProviderAdmin(ReviewedAdmin):
    list_display = ["name", "kind", "website"]
    list_filter = ["kind"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["contacts"]
    fields = [
        "name",
        "slug",
        "kind",
        "description",
        "website",
        "contacts",
        "owner",
        "last_reviewed_on",
    ]
