"""Officers invite providers' staff, end their access, and decide what they propose:
each proposal compared with the working copy field by field, then approved or sent
back with a reason."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from .changes import ServiceEntryForm, entry_now, service_contacts, shown
from .choices import ProposalState
from .forms import DecisionForm, InvitationForm
from .models import ProposedChange, ProviderInvitation, ProviderMember
from .services import (
    ProposalRefused,
    invitation_send,
    member_remove,
    proposal_approve,
    proposal_send_back,
)


@admin.register(ProviderInvitation)
class ProviderInvitationAdmin(admin.ModelAdmin):
    """Inviting someone from a provider: they get an email whose link works once, for
    INVITATION_DAYS, to choose a password. An invitation is never edited: send another."""

    form = InvitationForm
    list_display = ["email", "provider", "sent_at", "state_shown", "invited_by"]
    list_filter = ["provider"]
    search_fields = ["email", "name", "provider__name"]

    @admin.display(description="state")
    def state_shown(self, invitation: ProviderInvitation) -> str:
        return invitation.state

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["provider", "email", "name"]
        return ["provider", "email", "name", "invited_by", "sent_at", "expires_at", "accepted_at"]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.get_fields(request, obj)

    def get_changeform_initial_data(self, request):
        return {"provider": request.GET.get("provider")} if request.GET.get("provider") else {}

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj: ProviderInvitation, form, change) -> None:
        sent = invitation_send(
            provider=obj.provider, email=obj.email, name=obj.name, by=request.user
        )
        obj.pk = sent.pk

    def response_add(self, request, obj, post_url_continue=None):
        messages.success(request, f"An invitation is on its way to {obj.email}.")
        return HttpResponseRedirect(reverse("admin:proposals_providerinvitation_changelist"))


@admin.register(ProviderMember)
class ProviderMemberAdmin(admin.ModelAdmin):
    """Who from each provider may propose changes. Deleting one ends their access (their
    sign-in stops working); what they proposed stays."""

    list_display = ["name_shown", "email_shown", "provider", "joined_at"]
    list_filter = ["provider"]
    search_fields = ["user__email", "user__first_name", "provider__name"]
    fields = ["name_shown", "email_shown", "provider", "invited_by", "joined_at"]
    readonly_fields = fields
    list_select_related = ["user", "provider"]

    @admin.display(description="name")
    def name_shown(self, member: ProviderMember) -> str:
        return member.name

    @admin.display(description="email")
    def email_shown(self, member: ProviderMember) -> str:
        return member.user.email

    def has_add_permission(self, request) -> bool:
        return False  # they join from an invitation

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def delete_model(self, request, obj: ProviderMember) -> None:
        member_remove(member=obj)

    def delete_queryset(self, request, queryset) -> None:
        for member in queryset:
            member_remove(member=member)


class ProposalStateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return ProposalState.choices

    def queryset(self, request, queryset):
        if self.value() in ProposalState.values:
            return queryset.filter(state=self.value())
        return queryset


@admin.register(ProposedChange)
class ProposedChangeAdmin(admin.ModelAdmin):
    """Changes providers proposed, oldest waiting first. Each opens as a comparison with
    the working copy and two decisions: approve, or send back with a reason."""

    list_display = ["service", "provider", "proposed_at", "state", "decided_by"]
    list_filter = [ProposalStateFilter, "provider"]
    search_fields = ["service__name", "provider__name"]
    list_select_related = ["service", "provider", "decided_by"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def change_view(self, request: HttpRequest, object_id, form_url="", extra_context=None):
        proposal = self.get_object(request, unquote(object_id))
        if proposal is None:
            raise Http404("There is no such proposed change.")
        if not self.has_view_permission(request, proposal):
            raise PermissionDenied
        form = DecisionForm(request.POST or None)
        status = 200
        if request.method == "POST":
            if not self.has_change_permission(request, proposal):
                raise PermissionDenied
            if not proposal.is_open:
                messages.error(request, "This proposal has already been decided.")
                status = 400
            elif form.is_valid():
                response = self._decide(request, proposal, form)
                if response is not None:
                    return response
                status = 400
            else:
                status = 400
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Change to {proposal.service} proposed by {proposal.provider}",
            "proposal": proposal,
            "rows": proposal_rows(proposal),
            "form": form,
            "can_decide": proposal.is_open and self.has_change_permission(request, proposal),
            "service_url": reverse("admin:offer_service_change", args=[proposal.service_id]),
        }
        return TemplateResponse(
            request, "admin/proposals/proposedchange/decide.html", context, status=status
        )

    def _decide(self, request, proposal, form) -> HttpResponse | None:
        try:
            if form.cleaned_data["decision"] == "approve":
                proposal_approve(proposal=proposal, by=request.user)
                messages.success(
                    request,
                    format_html(
                        "The change to {} is in the working copy. Families see it when the "
                        "next edition is published.",
                        proposal.service,
                    ),
                )
            else:
                proposal_send_back(
                    proposal=proposal, by=request.user, reason=form.cleaned_data["reason"]
                )
                messages.success(request, f"The change to {proposal.service} was sent back.")
        except ProposalRefused as refused:
            messages.error(request, str(refused))
            return None
        changelist = reverse("admin:proposals_proposedchange_changelist")
        return HttpResponseRedirect(f"{changelist}?state=open")


def proposal_rows(proposal: ProposedChange) -> list[dict[str, str]]:
    """Each field it changes: its label, its value when proposed, what the working copy
    holds now (marked when someone changed it since) and the proposed value."""
    service = proposal.service
    contacts = service_contacts(service=service, provider=proposal.provider)
    now = entry_now(service=service, contacts=contacts)
    form = ServiceEntryForm(service=service, contacts=contacts)
    rows = []
    for change in proposal.changes:
        field = form.fields.get(change["name"])
        current = now.get(change["name"])
        rows.append(
            {
                "label": change["label"],
                "then": change["old_shown"],
                "now": shown(field, current) if field is not None else "(no longer here)",
                "changed_since": field is None or current != change["old"],
                "proposed": change["new_shown"],
            }
        )
    return rows
