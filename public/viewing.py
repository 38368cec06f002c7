"""Where each public page is read, and how a view joins in.

Every public page is at up to three sets of addresses (`Addresses`), with the same URL
names:

- current: the current edition, `/services/<slug>/` (namespace "current");
- pinned: one edition by its number, `/statement/3/services/<slug>/` ("pinned");
- preview: the officers' preview of the working copy, `/preview/services/<slug>/`.

The pages themselves are listed once, in public/pages.py. `in_addresses` wraps a page's
view for one set of addresses: it finds the edition (or the working copy), puts a
`Viewing` on the request saying what is being read, and keeps the answer in the page
cache. Templates link with `{% page_url %}`, which stays inside the addresses being read.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from core.addresses import address_maker
from editions.models import Edition
from editions.read import Statement
from editions.selectors import (
    edition_by_version,
    edition_current,
    edition_statement,
    working_copy_statement,
)
from offer.roles import PREVIEW_PERMISSION

from .canonical import canonical_query
from .page_cache import page_cached
from .privacy import kept_private
from .reading import reading_age_shown
from .shortlist import SHORTLIST_PARAMETER, shortlist_carried


class Addresses(StrEnum):
    """Which set of addresses a page is read at (the current edition's, a pinned
    edition's or the preview's); the value is its URL namespace."""

    CURRENT = "current"
    PINNED = "pinned"
    PREVIEW = "preview"


ALL_ADDRESSES = frozenset(Addresses)


@dataclass(frozen=True)
class Page:
    """One public page: its URL name, its route within each set of addresses and its view.

    `view(request, [slug,] *, edition, statement)` gets the edition read (None in the
    preview) and its content, read (editions.read.Statement)."""

    name: str
    route: str
    view: Callable[..., HttpResponse]
    addresses: frozenset[Addresses] = ALL_ADDRESSES
    # Where the page lives in a pinned edition, when not at `route`.
    pinned_route: str | None = None
    # In a pinned edition, the page that stands in for this one (an edition's front page
    # is the whole statement).
    pinned_alias: str | None = None
    # The menu item the page belongs to (the first page naming an item is its link).
    menu: str = ""
    # Listed in the sitemap (pages of one tier, service or provider are listed apart).
    in_sitemap: bool = False
    # Shown before anything is published (with no edition and no statement).
    before_publishing: bool = False
    # The query parameters the page reads; any others are dropped before it renders.
    reads: tuple[str, ...] = ()
    # Its address holds a family's own answers or choices: never kept by a cache,
    # indexed, or sent to other sites as a Referer (public/privacy.py). Every page is
    # private while it carries a family's list (public/shortlist.py).
    private: bool = False
    # A page only some statements have (the FAQ, the checker...): the Statement
    # attribute that must hold something. Without it the page is not found, nor linked.
    shown_if: str = ""

    def is_private(self, query: QueryDict) -> bool:
        return self.private or SHORTLIST_PARAMETER in query

    @property
    def reads_with_list(self) -> tuple[str, ...]:
        """What the page reads, and the family's list, which every page carries on."""
        return tuple(dict.fromkeys((*self.reads, SHORTLIST_PARAMETER)))

    def shown_in(self, statement: Statement) -> bool:
        """Whether the statement has anything for this page."""
        return not self.shown_if or bool(getattr(statement, self.shown_if))


def page_url(
    name: str, slug: str | None = None, *, addresses: Addresses = Addresses.CURRENT, edition=None
) -> str:
    """The address of page `name` (of one tier, service or provider when `slug` is
    given) at `addresses`; a pinned page needs the `edition`."""
    kwargs = {"slug": slug} if slug is not None else {}
    if addresses is Addresses.PINNED:
        kwargs["version"] = edition.version
    return reverse(f"{addresses}:{name}", kwargs=kwargs)


def page_url_maker(name: str) -> Callable[[str], str]:
    """page_url for the current edition's page `name` of one record, worked out once: a
    function from a slug to its address, for lists of thousands (the feed, the
    sitemap). Slugs hold only letters, digits, hyphens and underscores, so the address
    needs no escaping."""
    return address_maker(f"{Addresses.CURRENT}:{name}")


def public_url(request: HttpRequest, path: str) -> str:
    """The address the public uses for `path`: at SITE_URL when set (behind a proxy the
    request's own host may be an internal one), else at the request's host."""
    return f"{settings.SITE_URL}{path}" if settings.SITE_URL else request.build_absolute_uri(path)


@dataclass(frozen=True)
class Viewing:
    """What a request is reading: a page at one set of addresses, in which edition (None: the
    working copy, or nothing published yet), and which edition is current. Views and
    templates find it at `request.viewing`."""

    addresses: Addresses
    page: Page
    slug: str | None
    edition: Edition | None
    current: Edition | None
    pages: Mapping[str, Page]
    # The query string as sent, before only what the page reads was kept: a redirect
    # to a renamed page passes it on (campaign tags and all).
    query_as_sent: str = ""

    @property
    def is_preview(self) -> bool:
        return self.addresses is Addresses.PREVIEW

    @property
    def is_earlier_edition(self) -> bool:
        """A pinned edition that is no longer the current one."""
        return self.addresses is Addresses.PINNED and (
            self.current is None or self.current.pk != self.edition.pk
        )

    @property
    def current_url(self) -> str:
        """This page in the current edition."""
        return page_url(self.page.name, self.slug)

    def url(self, name: str, slug: str | None = None) -> str:
        """Page `name` at the addresses being read; a page they lack is linked in the
        current edition (the finder reads only the current edition)."""
        page = self.pages[name]
        if self.addresses in page.addresses:
            return page_url(name, slug, addresses=self.addresses, edition=self.edition)
        if self.addresses is Addresses.PINNED and page.pinned_alias:
            return page_url(page.pinned_alias, slug, addresses=self.addresses, edition=self.edition)
        return page_url(name, slug)


def in_addresses(addresses: Addresses, page: Page, pages: Mapping[str, Page]) -> Callable:
    """Page `page`'s view, served at `addresses`: at its canonical address, given its
    edition and statement, with `request.viewing` set, and cached per edition (never in
    the preview)."""

    def view(request: HttpRequest, slug: str | None = None, version: int | None = None):
        query_as_sent = request.META.get("QUERY_STRING", "")
        request.GET = canonical_query(request.GET, page.reads_with_list)
        request.META["QUERY_STRING"] = request.GET.urlencode()

        def viewing(edition: Edition | None, current: Edition | None) -> Viewing:
            return Viewing(addresses, page, slug, edition, current, pages, query_as_sent)

        def call(edition, statement) -> HttpResponse:
            if statement is not None and not page.shown_in(statement):
                raise Http404("This statement has nothing for this page.")
            args = (slug,) if slug is not None else ()
            response = page.view(request, *args, edition=edition, statement=statement)
            if SHORTLIST_PARAMETER in request.GET:
                shortlist_carried(response, request.GET)
            return kept_private(response) if page.is_private(request.GET) else response

        if addresses is Addresses.PREVIEW:
            # Only officers signed in to the admin (with their code, when codes are
            # required) and allowed to preview. Anyone else gets no draft and no pointer
            # to where officers sign in.
            if not admin.site.has_permission(request):
                raise PermissionDenied("Previews are only for officers who are signed in.")
            if not request.user.has_perm(PREVIEW_PERMISSION):
                raise PermissionDenied("You need the Editor or Publisher role to preview.")
            request.viewing = viewing(None, None)
            response = reading_age_shown(call(None, working_copy_statement()))
            add_never_cache_headers(response)  # drafts must not sit in shared caches
            response["X-Robots-Tag"] = "noindex, nofollow"
            return response

        current = edition_current()
        if addresses is Addresses.PINNED:
            edition = edition_by_version(version=version)
            if edition is None:
                raise Http404("We could not find that edition of the statement.")
        else:
            edition = current
        request.viewing = viewing(edition, current)
        if edition is None:
            if page.before_publishing:
                return call(None, None)
            # Nothing published yet: a page of one record does not exist at all.
            status = 404 if slug is not None else 200
            return render(request, "public/not_published.html", status=status)
        # Only when the page is not kept: a page another instance kept in the shared
        # cache needs neither the snapshot nor its parsing here. A pinned page's banner
        # pointing to the current edition depends on which that is.
        return page_cached(
            request,
            current=current,
            pinned=edition if addresses is Addresses.PINNED else None,
            render=lambda: call(edition, edition_statement(edition=edition)),
        )

    view.__name__ = view.__qualname__ = f"{page.view.__name__}_{addresses}"
    # What KeptPagesMiddleware reduces an address to before it looks the page up.
    view.canonical_reads = page.reads_with_list
    view.__doc__ = page.view.__doc__
    return view
