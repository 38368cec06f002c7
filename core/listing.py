"""The officers' long lists (due for review, reading ages): a filter chosen with ?show=
and a page at a time with ?page=, each checked, since either can be typed by hand."""

from collections.abc import Sequence

from django.contrib import messages
from django.core.paginator import InvalidPage, Page, Paginator
from django.http import Http404, HttpRequest


def listing_filter(request: HttpRequest, *, filters: dict[str, str], default: str) -> str | None:
    """The filter asked for, or None (and a message saying the default is shown) when it
    is not one of `filters`: the caller shows the default with a 400."""
    show = request.GET.get("show", default)
    if show in filters:
        return show
    messages.error(
        request,
        f"That filter is not one of the choices: showing “{filters[default]}”.",
    )
    return None


def listing_page(request: HttpRequest, items: Sequence, *, per_page: int, what: str) -> Page:
    """The page of `items` asked for (the first unless asked); 404 for no such page."""
    try:
        return Paginator(items, per_page).page(request.GET.get("page", 1))
    except InvalidPage:
        raise Http404(f"There is no such page of {what}.") from None
