from django.contrib import admin

from offer.admin import ViewOnSiteIfPublished

from .models import Provider


@admin.register(Provider)
class ProviderAdmin(ViewOnSiteIfPublished, admin.ModelAdmin):
    published_kind = "provider"
    list_display = ["name", "kind", "website", "last_reviewed_on"]
    list_filter = ["kind"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["contacts"]
    fields = ["name", "slug", "kind", "description", "website", "contacts", "last_reviewed_on"]
