"""Housekeeping addresses for machines: the load balancer's health check, and search
engines' robots.txt and sitemap."""

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control

from ..family import Family, page_url, public_url
from ..sitemaps import statement_sitemaps
from ..statement import statement_current


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
        f"Disallow: {page_url('home', family=Family.PREVIEW)}",
        f"Disallow: {page_url('check_result')}",
        f"Sitemap: {public_url(request, reverse('sitemap'))}",
    ]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    patch_cache_control(response, public=True, max_age=3600)
    return response


def sitemap_xml(request: HttpRequest, *, pages: list[str]) -> HttpResponse:
    """Every page of the current edition (`pages`, then each tier, service and provider),
    each last modified when it was published."""
    current = statement_current()
    sitemaps = statement_sitemaps(*current, pages=pages) if current else {}
    return sitemap_views.sitemap(request, sitemaps=sitemaps)
