"""The public addresses: housekeeping for machines, then the page family three times
over (an edition pinned by number, the officers' preview, the current edition), each
made from the one list in public/pages.py."""

from django.urls import include, path

from .family import Family, in_family
from .pages import PAGES, PAGES_BY_NAME, family_pages
from .views import housekeeping


def family_urls(family: Family) -> tuple[list, str]:
    """The family's URL patterns, in its namespace."""
    patterns = [
        path(route, in_family(family, page, PAGES_BY_NAME), name=page.name)
        for page, route in family_pages(family)
    ]
    return patterns, family.value


urlpatterns = [
    path("healthz", housekeeping.healthz, name="healthz"),
    path("robots.txt", housekeeping.robots_txt, name="robots"),
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
    path("statement/<int:version>/", include(family_urls(Family.PINNED))),
    path("preview/", include(family_urls(Family.PREVIEW))),
    path("", include(family_urls(Family.CURRENT))),
]
