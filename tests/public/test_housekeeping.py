"""/healthz, /robots.txt and /sitemap.xml."""

import re
from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone

from offer.models import Service
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def test_healthz_says_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    # The test settings keep the cache in each process: nothing to fail.
    assert response.json() == {"status": "ok", "database": "ok", "cache": "local"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_503_when_the_database_does_not_answer(client):
    with mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.cursor",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["database"] == "unreachable"


def test_healthz_is_503_until_the_database_has_every_migration(client, monkeypatch):
    """A database that was never migrated (make run on a fresh file) would serve 500s:
    the check says so instead of 'ok'. Once migrated, a process does not ask again."""
    from django.db.migrations.executor import MigrationExecutor

    import public.views.housekeeping as housekeeping

    monkeypatch.setattr(housekeeping, "_migrations_applied", False)
    pending = [(mock.Mock(), False)]
    with mock.patch.object(MigrationExecutor, "migration_plan", return_value=pending):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "not migrated: run manage.py migrate"
    with mock.patch.object(MigrationExecutor, "migration_plan", return_value=[]) as plan:
        assert client.get("/healthz").status_code == 200
        assert client.get("/healthz").status_code == 200
    assert plan.call_count == 1


def test_robots_allows_public_pages_but_not_preview_or_answers(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Allow: /" in lines
    assert {"Disallow: /preview/", "Disallow: /check/result/", "Disallow: /list/"} <= set(lines)
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    # Where officers sign in is not advertised: the admin says noindex itself.
    assert reverse("admin:index") not in response.content.decode()
    assert client.get(reverse("admin:login"))["X-Robots-Tag"] == "noindex, nofollow"


@pytest.mark.parametrize("lookup", ["username__regex", "groups__name__iregex"])
def test_admin_lists_refuse_filters_by_regular_expression(admin_client, lookup):
    response = admin_client.get(reverse("admin:auth_user_changelist"), {lookup: "(a+)+$"})
    assert response.status_code == 400
    assert "regular expression" in response.content.decode()


def test_sitemap_lists_every_current_service_and_no_draft(client, durham_edition):
    ServiceFactory(slug="draft-club")  # in the working copy only
    Service.objects.filter(slug="childminders").update(include_in_statement=False)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    xml = response.content.decode()
    locations = re.findall(r"<loc>(.*?)</loc>", xml)
    services = {loc for loc in locations if "/services/" in loc}
    assert services == {
        f"http://testserver/services/{s['slug']}/" for s in durham_edition.snapshot["services"]
    }
    assert "http://testserver/services/draft-club/" not in locations
    assert "http://testserver/support/additional-support/" in locations
    assert "http://testserver/" in locations
    assert xml.count("<lastmod>") == len(locations)
    published_on = timezone.localtime(durham_edition.published_at).date()
    assert f"<lastmod>{published_on:%Y-%m-%d}</lastmod>" in xml


def test_sitemap_uses_site_url_when_set(client, durham_edition, settings):
    settings.SITE_URL = "https://shortbreaks.example.gov.uk"
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>https://shortbreaks.example.gov.uk/services/" in xml


def test_sitemap_before_anything_is_published_is_empty_but_valid(client):
    xml = client.get("/sitemap.xml").content.decode()
    assert "<urlset" in xml and "<url>" not in xml


def test_the_sitemap_is_kept_and_revalidated_like_a_page(client, durham_edition):
    first = client.get("/sitemap.xml")
    assert first["Cache-Control"] == "public, max-age=0, must-revalidate"
    again = client.get("/sitemap.xml", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert client.get("/sitemap.xml?utm=x").content == first.content


def test_the_accessibility_statement_says_how_long_it_may_be_kept(client, durham_edition):
    assert "must-revalidate" in client.get("/accessibility/")["Cache-Control"]


@pytest.mark.parametrize("path", ["/", "/services/virtual-activities/", "/nowhere/"])
def test_a_host_we_do_not_serve_gets_a_400_page_not_a_server_error(client, durham_edition, path):
    response = client.get(path, HTTP_HOST="attacker.example")
    assert response.status_code == 400
    assert "attacker.example" not in response.content.decode()


def test_browsers_get_a_site_icon_in_the_councils_colour(client, settings):
    ico = client.get("/favicon.ico")
    assert ico.status_code == 200 and ico["Content-Type"] == "image/vnd.microsoft.icon"
    body = ico.content
    assert body[:4] == b"\x00\x00\x01\x00" and body[22:30] == b"\x89PNG\r\n\x1a\n"
    svg = client.get("/favicon.svg")
    assert f'fill="{settings.BRANDING["colour"]}"' in svg.content.decode()
    assert "max-age=86400" in svg["Cache-Control"]
    for path in ("/", "/admin/login/"):
        assert (
            '<link rel="icon" href="/favicon.ico" sizes="32x32">'
            in client.get(path).content.decode()
        )


def test_a_councils_own_icon_is_used_when_its_brand_file_names_one(client, settings):
    settings.BRANDING = {**settings.BRANDING, "favicon": "brand/favicon.ico"}
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("brand/favicon.ico")


def test_past_its_limit_the_sitemap_is_an_index_of_sitemaps_that_hold_every_page(
    client, durham_edition, settings
):
    import re

    from django.core.cache import cache

    whole = client.get("/sitemap.xml").content.decode()
    every = set(re.findall(r"<loc>([^<]+)</loc>", whole))
    settings.SITEMAP_ADDRESSES = 5
    cache.clear()  # as for an offer that size from its first publish
    index = client.get("/sitemap.xml")
    assert index.status_code == 200 and index["Content-Type"].startswith("application/xml")
    listed = re.findall(r"<loc>([^<]+)</loc>", index.content.decode())
    assert "<sitemapindex" in index.content.decode()
    assert "http://testserver/sitemap-services.xml?p=2" in listed
    found = set()
    for address in listed:
        part = client.get(address.removeprefix("http://testserver"))
        addresses = re.findall(r"<loc>([^<]+)</loc>", part.content.decode())
        assert part.status_code == 200 and 0 < len(addresses) <= 5
        found.update(addresses)
    assert found == every
    assert client.get("/sitemap-nothing.xml").status_code == 404
    assert client.get("/sitemap-services.xml?p=999").status_code == 404
