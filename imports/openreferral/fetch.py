"""Reading an Open Referral UK feed: its pages of services (version 3's `contents`,
version 1's `content`, or a plain list), each service whole (a list that gives only
summaries is followed to /services/{id}), from its address or from a JSON file."""

import json
import urllib.parse
from collections.abc import Callable
from typing import Any

from django.conf import settings

from core.fetching import FetchBudget, FetchRefused, safe_get

Record = dict[str, Any]

MAX_BYTES = 20 * 1024 * 1024  # one uploaded file
PER_PAGE = 100
MAX_PAGES = 500
# Marks a service whose whole record the feed would not give: only its list entry came.
DETAILS_MISSING = "_details_missing"


class FeedProblem(Exception):
    """The feed cannot be read; the message says why, in plain words."""


# Reading ------------------------------------------------------------------------------


def _get_json(url: str, budget: FetchBudget) -> Any:
    try:
        body = safe_get(url, budget=budget)
    except FetchRefused as refused:
        raise FeedProblem(str(refused)) from None
    return _parse(body, where=url)


def _parse(body: bytes, *, where: str) -> Any:
    if len(body) > MAX_BYTES:
        raise FeedProblem(f"{where} is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    try:
        return json.loads(body)
    # Nested deeper than Python reads (thousands of brackets): not a feed either.
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        raise FeedProblem(
            f"{where} did not send JSON: is it the address of an Open Referral UK feed "
            "(ending /services or the feed's root)?"
        ) from None


def _items(page: Any, *, where: str) -> list[Record]:
    """The services on one page: {"contents": [...]} (v3), {"content": [...]} or a
    list (v1), or one service on its own."""
    if isinstance(page, list):
        items = page
    elif isinstance(page, dict) and isinstance(page.get("contents"), list):
        items = page["contents"]
    elif isinstance(page, dict) and isinstance(page.get("content"), list):
        items = page["content"]
    elif isinstance(page, dict) and "name" in page and "id" in page:
        items = [page]
    else:
        raise FeedProblem(f"{where} is JSON, but not a list of Open Referral UK services.")
    if not all(isinstance(item, dict) for item in items):
        raise FeedProblem(f"{where} lists something other than services.")
    return items


def _services_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    path = parts.path.rstrip("/")
    if not path.endswith("/services"):
        path += "/services"
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def feed_from_url(
    url: str, *, progress: Callable[[str, int, int | None], None] | None = None
) -> list[Record]:
    """Every service of the feed at `url` (its root or /services), page by page, each
    whole (a list that gives only summaries is followed to /services/{id})."""
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise FeedProblem("Give the feed's web address, starting https://.")
    base = _services_url(url)
    # One allowance of time and bytes for every page and service record together.
    budget = FetchBudget(seconds=settings.FEED_FETCH_SECONDS, bytes=settings.FEED_FETCH_BYTES)
    services: list[Record] = []
    for number in range(1, MAX_PAGES + 1):
        page_url = f"{base}?{urllib.parse.urlencode({'page': number, 'per_page': PER_PAGE})}"
        if progress is not None:
            progress(f"Fetching the feed: page {number}", len(services), None)
        page = _get_json(page_url, budget)
        items = _items(page, where=page_url)
        _refuse_too_many(len(services) + len(items))
        for item in items:
            if item.get("id") and "contacts" not in item and "service_at_locations" not in item:
                item = _whole(base, item, budget)
            services.append(item)
        # Version 3 says last_page and total_pages; version 1, last and totalPages.
        last = (
            not isinstance(page, dict) or page.get("last_page", page.get("last", True)) or not items
        )
        total = page.get("total_pages", page.get("totalPages")) if isinstance(page, dict) else None
        if last or (isinstance(total, int) and number >= total):
            return services
    raise FeedProblem(f"The feed has more than {MAX_PAGES} pages; import it in parts.")


def _whole(base: str, listed: Record, budget: FetchBudget) -> Record:
    """A service's whole record; the list's summary, marked so, when the feed cannot
    give it (a directory whose detail pages fail for a few services)."""
    detail_url = f"{base}/{urllib.parse.quote(str(listed['id']))}"
    try:
        budget.time_left()  # past the deadline, stop here rather than mark each one missing
    except FetchRefused as refused:
        raise FeedProblem(str(refused)) from None
    try:
        whole = _get_json(detail_url, budget)
    except FeedProblem:
        if budget.received > budget.bytes:
            raise
        whole = None
    if not isinstance(whole, dict) or str(whole.get("id")) != str(listed["id"]):
        return {**listed, DETAILS_MISSING: True}
    return whole


def feed_from_file(content: bytes, *, name: str = "the file") -> list[Record]:
    """The services in an uploaded JSON file (a page of the feed, a list or one)."""
    if not content.strip():
        raise FeedProblem(f"{name} is empty.")
    items = _items(_parse(content, where=name), where=name)
    _refuse_too_many(len(items))
    return items


def _refuse_too_many(count: int) -> None:
    """More services than any council's directory holds is refused before any is read."""
    most = settings.IMPORT_MOST_SERVICES
    if count > most:
        raise FeedProblem(
            f"The feed has more than {most:,} services: more than one import takes. Ask "
            "its publisher for the short breaks part, or import it in parts."
        )
