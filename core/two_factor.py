"""Two-factor sign-in (TOTP, RFC 6238, through django-otp), shared by the officers' admin
(shortbreaks/two_factor.py) and providers' own pages (proposals/): the code field, the
check of a code, and setting up an authenticator app."""

import base64
from dataclasses import dataclass

import segno
from django import forms
from django.contrib.auth.signals import user_login_failed
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "Authenticator app"


def two_factor_device(user) -> TOTPDevice | None:
    """The person's confirmed authenticator app, if they have set one up."""
    if not user.is_authenticated:
        return None
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def code_field() -> forms.CharField:
    return forms.CharField(
        required=False,
        max_length=10,
        label="Code from your authenticator app",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}
        ),
    )


def code_check(device: TOTPDevice, code: str) -> None:
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


class CodeCheckedSignIn(forms.Form):
    """Put before a sign-in form (an AuthenticationForm): once the person has an authenticator
    app, their code is checked too, and a wrong one counts as a failed sign-in (the
    lockout counts it as it counts a wrong password, so codes cannot be guessed at
    speed either)."""

    otp_token = code_field()
    otp_token.help_text = "Only if you have set up two-factor sign-in."

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        device = two_factor_device(user)
        if device is not None:
            try:
                code_check(device, cleaned.get("otp_token", ""))
            except forms.ValidationError:
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
    otp_token = code_field()

    def __init__(self, *args, device: TOTPDevice, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_otp_token(self) -> str:
        code = self.cleaned_data["otp_token"]
        code_check(self.device, code)
        return code


@dataclass
class DeviceSetup:
    """An unconfirmed authenticator app being set up: its QR code, its key as typed, and
    the form that confirms it with the app's first code."""

    device: TOTPDevice
    form: ConfirmDeviceForm
    qr_code: str
    key: str


def device_setup(user, data=None) -> DeviceSetup:
    """The app being set up for `user`. Its key stays the same until confirmed, so
    reloading the page keeps the QR code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, confirmed=False, name=DEVICE_NAME)
    key = base64.b32encode(device.bin_key).decode()
    return DeviceSetup(
        device=device,
        form=ConfirmDeviceForm(data, device=device),
        qr_code=segno.make(device.config_url, error="m").svg_data_uri(scale=5),
        key=" ".join(key[i : i + 4] for i in range(0, len(key), 4)),
    )


def device_confirm(setup: DeviceSetup) -> None:
    setup.device.confirmed = True
    setup.device.save(update_fields=["confirmed"])
