"""The public addresses: housekeeping for machines, then the page addresses three times
over (an edition pinned by number, the officers' preview, the current edition), each
made from the one list in public/pages.py."""

from django.urls import include, path

from .pages import PAGES, PAGES_BY_NAME, pages_at
from .viewing import Addresses, in_addresses
from .views import housekeeping


def urls_at(addresses: Addresses) -> tuple[list, str]:
    """The family's URL patterns, in its namespace."""
    patterns = [
        path(route, in_addresses(addresses, page, PAGES_BY_NAME), name=page.name)
        for page, route in pages_at(addresses)
    ]
    return patterns, addresses.value


urlpatterns = [
    path("healthz", housekeeping.healthz, name="healthz"),
    path(
        "robots.txt",
        housekeeping.robots_txt,
        # Search engines leave alone what holds a family's answers and is no page to find.
        {"private": [page for page in PAGES if page.private is True and not page.in_sitemap]},
        name="robots",
    ),
    path("favicon.ico", housekeeping.favicon, name="favicon"),
    path("site.css", housekeeping.site_css, name="site_css"),
    path("favicon.svg", housekeeping.favicon, {"svg": True}, name="favicon_svg"),
    path(
        "sitemap.xml",
        housekeeping.sitemap_xml,
        {"pages": [page for page in PAGES if page.in_sitemap]},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        housekeeping.sitemap_xml,
        {"pages": [page for page in PAGES if page.in_sitemap]},
        name="sitemap_section",
    ),
    path("statement/<int:version>/", include(urls_at(Addresses.PINNED))),
    path("preview/", include(urls_at(Addresses.PREVIEW))),
    path("", include(urls_at(Addresses.CURRENT))),
]
