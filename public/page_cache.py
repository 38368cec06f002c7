"""Public pages cached per edition, and answered with 304 when the reader has them.

An edition never changes, so a page rendered from it can be kept until the next
publish. A page is kept once per canonical address: junk in the query string costs no
memory (see _key). Keys hold the current edition's id (and a pinned edition's), so a publish on
any instance changes every key at once: no instance can serve the old edition once the
new one is in the database, and nothing needs to be deleted. With CACHE_URL pointing
at Redis, all instances share one cache.

Only plain 200 answers are kept; anything marked private or never-cache (a checker
result, a preview) or that sets a cookie is left alone.
"""

import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.regex_helper import _lazy_re_compile
from django.utils.text import compress_string

from offer.models import Edition

# Kept with each page; the rest are set afresh on every answer.
_KEPT_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Content-Disposition",
    "X-Robots-Tag",
    "Link",
)

# GZipMiddleware's own rules: not under 200 bytes, and only when the reader says gzip.
_GZIP_FROM = 200
_ACCEPTS_GZIP = _lazy_re_compile(r"\bgzip\b")

# When this code started: a deploy can change every page without a new edition, so
# Last-Modified is never earlier than this.
_STARTED = time.time()


def _key(request: HttpRequest, current: Edition, pinned: Edition | None) -> str:
    """What the page depends on, and nothing else: the editions, the address with only
    the query parameters the page reads (public.family.in_family has already put them in
    one canonical order and dropped the rest), and, unless SITE_URL fixes the public
    address, the scheme and host its share links and og:url are written with."""
    origin = "" if settings.SITE_URL else f"{request.scheme}://{request.get_host()}"
    address = f"{origin}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()
    return f"page:{current.uid}:{pinned.uid if pinned else '-'}:{digest}"


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


def page_cached(
    request: HttpRequest,
    *,
    current: Edition,
    pinned: Edition | None = None,
    render: Callable[[], HttpResponse],
) -> HttpResponse:
    """The page from the cache, or rendered by `render` and kept; 304 when the reader's
    copy (If-None-Match / If-Modified-Since) is still this page."""
    if request.method not in ("GET", "HEAD"):
        return render()
    key = _key(request, current, pinned)
    kept = cache.get(key)
    rendered = None
    if kept is None:
        response = rendered = render()
        if not _cacheable(response):
            return response
        etag = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
        kept = {
            "content": response.content,
            # Compressed once, here, rather than by GZipMiddleware on every hit. A kept
            # page holds no secret and sets no cookie, so one padding for all is safe.
            "gzip": compress_string(response.content)
            if len(response.content) >= _GZIP_FROM
            else None,
            "etag": etag,
            "headers": {name: response[name] for name in _KEPT_HEADERS if name in response},
        }
        cache.set(key, kept, timeout=settings.PAGE_CACHE_SECONDS)
    etag = kept["etag"]
    if kept.get("gzip") is not None and _ACCEPTS_GZIP.search(
        request.headers.get("Accept-Encoding", "")
    ):
        response = HttpResponse(kept["gzip"])
        response["Content-Encoding"] = "gzip"
        # As GZipMiddleware does: the compressed bytes differ, the page does not.
        etag = f"W/{etag}"
    elif rendered is not None:
        response = rendered
    else:
        response = HttpResponse(kept["content"])
    patch_vary_headers(response, ("Accept-Encoding",))
    for name, value in kept["headers"].items():
        response[name] = value

    edition = pinned or current
    last_modified = max(edition.published_at.timestamp(), _STARTED)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    # Browsers and CDNs may keep it, but must check it is still current before use:
    # a 304 costs nothing, and a new edition is seen at once.
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    return (
        get_conditional_response(
            request, etag=etag, last_modified=int(last_modified), response=response
        )
        or response
    )
