"""Public pages of the current edition. Thin: look up, 404 if missing, render."""

from collections.abc import Callable
from functools import wraps

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from .selectors import statement_current


def published_view(view: Callable) -> Callable:
    """Give the view the current edition and its statement; before the first publish,
    show a plain 'not published yet' page instead (404 for pages of a single item)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        current = statement_current()
        if current is None:
            return render(request, "offer/not_published.html", status=404 if kwargs else 200)
        edition, statement = current
        return view(request, *args, edition=edition, statement=statement, **kwargs)

    return wrapper


def found_or_404(item, what: str):
    if item is None:
        raise Http404(what)
    return item


@published_view
def home(request, *, edition, statement):
    return render(request, "offer/home.html", {"edition": edition, "statement": statement})


@published_view
def tier_detail(request, slug: str, *, edition, statement):
    tier = found_or_404(statement.tier(slug), "We could not find that level of support.")
    return render(
        request,
        "offer/tier_detail.html",
        {"edition": edition, "statement": statement, "tier": tier},
    )


@published_view
def service_detail(request, slug: str, *, edition, statement):
    service = found_or_404(statement.service(slug), "We could not find that service.")
    return render(
        request,
        "offer/service_detail.html",
        {"edition": edition, "statement": statement, "service": service},
    )


@published_view
def statement_detail(request, *, edition, statement):
    return render(
        request, "offer/statement_detail.html", {"edition": edition, "statement": statement}
    )
