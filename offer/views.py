"""Public pages of the current edition. Thin: look up, 404 if missing, render."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from .changes import ChangeReport
from .checker import checker_suggest
from .finder import Filters
from .forms import CheckerForm, FinderForm
from .page_cache import page_cached
from .pages import page_url, public_url, request_page_url
from .roles import PREVIEW_PERMISSION
from .selectors import (
    edition_before,
    edition_by_version,
    edition_changes,
    edition_current,
    edition_statement,
    editions_published,
    slug_now,
    withdrawn_service,
    working_copy_statement,
)
from .structured_data import service_json_ld


def published_view(view: Callable) -> Callable:
    """Give the view the current edition and its statement; before the first publish,
    show a plain 'not published yet' page instead (404 for pages of a single item)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        edition = edition_current()
        if edition is None:
            return render(request, "offer/not_published.html", status=404 if kwargs else 200)

        def render_page() -> HttpResponse:
            # Only when the page is not kept: a page another instance kept in the shared
            # cache needs neither the snapshot nor its parsing here.
            statement = edition_statement(edition=edition)
            return view(request, *args, edition=edition, statement=statement, **kwargs)

        return page_cached(request, current=edition, render=render_page)

    return wrapper


def pinned_view(page: str) -> Callable[[Callable], Callable]:
    """Serve a page of the public family from the edition numbered in the address.

    Marks the request so templates keep links inside that edition and, for an earlier
    edition, show a banner linking to the same page in the current one.
    """

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, version: int, **kwargs) -> HttpResponse:
            edition = found_or_404(
                edition_by_version(version), "We could not find that edition of the statement."
            )
            current = edition_current()
            request.pinned_edition = edition
            request.pinned_is_current = current is not None and current.pk == edition.pk
            request.current_page_url = page_url(page, *kwargs.values())

            def render() -> HttpResponse:
                statement = edition_statement(edition=edition)
                return view(request, edition=edition, statement=statement, **kwargs)

            # The banner pointing to the current edition depends on which that is.
            return page_cached(request, current=current, pinned=edition, render=render)

        return wrapper

    return decorate


def preview_view(view: Callable) -> Callable:
    """Serve a page of the public family from the working copy, for officers with the
    preview permission only. Anyone else gets the login page, never the draft."""

    @wraps(view)
    def wrapper(request: HttpRequest, **kwargs) -> HttpResponse:
        user = request.user
        if not (user.is_active and user.is_staff):
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        if not user.has_perm(PREVIEW_PERMISSION):
            raise PermissionDenied("You need the Editor or Publisher role to preview.")
        request.is_preview = True
        response = view(request, edition=None, statement=working_copy_statement(), **kwargs)
        add_never_cache_headers(response)  # drafts must not sit in shared caches
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapper


def found_or_404(item, what: str):
    if item is None:
        raise Http404(what)
    return item


@published_view
def home(request, *, edition, statement):
    return render(request, "offer/home.html", {"edition": edition, "statement": statement})


def moved_or_missing(request, *, page: str, slug: str, statement, missing: str) -> HttpResponse:
    """An address the edition has no page at: 301 to where the record lives now if it
    was renamed; 410 for a service the current edition dropped; otherwise 404."""
    now = slug_now(statement=statement, kind=page, slug=slug)
    if now is not None:
        query = request.META.get("QUERY_STRING", "")
        url = request_page_url(request, page, now)
        return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
    in_current = not hasattr(request, "pinned_edition") and not getattr(
        request, "is_preview", False
    )
    if page == "service" and in_current:
        withdrawn = withdrawn_service(slug=slug)
        if withdrawn is not None:
            return _service_withdrawn(request, withdrawn=withdrawn, statement=statement)
    raise Http404(missing)


def _share(request, *, edition, page: str, slug: str) -> dict:
    """The page's public address, and the permanent address of the edition's version
    (none in the preview, which has no edition)."""
    url = public_url(request, request.path)
    edition_url = page_url(page, slug, edition=edition) if edition is not None else ""
    return {"url": url, "edition": edition, "edition_url": edition_url}


def _service_withdrawn(request, *, withdrawn, statement) -> HttpResponse:
    tier = statement.record("tier", str(withdrawn.tier_uid)) if withdrawn.tier_uid else None
    if tier is not None:
        similar = tier["services"]
    else:
        similar = [
            service
            for service in statement.services
            if service["tier"] and service["tier"]["level"] == withdrawn.tier_level
        ]
    context = {
        "statement": statement,
        "withdrawn": withdrawn,
        "tier": tier,
        "similar": similar,
        "last_url": page_url("service", withdrawn.slug, edition=withdrawn.last_edition),
    }
    return render(request, "offer/service_withdrawn.html", context, status=410)


@published_view
def tier_detail(request, slug: str, *, edition, statement):
    tier = statement.tier(slug)
    if tier is None:
        return moved_or_missing(
            request,
            page="tier",
            slug=slug,
            statement=statement,
            missing="We could not find that level of support.",
        )
    return render(
        request,
        "offer/tier_detail.html",
        {"edition": edition, "statement": statement, "tier": tier},
    )


@published_view
def service_detail(request, slug: str, *, edition, statement):
    service = statement.service(slug)
    if service is None:
        return moved_or_missing(
            request,
            page="service",
            slug=slug,
            statement=statement,
            missing="We could not find that service.",
        )
    structured = service_json_ld(
        service=service, statement=statement, url=public_url(request, request.path)
    )
    context = {
        "edition": edition,
        "statement": statement,
        "service": service,
        "structured_data": structured,
        "share": _share(request, edition=edition, page="service", slug=slug),
    }
    return render(request, "offer/service_detail.html", context)


@published_view
def statement_detail(request, *, edition, statement):
    return render(
        request, "offer/statement_detail.html", {"edition": edition, "statement": statement}
    )


def _page(template: str) -> Callable:
    """A view that only shows part of the edition (FAQ, stories, glossary)."""

    @published_view
    def view(request, *, edition, statement):
        return render(request, template, {"edition": edition, "statement": statement})

    return view


question_list = _page("offer/question_list.html")
story_list = _page("offer/familystory_list.html")
glossary = _page("offer/glossaryterm_list.html")
what_families_need = _page("offer/what_families_need.html")


@published_view
def edition_list(request, *, edition, statement):
    context = {"edition": edition, "statement": statement, "editions": editions_published()}
    return render(request, "offer/edition_list.html", context)


@published_view
def edition_changes_page(request, *, edition, statement):
    """What changed in `edition`, since the edition before or since ?since=<number>."""
    earlier = [item for item in editions_published() if item.version < edition.version]
    since = edition_before(edition=edition)
    raw = request.GET.get("since", "").strip()
    if raw:
        # ASCII digits only ('²' is a digit to Python), and short: int() of a huge
        # number is an error, and no statement will reach a billion editions.
        if not (raw.isascii() and raw.isdigit()) or len(raw) > 9:
            return _bad_request(request, statement, "Choose an earlier edition by its number.")
        since = next((item for item in earlier if item.version == int(raw)), None)
        if since is None:
            return _bad_request(
                request,
                statement,
                f"There is no edition {raw} before edition {edition.version} to compare with.",
            )
    report = edition_changes(edition=edition, since=since)
    change_report_link(report, new_edition=edition, old_edition=since)
    context = {
        "edition": edition,
        "statement": statement,
        "since": since,
        "earlier": earlier,
        "report": report,
    }
    return render(request, "offer/edition_changes.html", context)


def change_report_link(report: ChangeReport, *, new_edition, old_edition) -> None:
    """Point each entry at its page: on the new side (an edition, or the preview when
    `new_edition` is None) unless it was removed, then in the old edition. (Reports are
    cached per pair of editions and these links depend on nothing else, so filling them
    in again changes nothing.)"""
    for entry in report.entries:
        if entry.page is None or entry.slug is None:
            continue
        if entry.status == "removed":
            if old_edition is not None:
                entry.url = page_url(entry.page, entry.slug, edition=old_edition)
        elif new_edition is None:
            entry.url = page_url(entry.page, entry.slug, preview=True)
        else:
            entry.url = page_url(entry.page, entry.slug, edition=new_edition)


def _bad_request(request, statement, message: str) -> HttpResponse:
    return render(request, "400.html", {"statement": statement, "message": message}, status=400)


# Finder form field -> Filters attribute
_FINDER_FIELDS = {
    "q": "words",
    "age": "age",
    "need": "needs",
    "when": "times",
    "area": "areas",
    "tier": "tiers",
    "no_assessment": "no_assessment",
    "direct_payment": "direct_payment",
}


@published_view
def finder(request, *, edition, statement):
    """Services of the current edition filtered by a plain GET form. Bad parameters give
    the page with the problems listed (status 400) and the valid filters applied."""
    form = FinderForm(request.GET, statement=statement)
    valid = form.is_valid()
    filters = form.filters()
    results = statement.finder_index.find(filters)
    tags = _finder_tags(request, form, filters)
    suggestion = None
    if not results and tags:
        # Which single filter, taken off, would give the most services? Only services
        # failing that filter alone come back, and, for a list filter (needs, times...),
        # only when it was the list's one value.
        misses = statement.finder_index.near_misses(filters)
        counts = [(misses.get(tag["filter"], 0) if tag["alone"] else 0, tag) for tag in tags]
        best_count, best = max(counts, key=lambda pair: pair[0])
        if best_count:
            suggestion = {"tag": best, "count": best_count}
    page = Paginator(results, FINDER_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "edition": edition,
        "statement": statement,
        "form": form,
        "results": results,
        "page": page,
        "pagination": _pagination(request, page),
        "searched": bool(request.GET),
        "tags": tags,
        "suggestion": suggestion,
    }
    return render(request, "offer/finder.html", context, status=200 if valid else 400)


FINDER_PAGE_SIZE = 20


def _pagination(request, page) -> dict | None:
    """Links for GOV.UK pagination: previous, next, and page numbers around this one
    with ellipses for gaps, each keeping the rest of the query string."""
    if page.paginator.num_pages <= 1:
        return None

    def url(number: int) -> str:
        query = request.GET.copy()
        query["page"] = str(number)
        return f"{request.path}?{query.urlencode()}"

    last = page.paginator.num_pages
    shown = sorted(
        {1, last, page.number - 1, page.number, page.number + 1} & set(range(1, last + 1))
    )
    items, previous = [], 0
    for number in shown:
        if number - previous > 1:
            items.append({"ellipsis": True})
        items.append({"number": number, "url": url(number), "current": number == page.number})
        previous = number
    return {
        "previous": url(page.number - 1) if page.has_previous() else None,
        "next": url(page.number + 1) if page.has_next() else None,
        "items": items,
    }


def _finder_tags(request, form: FinderForm, filters: Filters) -> list[dict]:
    """Each filter in use, with the address of the same search without it."""
    tags = []

    def remove(name: str, value: str | None = None) -> str:
        query = request.GET.copy()
        query.pop("page", None)  # fewer filters, more results: start again at page 1
        if value is None:
            query.pop(name, None)
        else:
            query.setlist(name, [v for v in query.getlist(name) if v != value])
        encoded = query.urlencode()
        return reverse("offer:find") + (f"?{encoded}" if encoded else "")

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


@published_view
def checker(request, *, edition, statement):
    """'What could we get?': the questions, filled in with any answers in the address."""
    form = CheckerForm.prefilled(request.GET, statement=statement)
    return _checker_page(
        render(request, "offer/checker.html", {"statement": statement, "form": form})
    )


@published_view
def checker_result(request, *, edition, statement):
    """The tiers to start with for the answers in the address; the questions again, with
    what is wrong, if an answer is missing or not one we offered (400)."""
    form = CheckerForm(request.GET, statement=statement)
    if not form.is_valid():
        context = {"statement": statement, "form": form}
        return _checker_page(render(request, "offer/checker.html", context, status=400))
    answers = form.answers()
    context = {
        "statement": statement,
        "form": form,
        "answers": answers,
        "result": checker_suggest(statement=statement, answers=answers),
        "change_url": request_page_url(request, "check") + "?" + request.GET.urlencode(),
    }
    return _checker_page(render(request, "offer/checker_result.html", context))


def _checker_page(response: HttpResponse) -> HttpResponse:
    """A family's answers are in the address: keep it out of other sites' logs (no
    Referer), shared caches and search engines."""
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    add_never_cache_headers(response)
    return response
