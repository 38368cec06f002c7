from django.contrib import admin

from offer.admin_base import OrderedAdminMixin, ReviewedAdmin

from .models import Contact, ContactPhone, SocialLink


class ContactPhoneInline(admin.TabularInline):
    model = ContactPhone
    extra = 1
    fields = ["number", "label", "charges", "order"]


class SocialLinkInline(admin.TabularInline):
    model = SocialLink
    extra = 0
    fields = ["network", "url", "label"]


@admin.register(Contact)
class ContactAdmin(OrderedAdminMixin, ReviewedAdmin):
    list_display = ["name", "phone_numbers", "email", "is_useful_contact"]
    list_filter = ["is_useful_contact"]
    search_fields = ["name", "helps_with", "email", "phones__number"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ContactPhoneInline, SocialLinkInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "helps_with"]}),
        (
            "When the statement gives no details",
            {
                "description": "For a role such as 'your allocated social worker', or a "
                "directory the statement names without its address.",
                "fields": ["explanation"],
            },
        ),
        (
            "How to get in touch",
            {"fields": ["email", "alternative_email", "website", "opening_hours"]},
        ),
        ("Publishing", {"fields": ["is_useful_contact", "owner", "last_reviewed_on"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("phones")

    @admin.display(description="Phone")
    def phone_numbers(self, contact: Contact) -> str:
        return ", ".join(phone.number for phone in contact.phones.all())
