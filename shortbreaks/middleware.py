"""Response headers Django's own middleware does not set, and the officers' area kept
out of search engines and safe from costly filters."""

import logging
import re
from collections.abc import Callable

from django.conf import settings
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest

from core.database import database_unavailable, queries_limited
from offer.history import history_scope

log = logging.getLogger(__name__)

# A lookup such as ?name__regex= or ?groups__name__iregex= (the admin builds filters
# from its address).
_REGEX_LOOKUP = re.compile(r"__i?regex$")

# Features the site never uses, switched off so injected or third-party code cannot use
# them either. Copying a link (the share button) is the one browser power it needs.
PERMISSIONS_POLICY = ", ".join(
    [
        "accelerometer=()",
        "browsing-topics=()",
        "camera=()",
        "clipboard-write=(self)",
        "display-capture=()",
        "geolocation=()",
        "gyroscope=()",
        "magnetometer=()",
        "microphone=()",
        "payment=()",
        "usb=()",
    ]
)


class PermissionsPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class OfficersAreaMiddleware:
    """The admin (at ADMIN_PATH) is kept out of search engines by a header on every
    answer, since robots.txt must not name where it is; and its lists refuse filters by
    regular expression from the address, which one crafted pattern could use to keep a
    worker busy for seconds."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(f"/{settings.ADMIN_PATH}"):
            return self.get_response(request)
        if any(_REGEX_LOOKUP.search(name) for name in request.GET):
            response = HttpResponseBadRequest(
                "Lists cannot be filtered by regular expression.",
                content_type="text/plain; charset=utf-8",
            )
        else:
            response = self.get_response(request)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class HistoryScopeMiddleware:
    """Whatever an officer's request to the admin saves is theirs in the history: each
    admin page records its own detailed entries, and anything else it saved (a row
    dragged into order, a record a list action changed) is recorded when the request
    ends (offer/history.py)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.ADMIN_PATH

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if not request.path.startswith(self.admin_prefix) or not (user and user.is_staff):
            return self.get_response(request)
        with history_scope(by=user):
            return self.get_response(request)


class QueryDeadlineMiddleware:
    """First of all: every query a family's page makes answers within
    PUBLIC_QUERY_SECONDS or fails (core/database.py), so a hung database answers a page
    with 503 in seconds rather than holding a worker. The officers' area keeps the
    database's own, longer statement timeout (a publish or an import writes a lot)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.officers = f"/{settings.ADMIN_PATH}"

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(self.officers):
            return self.get_response(request)
        with queries_limited(settings.PUBLIC_QUERY_SECONDS):
            return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """A page whose database stopped answering (refused, hung, cut off) is a 503 with
    a plain page asking the family to try again soon, not a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not isinstance(exception, OperationalError):
            return None
        log.warning("Database unavailable for %s: %s", request.path, exception)
        return database_unavailable(request)
