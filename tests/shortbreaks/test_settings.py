import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load_settings(module: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL"}
    }
    return subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.DEBUG)"],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": module, **env},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "SITE_URL"])
def test_production_refuses_to_start_without_required_settings(missing):
    env = {"SECRET_KEY": "x" * 50, "SITE_URL": "https://shortbreaks.example.gov.uk"}
    del env[missing]
    result = _load_settings("shortbreaks.settings.prod", **env)
    assert result.returncode != 0
    assert f"Set the {missing} environment variable" in result.stderr


def test_admin_path_moves_the_admin():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.urls import reverse; "
            "print(reverse('admin:index'))",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "shortbreaks.settings.test",
            "ADMIN_PATH": "/officers/",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.strip() == "/officers/", result.stderr


def test_production_runs_with_debug_off_when_configured():
    result = _load_settings(
        "shortbreaks.settings.prod", SECRET_KEY="x" * 50, SITE_URL="https://example.gov.uk"
    )
    assert result.stdout.strip() == "False", result.stderr


@pytest.mark.django_db
@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").split(":")[0] not in ("postgres", "postgresql"),
    reason="statement timeouts are set on PostgreSQL",
)
def test_no_database_statement_may_hold_a_worker_for_long():
    from django.db import OperationalError, connection, transaction

    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "20s"
        cursor.execute("SET LOCAL statement_timeout = '50ms'")
        with pytest.raises(OperationalError, match="statement timeout"), transaction.atomic():
            cursor.execute("SELECT pg_sleep(1)")


def test_redis_in_cache_url_is_the_fail_soft_cache_with_short_timeouts():
    code = (
        "from django.conf import settings; c = settings.CACHES['default']; "
        "print(c['BACKEND'], c['OPTIONS']['socket_connect_timeout'], "
        "c['OPTIONS']['socket_timeout'])"
    )
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        "DJANGO_SETTINGS_MODULE": "shortbreaks.settings.dev",
        "CACHE_URL": "redis://127.0.0.1:6379/3",
    }
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["core.cache.FailSoftRedisCache", "0.25", "0.25"]


def _prod_value(expression: str, **env: str) -> str:
    base = {"SECRET_KEY": "x" * 50, "SITE_URL": "https://shortbreaks.example.gov.uk", **env}
    clean = {k: v for k, v in os.environ.items() if k not in base}
    done = subprocess.run(
        [sys.executable, "-c", f"from django.conf import settings; print({expression})"],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "shortbreaks.settings.prod", **base},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_trial_over_plain_http_loads_its_own_styles_and_https_upgrades_the_rest():
    upgrade = "settings.CONTENT_SECURITY_POLICY['DIRECTIVES'].get('upgrade-insecure-requests')"
    assert _prod_value(upgrade) == "True"
    assert _prod_value(upgrade, SECURE_SSL_REDIRECT="false") == "None"


@pytest.mark.django_db
def test_a_load_balancer_checks_health_over_plain_http_without_a_redirect(client, settings):
    exempt = _prod_value("settings.SECURE_REDIRECT_EXEMPT")
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = ast.literal_eval(exempt)  # as production sets it
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301


def test_the_public_address_gives_the_allowed_host_and_the_trusted_origin():
    assert _prod_value("settings.ALLOWED_HOSTS") == "['shortbreaks.example.gov.uk']"
    assert _prod_value("settings.CSRF_TRUSTED_ORIGINS") == "['https://shortbreaks.example.gov.uk']"
    # Another host (a balancer's health check by an internal name) may be added.
    assert _prod_value("settings.ALLOWED_HOSTS", ALLOWED_HOSTS="app.internal") == (
        "['app.internal', 'shortbreaks.example.gov.uk']"
    )


@pytest.mark.parametrize(
    "site_url", ["shortbreaks.example.gov.uk", "https://example.gov.uk/short-breaks", "ftp://x"]
)
def test_a_public_address_that_is_not_one_is_refused_at_start(site_url):
    result = _load_settings("shortbreaks.settings.prod", SECRET_KEY="x" * 50, SITE_URL=site_url)
    assert result.returncode != 0
    assert "SITE_URL must be the site's public address alone" in result.stderr
