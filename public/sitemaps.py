"""The current edition's pages for search engines, through Django's sitemaps framework:
the pages listed once in public/pages.py, then every tier, service and provider."""

from typing import Any

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.utils import timezone

from editions.models import Edition
from editions.read import Statement
from offer.choices import SectionPlace

from .viewing import Page, page_url, page_url_maker


class _EditionSitemap(Sitemap):
    """Addresses at SITE_URL when it is set (behind a proxy the request's own host may
    be an internal one), each last modified when the edition was published."""

    def __init__(self, edition: Edition, items: list[Any]):
        self.edition = edition
        self.records = items
        # Past this many, /sitemap.xml becomes an index of paged sitemaps.
        self.limit = settings.SITEMAP_ADDRESSES

    def items(self) -> list[Any]:
        return self.records

    def lastmod(self, item):
        return timezone.localdate(self.edition.published_at)

    def get_protocol(self, protocol=None) -> str:
        if settings.SITE_URL:
            return settings.SITE_URL.split("://", 1)[0]
        return super().get_protocol(protocol)

    def get_domain(self, site=None) -> str:
        if settings.SITE_URL:
            return settings.SITE_URL.split("://", 1)[1]
        return super().get_domain(site)


class _PageSitemap(_EditionSitemap):
    def location(self, item: str) -> str:
        return page_url(item)


class _RecordSitemap(_EditionSitemap):
    """The pages of one kind of record (tier, service or provider)."""

    def __init__(self, edition: Edition, items: list[Any], page: str):
        super().__init__(edition, items)
        self.url = page_url_maker(page)

    def location(self, item: Any) -> str:
        return self.url(item.slug)


def statement_sitemaps(
    edition: Edition, statement: Statement, *, pages: list[Page]
) -> dict[str, Sitemap]:
    """The sitemaps of the edition: those of `pages` (whole pages) the statement has
    something for, then its records."""
    shown = [page.name for page in pages if page.shown_in(statement)]
    return {
        "pages": _PageSitemap(edition, shown),
        "tiers": _RecordSitemap(edition, statement.tiers, "tier"),
        "services": _RecordSitemap(edition, statement.services, "service"),
        "providers": _RecordSitemap(edition, statement.providers, "provider"),
        "sections": _RecordSitemap(
            edition, statement.sections_in(SectionPlace.OWN_PAGE), "section"
        ),
    }


def sitemap_addresses(sitemaps: dict[str, Sitemap]) -> int:
    """How many addresses the sitemaps hold between them."""
    return sum(sitemap.paginator.count for sitemap in sitemaps.values())
