"""Public pages kept per edition, answered before any other middleware runs, and with
304 when the reader has them.

An edition never changes, so a page rendered from it can be kept until the next
publish. A page is kept once per canonical address: junk in the query string costs no
memory (see _key). Keys hold the current edition's id, so a publish on any instance
changes every key at once: no instance serves the old edition once it has seen the new
one (within CURRENT_EDITION_SECONDS), and nothing needs to be deleted. With CACHE_URL
pointing at Redis, all instances share one cache, and each process also keeps its most
read pages in PAGE_LOCAL_BYTES of its own memory, so a popular page is not fetched
from Redis on every visit.

A page is kept with the headers every other middleware gave it the first time (security
headers, content policy) and with its gzip bytes, so a visit to a kept page, at its
canonical address, is answered by KeptPagesMiddleware at the top of the stack: no
database query, no other middleware, no view, no compression.

Only plain 200 answers are kept; anything marked private or never-cache (a checker
result, a preview) or that sets a cookie is left alone.
"""

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.encoding import escape_uri_path, iri_to_uri
from django.utils.http import http_date
from django.utils.text import compress_string

from core.database import database_unavailable
from editions.cache import edition_memo_register
from editions.models import Edition
from editions.selectors import edition_current

from .canonical import canonical_query

# Set afresh on every answer rather than kept: they describe this answer, not the page.
_NOT_KEPT = frozenset(
    {"content-length", "content-encoding", "etag", "vary", "date", "set-cookie", "server"}
)

# GZipMiddleware's own rules: not under 200 bytes, and only when the reader says gzip.
_GZIP_FROM = 200


def _takes_gzip(accept_encoding: str) -> bool:
    """Whether the reader takes gzip: named (or '*') with a weight above 0, so
    'gzip;q=0' is a refusal."""
    weights = {}
    for part in accept_encoding.lower().split(","):
        name, _, params = part.strip().partition(";")
        weight = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        weights[name.strip()] = weight
    return weights.get("gzip", weights.get("x-gzip", weights.get("*", 0.0))) > 0


# When this code started: a deploy can change every page without a new edition, so
# Last-Modified is never earlier than this.
_STARTED = time.time()


class KeptPage(NamedTuple):
    """A page as kept: its bytes, compressed and not, and every header but those that
    describe one answer."""

    headers: tuple[tuple[str, str], ...]
    content: bytes
    gzip: bytes | None
    etag: str
    last_modified: int

    @property
    def size(self) -> int:
        return len(self.content) + len(self.gzip or b"")


class _LocalPages:
    """The pages this process read most recently, up to a number of bytes (least
    recently used out), in front of a shared cache."""

    def __init__(self):
        self._pages: OrderedDict[str, KeptPage] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> KeptPage | None:
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key: str, page: KeptPage) -> None:
        budget = settings.PAGE_LOCAL_BYTES
        # A page bigger than an eighth of the budget would push out many small ones.
        if page.size > budget // 8:
            return
        with self._lock:
            if key in self._pages:
                return
            self._pages[key] = page
            self._bytes += page.size
            while self._bytes > budget:
                self._bytes -= self._pages.popitem(last=False)[1].size

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self._bytes = 0


_local = _LocalPages()
edition_memo_register(_local.clear)


def kept_pages_forget() -> None:
    """Forget the pages this process keeps in its own memory (the shared cache keeps
    its copies)."""
    _local.clear()


def _canonical_path(request: HttpRequest) -> str:
    """The address as its page would be kept: for a public page, only the parameters it
    reads, in one order (public/canonical.py), so any spelling of a kept page is a hit
    here; anything else as it came."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return request.get_full_path()
    reads = getattr(match.func, "canonical_reads", None)
    if reads is None:
        return request.get_full_path()
    query = canonical_query(request.GET, reads).urlencode()
    # As HttpRequest.get_full_path writes it, which the view's own lookup uses.
    return escape_uri_path(request.path) + (f"?{iri_to_uri(query)}" if query else "")


def _key(request: HttpRequest, current: Edition, *, full_path: str | None = None) -> str:
    """What the page depends on, and nothing else: the current edition (a pinned
    edition's number is in the address) and the address; unless SITE_URL fixes the
    public address, also the scheme and host its share links and og:url are written
    with. Reading the host checks it against ALLOWED_HOSTS (a bad one is a 400)."""
    host = request.get_host()
    origin = "" if settings.SITE_URL else f"{request.scheme}://{host}"
    address = f"{origin}{full_path if full_path is not None else request.get_full_path()}"
    digest = hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()
    return f"page:{current.uid}:{digest}"


def _kept_get(key: str) -> KeptPage | None:
    page = _local.get(key)
    if page is None and (page := cache.get(key)) is not None:
        _local.put(key, page)
    return page


def _cacheable(response: HttpResponse) -> bool:
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in control
        and "no-store" not in control
        and "no-cache" not in control
    )


def _variant_allowed(request: HttpRequest, current: Edition) -> bool:
    """Whether one more answer of this page for another question in its address (another
    search) may be kept: at most PAGE_VARIANTS_KEPT a page an edition. A page's own
    address, with no question, is always kept."""
    if not request.META.get("QUERY_STRING"):
        return True
    digest = hashlib.sha256(request.path.encode("utf-8", "surrogateescape")).hexdigest()
    counter = f"page-variants:{current.uid}:{digest}"
    cache.add(counter, 0, timeout=settings.PAGE_CACHE_SECONDS)
    try:
        kept = cache.incr(counter)
    except ValueError:  # gone between the two (evicted): count from here
        cache.set(counter, 1, timeout=settings.PAGE_CACHE_SECONDS)
        kept = 1
    return kept <= settings.PAGE_VARIANTS_KEPT


def _answer(request: HttpRequest, page: KeptPage) -> HttpResponse:
    """The kept page as an answer to `request`: compressed when the reader takes gzip,
    304 when the reader's copy (If-None-Match / If-Modified-Since) is still this page."""
    etag = page.etag
    if page.gzip is not None and _takes_gzip(request.headers.get("Accept-Encoding", "")):
        response = HttpResponse(page.gzip)
        response["Content-Encoding"] = "gzip"
        # As GZipMiddleware does: the compressed bytes differ, the page does not.
        etag = f"W/{etag}"
    else:
        response = HttpResponse(page.content)
    for name, value in page.headers:
        response[name] = value
    response["Content-Length"] = str(len(response.content))
    response["Vary"] = "Accept-Encoding"
    response["ETag"] = etag
    return (
        get_conditional_response(
            request, etag=etag, last_modified=page.last_modified, response=response
        )
        or response
    )


def page_cached(
    request: HttpRequest,
    *,
    current: Edition,
    pinned: Edition | None = None,
    render: Callable[[], HttpResponse],
) -> HttpResponse:
    """The page from the cache, or rendered by `render` and marked for
    KeptPagesMiddleware to keep once every middleware has added its headers; 304 when
    the reader's copy is still this page. `request` has its canonical address by now."""
    if request.method not in ("GET", "HEAD"):
        return render()
    key = _key(request, current)
    # The middleware has looked for this key already unless the address was not canonical.
    if key != getattr(request, "kept_page_looked_up", None):
        page = _kept_get(key)
        if page is not None:
            return _answer(request, page)
    response = render()
    if not _cacheable(response) or not _variant_allowed(request, current):
        return response
    edition = pinned or current
    last_modified = int(max(edition.published_at.timestamp(), _STARTED))
    etag = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
    # Compressed once, here, rather than by GZipMiddleware on every visit. A kept page
    # holds no secret and sets no cookie, so one padding for all is safe.
    zipped = compress_string(response.content) if len(response.content) >= _GZIP_FROM else None
    # Browsers and CDNs may keep it, but must check it is still current before use:
    # a 304 costs nothing, and a new edition is seen at once.
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    response["Last-Modified"] = http_date(last_modified)
    response.page_to_keep = (key, KeptPage((), response.content, zipped, etag, last_modified))
    # Answered as a kept page is, so the first visit and every later one look the same.
    answer = _answer(request, response.page_to_keep[1]._replace(headers=tuple(response.items())))
    answer.page_to_keep = response.page_to_keep
    return answer


# The current edition as last read, here and (for a process started while the database
# is down) beside the pages in the shared cache, so kept pages are still served while the
# database does not answer.
_CURRENT_KEY = "page-current-edition"
# After the database fails to answer, how long kept pages are served without asking it
# again (a hung database would otherwise cost every visit the query's time limit).
DATABASE_REST_SECONDS = 5.0
_known = {"current": None, "resting_until": 0.0}


def _current_or_last_known() -> tuple[Edition | None, bool]:
    """The current edition and True; while the database does not answer, the last one
    known and False."""
    if time.monotonic() >= _known["resting_until"]:
        try:
            current = edition_current()
        except DatabaseError:
            _known["resting_until"] = time.monotonic() + DATABASE_REST_SECONDS
        else:
            if current is not None and current != _known["current"]:
                _known["current"] = current
                cache.set(_CURRENT_KEY, current, timeout=None)
            return current, True
    return _known["current"] or cache.get(_CURRENT_KEY), False


class KeptPagesMiddleware:
    """First in MIDDLEWARE: a kept page is answered here, before any other middleware
    or the database is asked anything; a page rendered below is kept here, with the
    headers the rest of the stack gave it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        # Never pages: static files (whitenoise), the officers' area, the health check.
        self.skipped = (settings.STATIC_URL, f"/{settings.ADMIN_PATH}", "/healthz")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.method in ("GET", "HEAD")
            and not request.path.startswith(self.skipped)
            # SecurityMiddleware would send this reader to https first.
            and (request.is_secure() or not settings.SECURE_SSL_REDIRECT)
        ):
            current, answered = _current_or_last_known()
            if current is not None:
                key = request.kept_page_looked_up = _key(
                    request, current, full_path=_canonical_path(request)
                )
                page = _kept_get(key)
                if page is not None:
                    return _answer(request, page)
            if not answered:
                # Asking the database again within this request would only wait again.
                return database_unavailable(request)
        response = self.get_response(request)
        to_keep = getattr(response, "page_to_keep", None)
        if to_keep is not None and _cacheable(response):
            key, page = to_keep
            headers = tuple(
                (name, value) for name, value in response.items() if name.lower() not in _NOT_KEPT
            )
            page = page._replace(headers=headers)
            cache.set(key, page, timeout=settings.PAGE_CACHE_SECONDS)
            _local.put(key, page)
        return response
