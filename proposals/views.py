"""Providers' own pages (/your-services/): joining from an invitation, signing in and
out, two-factor set-up, their organisation's services, proposing a change to one and
saying it is still correct. Never the officers' admin, never another provider's
service (404), never a page any cache may keep."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from core.two_factor import device_confirm, device_setup, two_factor_device
from editions.selectors import statement_current
from offer.models import Service

from .changes import ServiceEntryForm, entry_differences, entry_now, service_contacts
from .choices import ProposalState
from .forms import JoinForm, ProviderSignInForm
from .models import ProposedChange, ProviderInvitation, token_hash
from .selectors import member_of, proposals_latest, services_of
from .services import (
    InvitationUnusable,
    invitation_accept,
    invitation_check,
    proposal_save,
    service_confirm_correct,
)


def _render(request, template: str, context: dict, status: int = 200) -> HttpResponse:
    current = statement_current()
    context = {"statement": current[1] if current else None, **context}
    response = render(request, template, context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


def _two_factor_missing(request: HttpRequest) -> bool:
    return settings.OTP_REQUIRED and not request.user.is_verified()


def member_required(view):
    """Signed in as a provider's staff member (with a code, when the site requires
    two-factor sign-in); anyone else is sent to sign in, or told this is not for them."""

    @wraps(view)
    @never_cache
    def checked(request: HttpRequest, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("proposals:sign_in"))
        member = member_of(user=request.user)
        if member is None:
            return _render(request, "proposals/not_for_you.html", {}, status=403)
        if _two_factor_missing(request):
            if two_factor_device(request.user) is None:
                return redirect("proposals:two_factor")
            logout(request)
            return redirect_to_login(request.get_full_path(), reverse("proposals:sign_in"))
        request.member = member
        return view(request, *args, **kwargs)

    return checked


@never_cache
@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, token: str) -> HttpResponse:
    """An invitation's link: choose a name and password, once, before it expires."""
    invitation = (
        ProviderInvitation.objects.select_related("provider")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if invitation is None:
        raise Http404("This invitation link is not right. Check it is whole, or ask again.")
    try:
        invitation_check(invitation)
    except InvitationUnusable as unusable:
        context = {"problem": str(unusable)}
        return _render(request, "proposals/invitation_unusable.html", context, status=410)
    form = JoinForm(request.POST or None, email=invitation.email, initial={"name": invitation.name})
    if request.method == "POST" and form.is_valid():
        try:
            member = invitation_accept(
                token=token, name=form.cleaned_data["name"], password=form.cleaned_data["password1"]
            )
        except (InvitationUnusable, ProviderInvitation.DoesNotExist) as unusable:
            context = {"problem": str(unusable) or "This invitation can no longer be used."}
            return _render(request, "proposals/invitation_unusable.html", context, status=410)
        login(request, member.user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Welcome. You can now keep {member.provider}'s entries true.")
        return redirect("proposals:services")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "invitation": invitation}
    return _render(request, "proposals/join.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    next_page = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_page, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ) or not next_page.startswith(reverse("proposals:services")):
        next_page = reverse("proposals:services")
    form = ProviderSignInForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.get_user())
        return HttpResponseRedirect(next_page)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "next": next_page, "OTP_REQUIRED": settings.OTP_REQUIRED}
    return _render(request, "proposals/sign_in.html", context, status=status)


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, "You have signed out.")
    return redirect("proposals:sign_in")


@never_cache
@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app, as officers do: required before anything else when
    the site requires two-factor sign-in."""
    if not request.user.is_authenticated or member_of(user=request.user) is None:
        return redirect_to_login(request.get_full_path(), reverse("proposals:sign_in"))
    if two_factor_device(request.user) is not None:
        return _render(request, "proposals/two_factor.html", {"device": True})
    setup = device_setup(request.user, request.POST or None)
    if request.method == "POST" and setup.form.is_valid():
        device_confirm(setup)
        otp_login(request, setup.device)
        messages.success(request, "Two-factor sign-in is set up. Sign in with a code from now on.")
        return redirect("proposals:services")
    context = {"setup": setup, "form": setup.form, "required": settings.OTP_REQUIRED}
    status = 400 if request.method == "POST" else 200
    return _render(request, "proposals/two_factor.html", context, status=status)


@member_required
def services(request: HttpRequest) -> HttpResponse:
    """The provider's services: each with what happened to its last proposal."""
    member = request.member
    listed = list(services_of(member=member))
    latest = proposals_latest(member=member, services=listed)
    context = {
        "member": member,
        "rows": [{"service": s, "proposal": latest.get(s.pk)} for s in listed],
    }
    return _render(request, "proposals/service_list.html", context)


def _service(request: HttpRequest, uid) -> Service:
    return get_object_or_404(services_of(member=request.member), uid=uid)


@member_required
@require_http_methods(["GET", "POST"])
def service(request: HttpRequest, uid) -> HttpResponse:
    """One service as its provider may change it. Saving proposes; the working copy
    changes only when an officer approves."""
    member = request.member
    found = _service(request, uid)
    contacts = service_contacts(service=found, provider=member.provider)
    open_proposal = ProposedChange.objects.filter(
        service=found, provider=member.provider, state=ProposalState.OPEN
    ).first()
    now = entry_now(service=found, contacts=contacts)
    if request.method == "POST":
        form = ServiceEntryForm(request.POST, service=found, contacts=contacts)
        if form.is_valid():
            changes = entry_differences(form=form, now=now)
            saved = proposal_save(
                member=member, service=found, changes=changes, note=form.cleaned_data["note"]
            )
            if saved is None:
                messages.info(
                    request,
                    f"Nothing about {found.name} is different from what families see now, "
                    "so there is nothing for the council to check.",
                )
            else:
                messages.success(
                    request,
                    f"Thank you. The council will check your change to {found.name}. Families "
                    "see it once the council approves it and publishes the statement again.",
                )
            return redirect("proposals:services")
        status = 400
    else:
        initial = {}
        if open_proposal is not None:
            initial = {change["name"]: change["new"] for change in open_proposal.changes}
            initial["note"] = open_proposal.note
        form = ServiceEntryForm(service=found, contacts=contacts, initial=initial)
        status = 200
    sent_back = (
        ProposedChange.objects.filter(
            service=found, provider=member.provider, state=ProposalState.SENT_BACK
        )
        .order_by("-decided_at")
        .first()
    )
    context = {
        "member": member,
        "service": found,
        "form": form,
        "open_proposal": open_proposal,
        "sent_back": sent_back if open_proposal is None else None,
    }
    return _render(request, "proposals/service_form.html", context, status=status)


@member_required
@require_http_methods(["GET", "POST"])
def still_correct(request: HttpRequest, uid) -> HttpResponse:
    """A reminder's link: one button that records the service's review today (a link
    alone never changes anything)."""
    found = _service(request, uid)
    if request.method == "POST":
        service_confirm_correct(member=request.member, service=found)
        messages.success(request, f"Thank you. {found.name} is marked as checked today.")
        return redirect("proposals:services")
    change = reverse("proposals:service", args=[found.uid])
    context = {"service": found, "change": change}
    return _render(request, "proposals/still_correct.html", context)
