"""Pages whose address holds a family's own answers or choices (the checker's answers,
a shortlist): kept out of shared caches, search engines and other sites' logs."""

from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers


def kept_private(response: HttpResponse) -> HttpResponse:
    """No Referer to the sites it links to, not indexed, never kept by a cache (nor by
    the page cache, which leaves never-cache answers alone)."""
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    add_never_cache_headers(response)
    return response
