"""Housekeeping addresses for machines: the load balancer's health check, search
engines' robots.txt and sitemap, and browsers' site icon."""

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers

from core.cache import cache_state
from core.icons import icon_ico, icon_svg
from editions.selectors import statement_current

from ..page_cache import page_cached
from ..sitemaps import sitemap_addresses, statement_sitemaps
from ..viewing import Addresses, Page, canonical_query, page_url, public_url


def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers: 503 when the database does not answer within its connect
    timeout, or has not had every migration (the site cannot serve), else 200. The cache
    is reported but does not fail the check: pages render without it, and a shared Redis
    going down must not take every instance out of the load balancer at once
    ("degraded", still 200)."""
    database = _database_state()
    if database == "ok" and not _migrated():
        database = "not migrated: run manage.py migrate"
    cache = cache_state()
    if database != "ok":
        status, code = "unavailable", 503
    elif cache not in ("ok", "local"):
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    response = JsonResponse({"status": status, "database": database, "cache": cache}, status=code)
    add_never_cache_headers(response)
    return response


_migrations_applied = False


def _migrated() -> bool:
    """Whether the database has every migration this code has. Once it has, this process
    does not ask again (new migrations come with new code, which restarts it)."""
    global _migrations_applied
    if not _migrations_applied:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        leaves = executor.loader.graph.leaf_nodes()
        _migrations_applied = not executor.migration_plan(leaves)
    return _migrations_applied


def _database_state() -> str:
    """'ok' when a fresh connection answers SELECT 1: a connection kept open from before
    could be stuck on a database that has stopped answering."""
    fresh = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with fresh.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return "unreachable"
    finally:
        fresh.close()
    return "ok"


def favicon(request: HttpRequest, *, svg: bool = False) -> HttpResponse:
    """The site's icon, on public and admin pages: the council's own file when
    brand.json names one (a file under static/), else a neutral one in its colour."""
    own = settings.BRANDING.get("favicon")
    if own:
        return HttpResponsePermanentRedirect(static(own))
    colour = settings.BRANDING["colour"]
    if svg:
        response = HttpResponse(icon_svg(colour), content_type="image/svg+xml")
    else:
        response = HttpResponse(icon_ico(colour), content_type="image/vnd.microsoft.icon")
    patch_cache_control(response, public=True, max_age=86400)
    return response


def site_css(request: HttpRequest) -> HttpResponse:
    """The site's own address for the print styles, so a printed page gives links within
    the site in full (the address at SITE_URL, else this request's)."""
    address = public_url(request, "/").rstrip("/")
    quoted = address.replace("\\", "\\\\").replace('"', '\\"')
    response = HttpResponse(
        f':root{{--app-site-address:"{quoted}"}}\n', content_type="text/css; charset=utf-8"
    )
    patch_cache_control(response, public=True, max_age=86400)
    patch_vary_headers(response, ["Host"])
    return response


def robots_txt(request: HttpRequest, *, private: list[Page]) -> HttpResponse:
    """Public pages may be indexed; the preview and the `private` pages (a family's
    checker answers, their list) may not. The admin is not named (its address may be
    kept private): its answers say noindex themselves (shortbreaks/middleware.py)."""
    lines = [
        "User-agent: *",
        "Allow: /",
        f"Disallow: {page_url('home', addresses=Addresses.PREVIEW)}",
        *(f"Disallow: {page_url(page.name)}" for page in private),
        f"Sitemap: {public_url(request, reverse('sitemap'))}",
    ]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    patch_cache_control(response, public=True, max_age=3600)
    return response


def sitemap_xml(request: HttpRequest, *, pages: list[Page], section: str | None = None):
    """Every page of the current edition (`pages`, then each tier, service and provider),
    each last modified when it was published; kept per edition like a page, with the
    headers a page has. Past SITEMAP_ADDRESSES addresses, /sitemap.xml is an index of
    sitemaps of at most that many each (`section`, a page of it in ?p=)."""
    current = statement_current()
    if current is None:
        return sitemap_views.sitemap(request, sitemaps={})
    request.GET = canonical_query(request.GET, ("p",))  # its one parameter: which part
    request.META["QUERY_STRING"] = request.GET.urlencode()
    edition, statement = current

    def render_sitemap() -> HttpResponse:
        sitemaps = statement_sitemaps(edition, statement, pages=pages)
        if section is not None and section not in sitemaps:
            raise Http404("There is no such sitemap.")
        if section is None and sitemap_addresses(sitemaps) > settings.SITEMAP_ADDRESSES:
            return _sitemap_index(request, sitemaps, edition=edition)
        # A TemplateResponse: rendered now, to be kept.
        return sitemap_views.sitemap(request, sitemaps=sitemaps, section=section).render()

    return page_cached(request, current=edition, render=render_sitemap)


def _sitemap_index(request: HttpRequest, sitemaps: dict, *, edition) -> HttpResponse:
    """An index of the sitemaps (one per kind of page, paged), at the public address."""
    entries = []
    for name, sitemap in sitemaps.items():
        if not sitemap.paginator.count:
            continue
        address = public_url(request, reverse("sitemap_section", kwargs={"section": name}))
        for number in sitemap.paginator.page_range:
            location = address if number == 1 else f"{address}?p={number}"
            entries.append({"location": location, "last_mod": edition.published_at})
    return render(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )
