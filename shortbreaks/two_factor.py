"""Two-factor sign-in for officers: a password, then a six-digit code from an
authenticator app (TOTP, RFC 6238), through django-otp.

An officer who has set it up must give a code at every sign-in. With OTP_REQUIRED on,
every officer must: one who has not set it up yet is sent from the sign-in page to set
it up before anything else in the admin opens.
"""

import base64

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "Authenticator app"


def two_factor_device(user) -> TOTPDevice | None:
    """The officer's confirmed authenticator app, if they have set one up."""
    if not user.is_authenticated:
        return None
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def _code_field() -> forms.CharField:
    return forms.CharField(
        required=False,
        max_length=10,
        label="Code from your authenticator app",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}
        ),
    )


def _check_code(device: TOTPDevice, code: str) -> None:
    """Raise a ValidationError a person can act on unless `code` is the device's current
    code. django-otp slows down repeated wrong codes."""
    code = code.replace(" ", "")
    if not code:
        raise forms.ValidationError("Enter the 6-digit code your authenticator app shows now.")
    allowed, _ = device.verify_is_allowed()
    if not allowed:
        raise forms.ValidationError("Too many wrong codes. Wait a minute, then try again.")
    if not code.isdigit() or not device.verify_token(code):
        raise forms.ValidationError(
            "That code is wrong or has expired. Enter the code your app shows now."
        )


class OfficerLoginForm(AdminAuthenticationForm):
    """The admin's sign-in form with a code field, needed once the officer has an app."""

    otp_token = _code_field()
    otp_token.help_text = "Only if you have set up two-factor sign-in."

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        device = two_factor_device(user)
        if device is not None:
            try:
                _check_code(device, cleaned.get("otp_token", ""))
            except forms.ValidationError:
                # A wrong code is a failed sign-in: the lockout counts it as it counts a
                # wrong password, so codes cannot be guessed at speed either.
                user_login_failed.send(
                    sender=__name__,
                    credentials={"username": user.get_username()},
                    request=self.request,
                )
                raise
            # django-otp's sign-in signal marks the session as verified with this device.
            user.otp_device = device
        return cleaned


class ConfirmDeviceForm(forms.Form):
    otp_token = _code_field()

    def __init__(self, *args, device: TOTPDevice, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_otp_token(self) -> str:
        code = self.cleaned_data["otp_token"]
        _check_code(self.device, code)
        return code


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

    # The key stays the same until confirmed, so reloading the page keeps the QR code.
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, confirmed=False, name=DEVICE_NAME)
    form = ConfirmDeviceForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        messages.success(
            request, "Two-factor sign-in is set up. From now on, sign in with a code too."
        )
        return redirect("admin:index")
    key = base64.b32encode(device.bin_key).decode()
    context.update(
        {
            "form": form,
            "qr_code": segno.make(device.config_url, error="m").svg_data_uri(scale=5),
            "key": " ".join(key[i : i + 4] for i in range(0, len(key), 4)),
            "required": settings.OTP_REQUIRED,
        }
    )
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "admin/two_factor.html", context, status=status)
