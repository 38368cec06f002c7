"""The working copy in the admin: the statement's details and text, tiers, services,
eligibility rules, referral routes, the words families filter by, questions, stories,
the glossary and the checker's rules. Providers and contacts register their own."""

from django.contrib import admin
from django.db.models import Count
from django.http import HttpRequest

from core.wording import ages_in_words

from .admin_base import ProseFieldsMixin, ReviewedAdmin, WorkingCopyAdmin
from .forms import SectionForm, ServiceForm
from .models import (
    Area,
    Assessment,
    BreakTime,
    CheckerRule,
    EligibilityRule,
    FamilyStory,
    FamilyView,
    GlossaryTerm,
    Need,
    Question,
    ReferralRoute,
    Service,
    Statement,
    StatementFigure,
    StatementSection,
    Tier,
    Venue,
)


@admin.register(Area, BreakTime, Need)
class TermAdmin(WorkingCopyAdmin):
    list_display = ["name", "slug", "order", "service_count"]
    list_editable = ["order"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(service_count=Count("services"))

    @admin.display(description="Services", ordering="service_count")
    def service_count(self, term) -> int:
        return term.service_count


class StatementSectionInline(ProseFieldsMixin, admin.StackedInline):
    model = StatementSection
    extra = 0
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "body", "place", "tier", "position", "order"]
    form = SectionForm


class StatementFigureInline(admin.TabularInline):
    """Numbers for 'How we know what families need', shown as a table and a chart."""

    model = StatementFigure
    extra = 0
    fields = [
        "label",
        "value",
        "value_to",
        "approximate",
        "unit",
        "year",
        "source",
        "source_url",
        "order",
    ]


class FamilyViewInline(admin.TabularInline):
    model = FamilyView
    extra = 0
    fields = ["point", "order"]


@admin.register(Statement)
class StatementAdmin(WorkingCopyAdmin):
    list_display = ["council_name", "title"]
    inlines = [StatementSectionInline, StatementFigureInline, FamilyViewInline]
    fieldsets = [
        (None, {"fields": ["council_name", "area_name", "title", "summary"]}),
        ("Families' stories", {"fields": ["stories_note"]}),
        (
            "Links and contacts",
            {"fields": ["local_offer_url", "accessibility_email", "accessibility_reviewed_on"]},
        ),
        (
            "How we know what families need",
            {"fields": ["family_views_intro"]},
        ),
        ("'What could we get?' checker", {"fields": ["outside_age_range_help"]}),
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # One statement per site: its text sections hang off it.
        return super().has_add_permission(request) and not Statement.objects.exists()


class ServiceInline(admin.TabularInline):
    """The tier's services at a glance; each is edited on its own page."""

    model = Service
    extra = 0
    fields = ["name", "group", "order", "include_in_statement"]
    readonly_fields = ["name", "group", "order", "include_in_statement"]
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Tier)
class TierAdmin(WorkingCopyAdmin):
    list_display = ["name", "level", "order", "service_count"]
    list_filter = ["level"]
    search_fields = ["name", "summary", "who_it_is_for", "description"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["eligibility_rules", "referral_routes"]
    inlines = [ServiceInline]
    fieldsets = [
        (None, {"fields": ["name", "caption", "slug", "level", "summary", "order"]}),
        (
            "What families read",
            {"fields": ["who_it_is_for", "description", "stepping_up_and_down"]},
        ),
        ("Who can get it and how", {"fields": ["eligibility_rules", "referral_routes"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(service_count=Count("services"))

    @admin.display(description="Services", ordering="service_count")
    def service_count(self, tier: Tier) -> int:
        return tier.service_count


class VenueInline(admin.StackedInline):
    """Where the service happens, typed with the service: a place belongs to one service."""

    model = Venue
    extra = 0
    fields = ["name", "address", "town", "postcode", "accessibility", "order"]


@admin.display(description="Ages", ordering="min_age")
def ages_column(model_admin, record: Service | EligibilityRule) -> str:
    """A service's or a rule's ages in the admin's lists."""
    return ages_in_words(record.min_age, record.max_age) or "Not stated"


@admin.register(Service)
class ServiceAdmin(ReviewedAdmin):
    list_display = [
        "name",
        "tier",
        "ages",
        "include_in_statement",
        "updated_at",
    ]
    list_filter = [
        "tier",
        "status",
        "include_in_statement",
        "direct_payment",
        "free",
        "needs",
        "times",
        "areas",
    ]
    form = ServiceForm
    list_select_related = ["tier"]
    search_fields = ["name", "summary", "description", "example_activities"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [VenueInline]
    filter_horizontal = [
        "needs",
        "times",
        "areas",
        "providers",
        "eligibility_rules",
        "referral_routes",
        "contacts",
    ]
    fieldsets = [
        (None, {"fields": ["name", "slug", "tier", "group", "summary", "order"]}),
        (
            "Can families have it now?",
            {"fields": ["status", "expected_from", "pilot_until", "status_note"]},
        ),
        (
            "What it is",
            {
                "fields": [
                    "description",
                    "example_activities",
                    "providers",
                    "other_providers_note",
                ]
            },
        ),
        ("Who it is for", {"fields": ["min_age", "max_age", "needs", "eligibility_rules"]}),
        # The places where it happens follow, below the form, as their own list.
        ("When and where", {"fields": ["times", "any_time", "areas", "whole_area"]}),
        ("Cost", {"fields": ["cost", "free", "direct_payment"]}),
        ("How to get it", {"fields": ["referral_routes", "contacts"]}),
        ("Publishing", {"fields": ["include_in_statement", "owner", "last_reviewed_on"]}),
    ]

    ages = ages_column


@admin.register(EligibilityRule)
class EligibilityRuleAdmin(WorkingCopyAdmin):
    list_display = ["title", "ages", "assessment", "order"]
    list_filter = ["assessment"]
    list_select_related = ["assessment"]
    search_fields = ["title", "criteria"]
    fields = ["title", "criteria", "min_age", "max_age", "assessment", "order"]

    ages = ages_column


@admin.register(Assessment)
class AssessmentAdmin(WorkingCopyAdmin):
    """The assessments the council's rules name: each council has its own."""

    list_display = ["name", "none_needed", "family_can_start", "order"]
    list_editable = ["order"]
    search_fields = ["name", "description"]
    fields = ["name", "description", "none_needed", "family_can_start", "order"]


@admin.register(ReferralRoute)
class ReferralRouteAdmin(WorkingCopyAdmin):
    list_display = ["title", "contact_names", "link"]
    search_fields = ["title", "steps", "contacts__name"]
    filter_horizontal = ["contacts"]
    fields = ["title", "steps", "contacts", "link", "link_text", "order"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("contacts")

    @admin.display(description="Contacts")
    def contact_names(self, route: ReferralRoute) -> str:
        return ", ".join(contact.name for contact in route.contacts.all())


@admin.register(Question)
class QuestionAdmin(WorkingCopyAdmin):
    list_display = ["question", "tier", "service", "order"]
    list_editable = ["order"]
    list_filter = ["tier"]
    search_fields = ["question", "answer"]
    autocomplete_fields = ["service"]
    fields = ["question", "answer", "tier", "service", "order"]


@admin.register(FamilyStory)
class FamilyStoryAdmin(WorkingCopyAdmin):
    list_display = ["title", "who", "order"]
    list_editable = ["order"]
    search_fields = ["title", "who", "situation", "what_they_got", "outcome"]
    filter_horizontal = ["tiers", "services"]
    fields = ["title", "who", "situation", "what_they_got", "outcome", "tiers", "services", "order"]


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(WorkingCopyAdmin):
    list_display = ["term", "stands_for", "aliases"]
    search_fields = ["term", "stands_for", "aliases", "explanation"]
    prepopulated_fields = {"slug": ["term"]}
    fields = ["term", "slug", "stands_for", "explanation", "aliases"]


@admin.register(CheckerRule)
class CheckerRuleAdmin(WorkingCopyAdmin):
    """The rules behind 'What could we get?': officers decide which answers point to
    which tier, and say why in the family's words."""

    list_display = [
        "title",
        "tier",
        "ages",
        "social_worker",
        "ehcp",
        "tried_community",
        "order",
    ]
    list_editable = ["order"]
    list_select_related = ["tier"]
    list_filter = ["tier"]
    search_fields = ["title", "reason"]
    filter_horizontal = ["needs", "times"]
    fieldsets = [
        (None, {"fields": ["title", "tier", "reason", "order"]}),
        (
            "When to suggest it",
            {
                "description": "Every condition set here must match the family's answers. "
                "Leave a condition as 'Any answer' or empty to ignore it.",
                "fields": [
                    "min_age",
                    "max_age",
                    "social_worker",
                    "ehcp",
                    "tried_community",
                    "needs",
                    "times",
                ],
            },
        ),
    ]

    @admin.display(description="Ages", ordering="min_age")
    def ages(self, rule: CheckerRule) -> str:
        return ages_in_words(rule.min_age, rule.max_age) or "Any age"
