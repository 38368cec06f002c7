"""The Open Referral UK read-only API of the current edition, at /api/openreferral/.

Follows the UK profile's OpenAPI document (version 3.0): `/`, `/services`,
`/services/{id}`, `/taxonomies`, `/taxonomies/{id}`, `/taxonomy_terms`,
`/taxonomy_terms/{id}`, `/service_at_locations` and `/service_at_locations/{id}`.
Any website may read it (CORS). Every answer is JSON, errors included: a bad parameter
gives 400 and an unknown id 404, each with a message saying what to change.
"""

import datetime
import math
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from django.views.decorators.csrf import csrf_exempt

from core.safe_json import json_for_html
from editions.models import Edition
from editions.read import Service
from editions.selectors import edition_current
from public.finder import Filters
from public.page_cache import page_cached
from public.viewing import public_url

from .feed import (
    HSDS_VERSION,
    OPENAPI_URL,
    PROFILE_URL,
    Feed,
    Record,
    service_at_location_listed,
    service_listed,
)
from .forms import QueryForm, ServiceQueryForm
from .selectors import edition_openreferral


class ApiError(Exception):
    """Ends a request with a JSON error: `status` and a message for the developer."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


_REASONS = {400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed"}


def _error(status: int, message: str) -> JsonResponse:
    return JsonResponse(
        {"status": status, "error": _REASONS.get(status, ""), "message": message}, status=status
    )


def _cors(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response["Access-Control-Allow-Headers"] = "Accept, Content-Type"
    response["Access-Control-Max-Age"] = "86400"
    return response


def endpoint(view: Callable[..., Any]) -> Callable[..., HttpResponse]:
    """Read-only JSON: GET and HEAD answer, OPTIONS answers a CORS preflight, any other
    method 405; an ApiError becomes its JSON error. Answers may be cached briefly:
    a new edition reaches every reader within API_CACHE_SECONDS."""

    @csrf_exempt  # nothing here changes anything, so a POST gets a clear 405, not a 403
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
        elif request.method not in ("GET", "HEAD"):
            response = _error(405, "This API is read-only: use GET.")
            response["Allow"] = "GET, HEAD, OPTIONS"
        else:
            current = edition_current()

            def answer() -> HttpResponse:
                try:
                    data, edition = view(request, *args, **kwargs)
                except ApiError as problem:
                    return _cors(_error(problem.status, problem.message))
                response = HttpResponse(json_for_html(data), content_type="application/json")
                if edition is not None:
                    response["Last-Modified"] = http_date(edition.published_at.timestamp())
                patch_cache_control(response, public=True, max_age=settings.API_CACHE_SECONDS)
                return _cors(response)

            # Kept per edition like any public page (errors are not), so a directory
            # asking again is answered by the first middleware, with an ETag for a 304.
            if current is None:
                return answer()
            response = page_cached(request, current=current, render=answer)
            if response.status_code in (200, 304):
                # Directories may keep an answer a while (a new edition reaches them within
                # it); the page cache's own would have them check every time.
                # (Set whole: patch_cache_control keeps the smaller of two max-ages.)
                response["Cache-Control"] = f"public, max-age={settings.API_CACHE_SECONDS}"
            return response
        return _cors(response)

    return wrapper


def _feed(request: HttpRequest) -> tuple[Feed | None, Edition | None]:
    edition = edition_current()
    if edition is None:
        return None, None
    base = public_url(request, "/").removesuffix("/")
    return edition_openreferral(edition=edition, base=base), edition


def _query(request: HttpRequest, form_class: type[QueryForm]) -> dict[str, Any]:
    """The query string's parameters, checked: a bad one ends the request with a 400."""
    form = form_class(request.GET)
    if not form.is_valid():
        raise ApiError(400, form.first_problem())
    return form.cleaned_data


def _paginated(
    query: dict[str, Any], items: list[Record], shown: Callable[[Record], Record] | None = None
) -> dict[str, Any]:
    """A page of `items` in the profile's Page shape, each as `shown` gives it (worked
    out for the page's items alone, not for every item). A page past the end is empty."""
    page, per_page = query["page"], query["per_page"]
    total_pages = max(1, math.ceil(len(items) / per_page))
    contents = items[(page - 1) * per_page : page * per_page]
    if shown is not None:
        contents = [shown(item) for item in contents]
    return {
        "total_items": len(items),
        "total_pages": total_pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def _services_matching(query: dict[str, Any], feed: Feed | None) -> list[Service]:
    """The edition's services that pass every filter in the query, in the statement's
    order: filtered on what each states, none mapped (a page maps only its own)."""
    if feed is None:
        return []
    term_id, taxonomy_id = query["taxonomy_term_id"], query["taxonomy_id"]
    minimum_age, maximum_age = query["minimum_age"], query["maximum_age"]
    modified_after = query["modified_after"]
    # The words are matched as the finder page matches them, from the same index (made
    # the first time someone searches: a list without words needs none).
    worded = None
    if query["search"]:
        words = Filters(words=query["search"])
        worded = {s.id for s in feed.search_index.find(words).matches}
    found = []
    for service in feed.statement.services:
        if worded is not None and service.id not in worded:
            continue
        facts = feed.facts(service)
        if term_id and term_id not in facts.term_ids:
            continue
        if taxonomy_id and taxonomy_id not in facts.taxonomy_ids:
            continue
        # As the profile defines them: a minimum age of at least, a maximum of at most.
        # An age the service does not state cannot be shown to meet the filter.
        if minimum_age is not None and (
            facts.minimum_age is None or facts.minimum_age < minimum_age
        ):
            continue
        if maximum_age is not None and (
            facts.maximum_age is None or facts.maximum_age > maximum_age
        ):
            continue
        if modified_after is not None and (
            facts.last_modified is None
            or datetime.datetime.fromisoformat(facts.last_modified) < modified_after
        ):
            continue
        found.append(service)
    return found


def _found(record: Record | None, what: str, id: str) -> Record:
    if record is None:
        raise ApiError(404, f"No {what} in the current edition has the id {id!r}.")
    return record


# Views ----------------------------------------------------------------------------------


@endpoint
def api_root(request: HttpRequest):
    feed, edition = _feed(request)
    data: dict[str, Any] = {
        "version": HSDS_VERSION,
        "profile": PROFILE_URL,
        "openapi_url": OPENAPI_URL,
        "publisher": feed.statement.details.council_name if feed else None,
        "edition": None,
        "endpoints": {
            name: public_url(request, reverse(f"openreferral:{name}"))
            for name in ("services", "taxonomies", "taxonomy_terms", "service_at_locations")
        },
    }
    if edition is not None:
        data["edition"] = {
            "label": edition.label,
            "version": edition.version,
            "published_at": edition.published_at.astimezone(datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
        }
    return data, edition


@endpoint
def service_list(request: HttpRequest):
    query = _query(request, ServiceQueryForm)
    feed, edition = _feed(request)
    services = _services_matching(query, feed)
    return _paginated(query, services, lambda service: service_listed(feed.record(service))), (
        edition
    )


@endpoint
def service_detail(request: HttpRequest, id: str):
    feed, edition = _feed(request)
    return _found(feed.service(id) if feed else None, "service", id), edition


@endpoint
def taxonomy_list(request: HttpRequest):
    query = _query(request, QueryForm)
    feed, edition = _feed(request)
    return _paginated(query, feed.taxonomies if feed else []), edition


@endpoint
def taxonomy_detail(request: HttpRequest, id: str):
    feed, edition = _feed(request)
    taxonomy = _found(feed.taxonomy(id) if feed else None, "taxonomy", id)
    return feed.taxonomy_with_terms(taxonomy), edition


@endpoint
def taxonomy_term_list(request: HttpRequest):
    query = _query(request, QueryForm)
    feed, edition = _feed(request)
    return _paginated(query, feed.terms if feed else []), edition


@endpoint
def taxonomy_term_detail(request: HttpRequest, id: str):
    feed, edition = _feed(request)
    return _found(feed.term(id) if feed else None, "taxonomy term", id), edition


@endpoint
def service_at_location_list(request: HttpRequest):
    query = _query(request, ServiceQueryForm)
    feed, edition = _feed(request)
    # Only services with places of their own are mapped to list them.
    places = [
        (place, record)
        for service in _services_matching(query, feed)
        if service.venues
        for record in [feed.record(service)]
        for place in record["service_at_locations"]
    ]
    return _paginated(query, places, lambda found: service_at_location_listed(*found)), edition


@endpoint
def service_at_location_detail(request: HttpRequest, id: str):
    feed, edition = _feed(request)
    place = feed.service_at_location(id) if feed else None
    return _found(place, "service at location", id), edition


@endpoint
def not_found(request: HttpRequest, path: str = ""):
    raise ApiError(
        404, "There is nothing at this address. The API's addresses are listed at its root."
    )
