"""The error pages, with the current statement's furniture when it can be had."""

from django.db import DatabaseError
from django.shortcuts import render

from editions.selectors import statement_current


def _current_statement():
    """The current statement for the page furniture, or None if it cannot be had (an
    error page must render even when the database is the problem)."""
    try:
        current = statement_current()
    except DatabaseError:
        return None
    return current[1] if current else None


def bad_request(request, exception=None):
    return render(request, "400.html", {"statement": _current_statement()}, status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", {"statement": _current_statement()}, status=403)


def page_not_found(request, exception=None):
    # Our views raise Http404 with a sentence for families; the URL resolver's own
    # exceptions carry technical details, which stay out of the page.
    message = exception.args[0] if exception and exception.args else ""
    context = {
        "statement": _current_statement(),
        "message": message if isinstance(message, str) else "",
    }
    return render(request, "404.html", context, status=404)


def server_error(request):
    # No database lookups: the failure may be the database itself.
    return render(request, "500.html", status=500)
