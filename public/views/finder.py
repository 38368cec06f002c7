"""'Find a short break': the current edition's services filtered by a plain GET form."""

from django.core.paginator import Paginator
from django.shortcuts import render

from ..finder import Filters, finder_index, names_what_was_chosen
from ..forms import FinderForm
from ..shortlist import shortlist_read

FINDER_PAGE_SIZE = 20

# Finder form field -> Filters attribute
_FINDER_FIELDS = {
    "q": "words",
    "age": "age",
    "need": "needs",
    "when": "times",
    "area": "areas",
    "tier": "tiers",
    "place": "place",
    "no_assessment": "no_assessment",
    "direct_payment": "direct_payment",
    "free": "free",
}


def finder(request, *, edition, statement):
    """Services of the current edition filtered by a plain GET form. Bad parameters give
    the page with the problems listed (status 400) and the valid filters applied."""
    form = FinderForm(request.GET, statement=statement)
    valid = form.is_valid()
    filters = form.filters()
    index = finder_index(statement)
    found = index.find(filters)
    # Those naming what was chosen first, then those open to every family (any need,
    # any time, the whole area), counted apart so the heading counts true matches.
    named = [s for s in found.matches if names_what_was_chosen(s, filters)]
    open_to_all = [s for s in found.matches if not names_what_was_chosen(s, filters)]
    results = named + open_to_all
    tags = _finder_tags(request, form, filters)
    suggestion = None
    if not results and not found.ask and tags:
        # Which single filter, taken off, would give the most services? Only services
        # failing that filter alone come back, and, for a list filter (needs, times...),
        # only when it was the list's one value.
        misses = index.near_misses(filters)
        counts = [(misses.get(tag["filter"], 0) if tag["alone"] else 0, tag) for tag in tags]
        best_count, best = max(counts, key=lambda pair: pair[0])
        if best_count:
            suggestion = {"tag": best, "count": best_count}
    page = Paginator(results, FINDER_PAGE_SIZE).get_page(request.GET.get("page"))
    asking = Paginator(found.ask, FINDER_PAGE_SIZE).get_page(request.GET.get("ask"))
    # Where on this page the services open to every family begin (None: not on it).
    open_from = len(named) - (page.start_index() - 1) if results else None
    if open_from is not None and not 0 <= open_from < len(page.object_list):
        open_from = None
    context = {
        "edition": edition,
        "statement": statement,
        "form": form,
        # The yes/no filters worth offering, and any the address asks for anyway.
        "answerable": index.answerable
        | {name for name in ("no_assessment", "direct_payment", "free") if form.data.get(name)},
        "results": results,
        "named_count": len(named),
        "open_count": len(open_to_all),
        "grouped": bool(open_to_all and (filters.needs or filters.times or filters.areas)),
        "open_from": open_from,
        # Shown after the last page of matches: services the statement says too little
        # about to tell (their ages, times, areas, assessment or cost).
        # A page at a time too (`ask=<n>`): a large offer may say too little about
        # thousands.
        "ask": asking.object_list if not page.has_next() else [],
        "ask_count": len(found.ask),
        "ask_page": asking,
        "ask_pagination": pagination_links(request, asking, parameter="ask", anchor="#ask"),
        "page": page,
        "pagination": pagination_links(request, page),
        "searched": bool(request.GET),
        "tags": tags,
        # Filters chosen inside "More filters" (not the words or the age above it).
        "folded_count": sum(tag["filter"] not in ("words", "age") for tag in tags),
        "suggestion": suggestion,
        "reading": found.reading,
        "filters": filters,
        "exact_url": _exact_url(request, found.reading),
        "shortlist": shortlist_read(query=request.GET, statement=statement),
    }
    return render(request, "public/finder.html", context, status=200 if valid else 400)


def _exact_url(request, reading) -> str | None:
    """The same search with the words taken exactly as typed, when a slip was put right."""
    if not reading.corrected:
        return None
    query = request.GET.copy()
    query.pop("page", None)
    query["exact"] = "1"
    return f"{request.viewing.url('find')}?{query.urlencode()}"


def pagination_links(request, page, *, parameter: str = "page", anchor: str = "") -> dict | None:
    """Links for GOV.UK pagination: previous, next, and page numbers around this one
    with ellipses for gaps (Django's elided range), each keeping the rest of the query
    string; the page number goes in `parameter`, and each link ends with `anchor`."""
    paginator = page.paginator
    if paginator.num_pages <= 1:
        return None

    def url(number: int) -> str:
        query = request.GET.copy()
        query[parameter] = str(number)
        return f"{request.path}?{query.urlencode()}{anchor}"

    items = [
        {"ellipsis": True}
        if number == paginator.ELLIPSIS
        else {"number": number, "url": url(number), "current": number == page.number}
        for number in paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    ]
    return {
        "previous": url(page.number - 1) if page.has_previous() else None,
        "next": url(page.number + 1) if page.has_next() else None,
        "items": items,
    }


def _finder_tags(request, form: FinderForm, filters: Filters) -> list[dict]:
    """Each filter in use, with the address of the same search without it."""
    tags = []
    finder_url = request.viewing.url("find")

    def remove(name: str, value: str | None = None) -> str:
        query = request.GET.copy()
        query.pop("page", None)  # fewer filters, more results: start again at page 1
        if value is None:
            query.pop(name, None)
        else:
            query.setlist(name, [v for v in query.getlist(name) if v != value])
        encoded = query.urlencode()
        return finder_url + (f"?{encoded}" if encoded else "")

    for name, attribute in _FINDER_FIELDS.items():
        value = getattr(filters, attribute)
        field = form.fields[name]
        if isinstance(value, list):
            names = dict(field.choices)
            for item in value:
                tags.append(
                    {
                        "label": f"{field.label}: {names[item]}",
                        "url": remove(name, item),
                        "filter": attribute,
                        "alone": len(value) == 1,
                    }
                )
        elif value not in (None, False, ""):
            text = field.label if value is True else f"{field.label}: {value}"
            tags.append({"label": text, "url": remove(name), "filter": attribute, "alone": True})
    return tags
