from django import forms
from django.contrib import admin

from offer.admin_base import OrderedAdminMixin, ReviewedAdmin, WorkingCopyAdmin

from .models import Provider, ProviderKind


@admin.register(Provider)
class ProviderAdmin(ReviewedAdmin):
    list_display = ["name", "kind_names", "website"]
    list_filter = ["kinds"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["contacts"]
    fields = [
        "name",
        "slug",
        "kinds",
        "description",
        "website",
        "contacts",
        "owner",
        "last_reviewed_on",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("kinds")

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "kinds":  # a handful: ticked, not chosen from two boxes
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description="Kinds")
    def kind_names(self, provider: Provider) -> str:
        return ", ".join(kind.name for kind in provider.kinds.all())


@admin.register(ProviderKind)
class ProviderKindAdmin(OrderedAdminMixin, WorkingCopyAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug"]
