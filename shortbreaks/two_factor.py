"""Two-factor sign-in for officers: a password, then a six-digit code from an
authenticator app (TOTP, RFC 6238), through django-otp.

An officer who has set it up must give a code at every sign-in. With OTP_REQUIRED on,
every officer must: one who has not set it up yet is sent from the sign-in page to set
it up before anything else in the admin opens.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django_otp import login as otp_login

from core.two_factor import CodeCheckedSignIn, device_confirm, device_setup, two_factor_device


class OfficerLoginForm(CodeCheckedSignIn, AdminAuthenticationForm):
    """The admin's sign-in form with a code field, needed once the officer has an app."""


def must_set_up(request: HttpRequest) -> bool:
    """True when two-factor sign-in is required and this signed-in officer has no app."""
    user = request.user
    return (
        settings.OTP_REQUIRED
        and user.is_active
        and user.is_staff
        and two_factor_device(user) is None
    )


@never_cache
@csrf_protect
def two_factor_setup(request: HttpRequest, site) -> HttpResponse:
    """Set up an authenticator app: scan the QR code (or type the key), then confirm
    with the first code, which proves the app and the site agree."""
    user = request.user
    if not (user.is_active and user.is_staff):
        login = reverse("admin:login", current_app=site.name)
        return redirect(f"{login}?{REDIRECT_FIELD_NAME}={request.path}")
    context = {
        **site.each_context(request),
        "title": "Two-factor sign-in",
        "device": two_factor_device(user),
    }
    if context["device"] is not None:
        return TemplateResponse(request, "admin/two_factor.html", context)

    setup = device_setup(user, request.POST or None)
    if request.method == "POST" and setup.form.is_valid():
        device_confirm(setup)
        otp_login(request, setup.device)
        messages.success(
            request, "Two-factor sign-in is set up. From now on, sign in with a code too."
        )
        return redirect("admin:index")
    context.update(
        {
            "form": setup.form,
            "qr_code": setup.qr_code,
            "key": setup.key,
            "required": settings.OTP_REQUIRED,
        }
    )
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "admin/two_factor.html", context, status=status)
