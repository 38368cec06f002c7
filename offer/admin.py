"""The officers' side: edit the working copy, then publish it as an edition."""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from .admin_base import ReviewedAdmin, WorkingCopyAdmin, mark_reviewed_and_report
from .forms import PublishForm
from .models import (
    Area,
    BreakTime,
    CheckerRule,
    Edition,
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
from .selectors import (
    REVIEWED_MODELS,
    edition_current,
    review_items_due,
    statement_current,
    statement_problems,
    statement_review_due,
    working_copy_changes,
)
from .services import (
    PublishNotAllowed,
    PublishRefused,
    edition_default_label,
    edition_publish,
    one_year_after,
    publish_not_allowed_message,
)
from .views import change_report_link


class ViewOnSiteIfPublished:
    """Show 'View on site' only when the record is in the current edition: the working
    copy itself is never public, so a link to an unpublished page would be a 404."""

    published_kind = ""  # "tier", "service" or "provider": a PublishedStatement lookup

    def view_on_site(self, obj) -> str | None:
        current = statement_current()
        if current is None:
            return None
        lookup = getattr(current[1], self.published_kind)
        return obj.get_absolute_url() if lookup(obj.slug) else None


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


admin.site.register(Need, TermAdmin)
admin.site.register(BreakTime, TermAdmin)
admin.site.register(Area, TermAdmin)


class StatementSectionInline(admin.StackedInline):
    model = StatementSection
    extra = 0
    prepopulated_fields = {"slug": ["title"]}
    fields = ["kind", "title", "slug", "body", "order"]


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
class TierAdmin(ViewOnSiteIfPublished, WorkingCopyAdmin):
    published_kind = "tier"
    list_display = ["name", "level", "order", "service_count"]
    list_filter = ["level"]
    search_fields = ["name", "summary", "who_it_is_for", "description"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["eligibility_rules", "referral_routes"]
    inlines = [ServiceInline]
    fieldsets = [
        (None, {"fields": ["level", "name", "slug", "summary", "order"]}),
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


@admin.register(Service)
class ServiceAdmin(ViewOnSiteIfPublished, ReviewedAdmin):
    published_kind = "service"
    list_display = [
        "name",
        "tier",
        "ages",
        "include_in_statement",
        "updated_at",
    ]
    list_filter = ["tier", "include_in_statement", "direct_payment", "needs", "times", "areas"]
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
        ("When and where", {"fields": ["times", "areas"]}),
        ("Cost", {"fields": ["cost", "direct_payment"]}),
        ("How to get it", {"fields": ["referral_routes", "contacts"]}),
        ("Publishing", {"fields": ["include_in_statement", "owner", "last_reviewed_on"]}),
    ]

    @admin.display(description="Ages", ordering="min_age")
    def ages(self, service: Service) -> str:
        return f"{service.min_age} to {service.max_age}"


@admin.register(EligibilityRule)
class EligibilityRuleAdmin(WorkingCopyAdmin):
    list_display = ["title", "min_age", "max_age", "assessment", "order"]
    list_filter = ["assessment"]
    search_fields = ["title", "criteria"]


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
        return f"{rule.min_age} to {rule.max_age}"


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    """Editions are read-only; 'adding' one means publishing the working copy."""

    list_display = ["version", "label", "published_at", "published_by", "next_review_due"]
    list_display_links = ["version", "label"]
    list_select_related = ["published_by"]
    fields = [
        "version",
        "label",
        "published_at",
        "published_by",
        "reviewed_on",
        "next_review_due",
        "schema_version",
        "contents",
    ]
    readonly_fields = fields

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="What it holds")
    def contents(self, edition: Edition) -> str:
        snapshot = edition.snapshot
        return ", ".join(
            f"{len(snapshot.get(key, []))} {key.replace('_', ' ')}"
            for key in (
                "tiers",
                "services",
                "eligibility_rules",
                "referral_routes",
                "providers",
                "contacts",
            )
        )

    def add_view(self, request: HttpRequest, form_url="", extra_context=None) -> HttpResponse:
        if not self.has_add_permission(request):
            if not self.has_view_permission(request):
                raise PermissionDenied
            context = {
                **self.admin_site.each_context(request),
                "title": "You cannot publish",
                "opts": self.opts,
                "message": publish_not_allowed_message(request.user),
            }
            return TemplateResponse(
                request, "admin/offer/edition/publish_denied.html", context, status=403
            )
        today = timezone.localdate()
        if request.method == "POST":
            form = PublishForm(request.POST)
            if form.is_valid():
                try:
                    edition = edition_publish(
                        label=form.cleaned_data["label"],
                        reviewed_on=form.cleaned_data["reviewed_on"],
                        next_review_due=form.cleaned_data["next_review_due"],
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
                    return HttpResponseRedirect(reverse("admin:offer_edition_changelist"))
        else:
            form = PublishForm(
                initial={
                    "label": edition_default_label(on=today),
                    "reviewed_on": today,
                    "next_review_due": one_year_after(today),
                }
            )
        problems = [
            {
                "message": problem.message,
                "url": _change_url(problem.record) if problem.record is not None else None,
            }
            for problem in statement_problems()
        ]
        report, digest = working_copy_changes()
        change_report_link(report, new_edition=None, old_edition=edition_current())
        context = {
            **self.admin_site.each_context(request),
            "title": "Publish a new edition",
            "opts": self.opts,
            "form": form,
            "problems": problems,
            "current": edition_current(),
            "report": report,
            "working_copy": digest,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/offer/edition/publish.html", context)


def _change_url(record) -> str:
    meta = record._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.pk])


def due_for_review_view(request: HttpRequest) -> HttpResponse:
    """Services, providers and contacts overdue or due for their check soon, with the
    statement's own review date; officers tick items to mark them reviewed."""
    if not any(
        request.user.has_perm(f"{m._meta.app_label}.view_{m._meta.model_name}")
        for m in REVIEWED_MODELS
    ):
        raise PermissionDenied
    if request.method == "POST":
        mark_reviewed_and_report(request, request.POST.getlist("item"))
        return HttpResponseRedirect(request.get_full_path())

    today = timezone.localdate()
    show = request.GET.get("show", "all")
    status = 200
    if show not in _DUE_FILTERS:
        messages.error(request, "That filter is not one of the choices: showing everything.")
        show, status = "all", 400
    items = review_items_due(today=today, owner=request.user if show == "mine" else None)
    if show == "unowned":
        items = [item for item in items if item.record.owner_id is None]
    context = {
        **admin.site.each_context(request),
        "title": "Due for review",
        "items": [{"item": item, "url": _change_url(item.record)} for item in items],
        "show": show,
        "filters": _DUE_FILTERS,
        "statement_due": statement_review_due(today=today),
        "today": today,
        "warning_days": settings.REVIEW_WARNING_DAYS,
    }
    return TemplateResponse(request, "admin/due_for_review.html", context, status=status)


_DUE_FILTERS = {"all": "Everyone's", "mine": "Mine", "unowned": "No owner"}
