"""/healthz, /robots.txt and /sitemap.xml."""

import re
from unittest import mock

import pytest
from django.db import OperationalError
from django.utils import timezone

from offer.models import Service
from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def test_healthz_says_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_503_when_the_database_does_not_answer(client):
    with mock.patch(
        "public.views.housekeeping.connection.cursor",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unreachable"}


def test_robots_allows_public_pages_but_not_admin_preview_or_answers(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Allow: /" in lines
    assert {"Disallow: /admin/", "Disallow: /preview/", "Disallow: /check/result/"} <= set(lines)
    assert "Sitemap: http://testserver/sitemap.xml" in lines


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
