"""Housekeeping addresses for machines: health checks, search engines' robots.txt and
sitemap. Thin views; what the sitemap lists comes from the current edition."""

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control

from offer.pages import page_url, public_url
from offer.selectors import statement_current


def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers, 503 when it does not: for load balancers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        response = JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    else:
        response = JsonResponse({"status": "ok", "database": "ok"})
    add_never_cache_headers(response)
    return response


def robots_txt(request: HttpRequest) -> HttpResponse:
    """Public pages may be indexed; the admin, the preview and a family's checker
    answers may not."""
    lines = [
        "User-agent: *",
        "Allow: /",
        f"Disallow: /{settings.ADMIN_PATH}",
        f"Disallow: {reverse('preview:home')}",
        f"Disallow: {reverse('offer:check_result')}",
        f"Sitemap: {public_url(request, reverse('sitemap'))}",
    ]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    patch_cache_control(response, public=True, max_age=3600)
    return response


def sitemap_xml(request: HttpRequest) -> HttpResponse:
    """Every page of the current edition, each last modified when it was published."""
    current = statement_current()
    urls: list[str] = []
    lastmod = None
    if current is not None:
        edition, statement = current
        lastmod = timezone.localtime(edition.published_at).date().isoformat()
        pages = ["home", "statement", "contacts", "providers", "needs", "questions", "stories"]
        pages += ["glossary", "check"]
        urls = [page_url(page) for page in pages]
        urls += [reverse("offer:find"), reverse("offer:editions"), reverse("accessibility")]
        urls += [page_url("tier", tier["slug"]) for tier in statement.tiers]
        urls += [page_url("service", service["slug"]) for service in statement.services]
        urls += [page_url("provider", provider["slug"]) for provider in statement.providers]
    context = {"urls": [public_url(request, url) for url in urls], "lastmod": lastmod}
    return render(request, "sitemap.xml", context, content_type="application/xml")
