"""Safe by default: production passes Django's deploy checks, every answer carries the
security headers, officers' sign-in resists guessing and can require a second factor."""

import importlib
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery staple"


def test_production_settings_pass_the_deploy_checks_with_no_warnings(tmp_path):
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for themselves; a deployment never does.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "shortbreaks.settings.prod",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "SITE_URL": "https://shortbreaks.example.gov.uk",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.fixture
def production_security(settings, monkeypatch):
    """The test site with production's security settings, read from the prod module."""
    monkeypatch.setenv("SECRET_KEY", secrets.token_urlsafe(64))
    monkeypatch.setenv("SITE_URL", "http://testserver")
    prod = importlib.import_module("shortbreaks.settings.prod")
    for name in (
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "CONTENT_SECURITY_POLICY",
    ):
        setattr(settings, name, getattr(prod, name))
    return settings


def _assert_security_headers(response) -> None:
    policy = dict(
        (part.strip().split(" ", 1) + [""])[:2]
        for part in response["Content-Security-Policy"].split(";")
    )
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert policy["script-src"].startswith("'self'")
    assert policy["style-src"] == "'self'"
    assert policy["default-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert "upgrade-insecure-requests" in policy
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_public_pages_answers_and_errors_carry_the_security_headers(
    client, production_security, durham_edition
):
    for path in ("/", "/services/virtual-activities/", "/api/openreferral/services", "/nope/"):
        response = client.get(path, secure=True)
        assert response.status_code in (200, 404)
        _assert_security_headers(response)


@pytest.mark.django_db
def test_the_admin_carries_them_and_its_cookies_are_secure_and_http_only(
    client, production_security
):
    login = client.get(reverse("admin:login"), secure=True)
    _assert_security_headers(login)
    csrf = login.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"

    officer = UserFactory()
    signed_in = client.post(
        reverse("admin:login"),
        {"username": officer.username, "password": PASSWORD},
        secure=True,
    )
    assert signed_in.status_code == 302
    session = signed_in.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    _assert_security_headers(client.get(reverse("admin:index"), secure=True))


# Guessing passwords --------------------------------------------------------------------


def _sign_in(client, username: str, password: str, code: str = "", **extra):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "otp_token": code},
        **extra,
    )


@pytest.mark.django_db
def test_failed_sign_ins_lock_the_user_name_out_from_that_address(client, settings):
    officer = UserFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _sign_in(client, officer.username, "wrong password")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()

    locked = _sign_in(client, officer.username, "still wrong")
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.content.decode()
    # Now even the right password is refused from here...
    assert _sign_in(client, officer.username, PASSWORD).status_code == 429
    # ...but the same officer elsewhere, and other officers here, are not locked out.
    elsewhere = _sign_in(client, officer.username, PASSWORD, REMOTE_ADDR="192.0.2.7")
    assert elsewhere.status_code == 302
    other = UserFactory()
    assert _sign_in(client, other.username, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_a_forwarded_address_cannot_dodge_a_lockout_without_a_trusted_proxy(client, settings):
    officer = UserFactory()
    for n in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, officer.username, "wrong", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    response = _sign_in(client, officer.username, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert response.status_code == 429


@pytest.mark.django_db
def test_behind_one_proxy_a_lockout_holds_for_that_client_only(client, settings):
    """With one load balancer in front every request comes from its address; the lockout
    must count each client X-Forwarded-For names, or five wrong passwords from anywhere
    would lock the officer out for everyone."""
    settings.PROXY_COUNT = 1
    officer = UserFactory()
    balancer = {"REMOTE_ADDR": "10.0.0.1"}
    guesser = {**balancer, "HTTP_X_FORWARDED_FOR": "198.51.100.66"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, officer.username, "wrong", **guesser)
    assert _sign_in(client, officer.username, PASSWORD, **guesser).status_code == 429
    # The guesser cannot get round it by claiming another address to the proxy...
    claimed = {**balancer, "HTTP_X_FORWARDED_FOR": "203.0.113.5, 198.51.100.66"}
    assert _sign_in(client, officer.username, PASSWORD, **claimed).status_code == 429
    # ...and the officer at their own desk, behind the same balancer, still signs in.
    desk = {**balancer, "HTTP_X_FORWARDED_FOR": "198.51.100.20"}
    assert _sign_in(client, officer.username, PASSWORD, **desk).status_code == 302


# Two-factor sign-in --------------------------------------------------------------------


def _code(device: TOTPDevice, drift: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, drift=drift):06d}"


@pytest.mark.django_db
def test_an_officer_sets_up_an_app_and_then_signs_in_with_its_code(client):
    officer = UserFactory()
    client.force_login(officer)
    setup = client.get(reverse("admin:two_factor"))
    page = setup.content.decode()
    assert setup.status_code == 200
    assert 'src="data:image/svg+xml' in page and "type this key" in page
    device = TOTPDevice.objects.get(user=officer)
    assert not device.confirmed

    wrong = client.post(reverse("admin:two_factor"), {"otp_token": "000000"})
    assert wrong.status_code == 400
    assert "That code is wrong or has expired" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed

    device.throttle_reset()
    confirmed = client.post(reverse("admin:two_factor"), {"otp_token": _code(device)})
    assert confirmed.status_code == 302
    device.refresh_from_db()
    assert device.confirmed

    client.logout()
    no_code = _sign_in(client, officer.username, PASSWORD)
    assert no_code.status_code == 200
    assert "Enter the 6-digit code" in no_code.content.decode()
    device.refresh_from_db()
    device.throttle_reset()
    # The code just used for setting up cannot be replayed; the next one works.
    signed_in = _sign_in(client, officer.username, PASSWORD, _code(device, drift=1))
    assert signed_in.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


@pytest.mark.django_db
def test_when_required_an_officer_without_an_app_must_set_one_up_first(client, settings):
    settings.OTP_REQUIRED = True
    officer = UserFactory(is_superuser=True)
    response = _sign_in(client, officer.username, PASSWORD)
    assert response.status_code == 302
    # Signed in by password only: the admin is closed until a code is given.
    index = client.get(reverse("admin:index"))
    assert index.status_code == 302 and index["Location"].startswith(reverse("admin:login"))
    assert client.get(index["Location"])["Location"] == reverse("admin:two_factor")

    client.get(reverse("admin:two_factor"))
    device = TOTPDevice.objects.get(user=officer)
    client.post(reverse("admin:two_factor"), {"otp_token": _code(device)})
    assert client.get(reverse("admin:index")).status_code == 200

    # Next time, the password and a code sign in straight to the admin.
    client.logout()
    device.refresh_from_db()
    signed_in = _sign_in(client, officer.username, PASSWORD, _code(device, drift=1))
    assert signed_in.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


@pytest.mark.django_db
def test_the_set_up_page_is_for_signed_in_officers_only(client):
    response = client.get(reverse("admin:two_factor"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert not TOTPDevice.objects.exists()


@pytest.mark.django_db
def test_wrong_codes_count_towards_the_lockout_like_wrong_passwords(client, settings):
    officer = UserFactory()
    device = TOTPDevice.objects.create(user=officer, confirmed=True, name="Phone")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        device.throttle_reset()
        wrong = _sign_in(client, officer.username, PASSWORD, "000000")
        assert "That code is wrong" in wrong.content.decode()
    device.throttle_reset()
    assert _sign_in(client, officer.username, PASSWORD, "000000").status_code == 429
    # Locked out now, even with the right password and code.
    device.throttle_reset()
    assert _sign_in(client, officer.username, PASSWORD, _code(device)).status_code == 429


@pytest.mark.django_db
def test_when_required_a_password_only_session_cannot_read_the_preview(
    client, settings, durham_edition
):
    settings.OTP_REQUIRED = True
    officer = UserFactory(is_superuser=True)
    assert _sign_in(client, officer.username, PASSWORD).status_code == 302
    preview = client.get("/preview/services/virtual-activities/")
    assert preview.status_code in (302, 403)
    assert "Virtual activities" not in preview.content.decode()


@pytest.mark.django_db
def test_an_officers_sign_in_ends_after_a_working_day_unused_and_at_browser_close(client):
    from datetime import timedelta
    from unittest import mock

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    officer = UserFactory()
    signed_in = _sign_in(client, officer.username, PASSWORD)
    assert signed_in.status_code == 302
    cookie = signed_in.cookies["sessionid"]
    assert not cookie["expires"] and not cookie["max-age"]  # gone when the browser closes

    started = timezone.now()
    with mock.patch("django.utils.timezone.now", return_value=started + timedelta(hours=6)):
        assert client.get(reverse("admin:index")).status_code == 200  # in use: a new day
    expiry = Session.objects.get().expire_date
    assert expiry > started + timedelta(hours=13)
    with mock.patch("django.utils.timezone.now", return_value=expiry + timedelta(minutes=1)):
        assert client.get(reverse("admin:index")).status_code == 302
