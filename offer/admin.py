"""The working copy in the admin: the statement's details and text, tiers, services,
eligibility rules, referral routes, the words families filter by, questions, stories,
the glossary and the checker's rules. Providers and contacts register their own."""

from adminsortable2.admin import SortableAdminBase, SortableInlineAdminMixin
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.template.defaultfilters import pluralize
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from core.wording import ages_in_words

from .admin_base import OrderedAdminMixin, ProseFieldsMixin, ReviewedAdmin, WorkingCopyAdmin
from .bulk import services_change_together
from .copies import service_copy
from .forms import SectionForm, ServiceForm, ServicesTogetherForm
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
    SearchWord,
    Service,
    Statement,
    StatementFigure,
    StatementSection,
    Tier,
    Venue,
)
from .ordering import record_move


@admin.register(Area, BreakTime, Need)
class TermAdmin(OrderedAdminMixin, WorkingCopyAdmin):
    list_display = ["name", "slug", "service_count"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        # Grouped for the count, so Meta.ordering would not apply by itself.
        counted = super().get_queryset(request).annotate(service_count=Count("services"))
        return counted.order_by(*self.model._meta.ordering)

    @admin.display(description="Services", ordering="service_count")
    def service_count(self, term) -> int:
        return term.service_count


class StatementSectionInline(SortableInlineAdminMixin, ProseFieldsMixin, admin.StackedInline):
    """The statement's own sections: dragged into order, or moved by their buttons."""

    model = StatementSection
    extra = 0
    prepopulated_fields = {"slug": ["title"]}
    fields = [
        "title",
        "slug",
        "body",
        "place",
        "tier",
        "position",
        "describes_design",
        "order",
        "move_buttons",
    ]
    readonly_fields = ["move_buttons"]

    @admin.display(description="Move")
    def move_buttons(self, section: StatementSection) -> str:
        """Buttons of the statement's own form: the page is saved, then the section moves
        (StatementAdmin.response_change), so nothing typed is lost."""
        if section.pk is None:
            return "Save to move it"
        return format_html(
            '<button type="submit" class="app-move" name="_move_section" value="{pk}:up">'
            'Move up<span class="visually-hidden"> {title}</span></button> '
            '<button type="submit" class="app-move" name="_move_section" value="{pk}:down">'
            'Move down<span class="visually-hidden"> {title}</span></button>',
            pk=section.pk,
            title=section.title,
        )

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
class StatementAdmin(SortableAdminBase, WorkingCopyAdmin):
    list_display = ["council_name", "title"]
    inlines = [StatementSectionInline, StatementFigureInline, FamilyViewInline]
    fieldsets = [
        (None, {"fields": ["council_name", "area_name", "title"]}),
        ("The home page", {"fields": ["home_heading", "summary", "first_contact"]}),
        ("Families' stories", {"fields": ["stories_note"]}),
        ("Plain English", {"fields": ["reading_age_target"]}),
        (
            "What the statement says of its own review",
            {"fields": ["reviewed_on_stated", "next_review_stated"]},
        ),
        ("Links", {"fields": ["local_offer_url"]}),
        (
            "The accessibility statement",
            {
                "description": "The facts the accessibility regulations ask the council to "
                "give at /accessibility/. What the website itself does (tested with axe, "
                "works without JavaScript...) is said there already; nothing here is "
                "shown until it is filled in.",
                "fields": [
                    "accessibility_email",
                    "accessibility_reply_time",
                    "accessibility_compliance",
                    "accessibility_problems",
                    "accessibility_prepared_on",
                    "accessibility_reviewed_on",
                ],
            },
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

    def response_change(self, request: HttpRequest, obj: Statement) -> HttpResponse:
        """A section's Move button saves the page first, then moves the section."""
        move = request.POST.get("_move_section", "")
        if not move:
            return super().response_change(request, obj)
        pk, _, direction = move.partition(":")
        section = obj.sections.filter(pk=pk).first() if pk.isdigit() else None
        if section is None or direction not in ("up", "down"):
            self.message_user(request, "That section could not be moved.", messages.ERROR)
        elif not record_move(record=section, direction=direction, by=request.user):
            self.message_user(request, f"“{section.title}” is already there.", messages.WARNING)
        else:
            self.message_user(request, f"Saved, and moved “{section.title}”.", messages.SUCCESS)
        return HttpResponseRedirect(request.path)


# How many of a level's services its page names; the rest are a link away.
TIER_SERVICES_SHOWN = 10


@admin.register(Tier)
class TierAdmin(OrderedAdminMixin, WorkingCopyAdmin):
    list_display = ["name", "level", "service_count"]
    list_filter = ["level"]
    search_fields = ["name", "summary", "who_it_is_for", "description"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["eligibility_rules", "referral_routes"]
    readonly_fields = ["its_services"]
    fieldsets = [
        (None, {"fields": ["name", "caption", "slug", "level", "summary"]}),
        ("Services", {"fields": ["its_services"]}),
        (
            "What families read",
            {"fields": ["who_it_is_for", "description", "stepping_up_and_down"]},
        ),
        ("Who can get it and how", {"fields": ["eligibility_rules", "referral_routes"]}),
    ]

    def get_queryset(self, request):
        # Grouped for the count, so Meta.ordering would not apply by itself.
        counted = super().get_queryset(request).annotate(service_count=Count("services"))
        return counted.order_by(*self.model._meta.ordering)

    @admin.display(description="Services", ordering="service_count")
    def service_count(self, tier: Tier) -> int:
        return tier.service_count

    @admin.display(description="Services in this level")
    def its_services(self, tier: Tier) -> str:
        """The first few by name, and a link to all of them in the services list (which
        pages and searches), rather than every service of a large level on this page."""
        if tier.pk is None:
            return "Save the level first, then choose it on each of its services."
        services = tier.services.order_by(*Service._meta.ordering)
        count = services.count()
        if not count:
            return "None yet: choose this level on a service's page."
        url = reverse("admin:offer_service_changelist") + f"?tier__id__exact={tier.pk}"
        first = [
            format_html(
                '<li><a href="{}">{}</a></li>',
                reverse("admin:offer_service_change", args=[service.pk]),
                service.name,
            )
            for service in services[:TIER_SERVICES_SHOWN]
        ]
        more = (
            format_html(" ({} more in the list)", count - TIER_SERVICES_SHOWN)
            if count > TIER_SERVICES_SHOWN
            else ""
        )
        return format_html(
            '<ul class="app-tier-services">{}</ul><p><a href="{}">See and edit all {} '
            "service{} in this level</a>{}</p>",
            mark_safe("".join(first)),  # each item built by format_html
            url,
            count,
            pluralize(count),
            more,
        )


class VenueInline(admin.StackedInline):
    """Where the service happens, typed with the service: a place belongs to one service."""

    model = Venue
    extra = 0
    fields = [
        "name",
        "address",
        "town",
        "postcode",
        ("step_free", "changing_places", "hoist", "hearing_loop"),
        "accessibility",
        "order",
    ]


@admin.display(description="Ages", ordering="min_age")
def ages_column(model_admin, record: Service | EligibilityRule) -> str:
    """A service's or a rule's ages in the admin's lists."""
    return ages_in_words(record.min_age, record.max_age) or "Not stated"


@admin.register(Service)
class ServiceAdmin(OrderedAdminMixin, ReviewedAdmin):
    order_within = ("tier",)

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
        "cost_kind",
        "needs",
        "times",
        "areas",
    ]
    form = ServiceForm
    list_select_related = ["tier"]
    search_fields = ["name", "summary", "description", "example_activities"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [VenueInline]
    # Long lists: the admin's search-as-you-type chooser, which shows each choice made.
    autocomplete_fields = ["providers", "eligibility_rules", "referral_routes", "contacts"]
    readonly_fields = ["problems_reported", "changes_proposed"]
    # In the order a family reads the service's page; the rarely changed parts folded.
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "summary",
                    "tier",
                    "status",
                    "problems_reported",
                    "changes_proposed",
                ]
            },
        ),
        (
            "If it is planned, a pilot or paused",
            {
                "fields": ["expected_from", "pilot_until", "status_note"],
                "classes": ["collapse"],
            },
        ),
        ("Who it is for", {"fields": ["min_age", "max_age", "needs"]}),
        (
            "When and where",
            {
                "fields": [
                    "times",
                    "any_time",
                    "when_note",
                    "areas",
                    "whole_area",
                    "in_family_home",
                    "away_from_home",
                    "online",
                    "by_phone",
                    "attendance",
                ]
            },
        ),
        (
            "Cost",
            {"fields": ["cost_kind", ("cost_amount", "cost_period"), "cost", "direct_payment"]},
        ),
        (
            "What it is",
            {
                "fields": [
                    "description",
                    "example_activities",
                    "leisure_activity",
                    "providers",
                    "other_providers_note",
                ]
            },
        ),
        (
            "Who can get it and how",
            {
                "fields": [
                    "eligibility_rules",
                    "own_rules_only",
                    "referral_routes",
                    "website",
                    "contacts",
                ]
            },
        ),
        # The places where it happens follow, below the form, as their own list.
        (
            "Address, grouping and publishing",
            {
                "fields": [
                    "slug",
                    "group",
                    "include_in_statement",
                    "owner",
                    "last_reviewed_on",
                ],
                "classes": ["collapse"],
            },
        ),
    ]

    ages = ages_column
    actions = [*ReviewedAdmin.actions, "change_together", "copy_selected"]

    @admin.display(description="Problems families reported")
    def problems_reported(self, service: Service) -> str:
        """The open reports about this service (the feedback app keeps them), each a
        link to read and close it."""
        if service.pk is None:
            return "None"
        open_reports = service.reports.filter(closed_at__isnull=True).order_by("created_at")
        if not open_reports:
            return "None open"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}, {}</a></li>',
                (
                    (
                        reverse("admin:feedback_servicereport_change", args=[report.pk]),
                        report.get_topic_display(),
                        report.created_at.strftime("%-d %B %Y"),
                    )
                    for report in open_reports
                ),
            ),
        )

    @admin.display(description="Changes its provider proposed")
    def changes_proposed(self, service: Service) -> str:
        """Proposals from its provider's staff waiting for an officer (the proposals app
        keeps them), each a link to compare and decide it."""
        if service.pk is None:
            return "None"
        waiting = service.proposed_changes.filter(state="open").select_related("provider")
        if not waiting:
            return "None waiting"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">From {}, {}</a></li>',
                (
                    (
                        reverse("admin:proposals_proposedchange_change", args=[proposal.pk]),
                        proposal.provider,
                        proposal.proposed_at.strftime("%-d %B %Y"),
                    )
                    for proposal in waiting
                ),
            ),
        )

    change_form_template = "admin/offer/service/change_form.html"

    def get_urls(self):
        return [
            path(
                "<path:object_id>/copy/",
                self.admin_site.admin_view(self.copy_view),
                name="offer_service_copy",
            ),
            *super().get_urls(),
        ]

    def copy_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """'Copy this service' on its page: POST only, for officers who may add one."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_add_permission(request):
            raise PermissionDenied
        service = self.get_object(request, unquote(object_id))
        if service is None:
            raise Http404("There is no such service.")
        copy = service_copy(service=service, by=request.user)
        self.message_user(request, _copied_message([copy]), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:offer_service_change", args=[copy.pk]))

    @admin.action(description="Change the selected services together", permissions=["change"])
    def change_together(self, request: HttpRequest, queryset):
        """A level, a way in, a status or a place in the statement for many services at
        once (after importing a directory, say): a page to choose, then the change."""
        form = ServicesTogetherForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            count = services_change_together(services=queryset, by=request.user, **form.changes())
            self.message_user(
                request,
                f"Changed {count} of the {queryset.count()} selected service"
                f"{pluralize(queryset.count())} (the others were already so).",
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Change the selected services together",
            "opts": self.model._meta,
            "form": form,
            "services": queryset.order_by("name"),
            "selected": request.POST.getlist(ACTION_CHECKBOX_NAME),
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(
            request,
            "admin/offer/service/change_together.html",
            context,
            status=400 if form.is_bound else 200,
        )

    @admin.action(description="Copy the selected services", permissions=["add"])
    def copy_selected(self, request: HttpRequest, queryset) -> None:
        copies = [service_copy(service=service, by=request.user) for service in queryset]
        self.message_user(request, _copied_message(copies), messages.SUCCESS)


def _copied_message(copies: list[Service]) -> str:
    names = ", ".join(f"“{copy.name}”" for copy in copies)
    return (
        f"Copied: {names}. A copy is left out of the statement until you tick 'include in "
        "statement' (under Address, grouping and publishing)."
    )


@admin.register(EligibilityRule)
class EligibilityRuleAdmin(OrderedAdminMixin, WorkingCopyAdmin):
    list_display = ["title", "ages", "assessment"]
    list_filter = ["assessment"]
    list_select_related = ["assessment"]
    search_fields = ["title", "criteria"]
    fields = ["title", "criteria", "min_age", "max_age", "assessment"]

    ages = ages_column


@admin.register(Assessment)
class AssessmentAdmin(OrderedAdminMixin, WorkingCopyAdmin):
    """The assessments the council's rules name: each council has its own."""

    list_display = ["name", "none_needed", "family_can_start"]
    search_fields = ["name", "description"]
    fields = ["name", "description", "none_needed", "family_can_start"]


@admin.register(ReferralRoute)
class ReferralRouteAdmin(OrderedAdminMixin, WorkingCopyAdmin):
    list_display = ["title", "contact_names", "link"]
    search_fields = ["title", "steps", "contacts__name"]
    autocomplete_fields = ["contacts"]
    fields = ["title", "steps", "contacts", "link", "link_text", "social_worker"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("contacts")

    @admin.display(description="Contacts")
    def contact_names(self, route: ReferralRoute) -> str:
        return ", ".join(contact.name for contact in route.contacts.all())


@admin.register(Question)
class QuestionAdmin(OrderedAdminMixin, WorkingCopyAdmin):
    list_display = ["question", "tier", "service"]
    list_filter = ["tier"]
    search_fields = ["question", "answer"]
    autocomplete_fields = ["service"]
    fields = ["question", "answer", "tier", "service"]


@admin.register(FamilyStory)
class FamilyStoryAdmin(OrderedAdminMixin, WorkingCopyAdmin):
    list_display = ["title", "who"]
    search_fields = ["title", "who", "situation", "what_they_got", "outcome"]
    filter_horizontal = ["tiers", "services"]
    fields = ["title", "who", "situation", "what_they_got", "outcome", "tiers", "services"]


@admin.register(SearchWord)
class SearchWordAdmin(WorkingCopyAdmin):
    """Words families type in the finder and what the statement calls them."""

    list_display = ["words", "means"]
    search_fields = ["words", "means"]
    fields = ["words", "means"]


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(WorkingCopyAdmin):
    list_display = ["term", "stands_for", "aliases", "pinned"]
    list_filter = ["pinned"]
    search_fields = ["term", "stands_for", "aliases", "explanation"]
    prepopulated_fields = {"slug": ["term"]}
    fields = ["term", "slug", "stands_for", "explanation", "aliases", "pinned"]


@admin.register(CheckerRule)
class CheckerRuleAdmin(OrderedAdminMixin, WorkingCopyAdmin):
    """The rules behind 'What could we get?': officers decide which answers point to
    which tier, and say why in the family's words."""

    list_display = [
        "title",
        "tier",
        "ages",
        "social_worker",
        "ehcp",
        "tried_community",
    ]
    list_select_related = ["tier"]
    list_filter = ["tier"]
    search_fields = ["title", "reason"]
    filter_horizontal = ["needs", "times"]
    fieldsets = [
        (None, {"fields": ["title", "tier", "reason"]}),
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
