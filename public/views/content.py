"""Pages of the statement itself: home, a tier, a service, providers, contacts, the whole
statement and the supporting pages (questions, stories, glossary, what families need,
accessibility)."""

import datetime
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from editions.selectors import old_address_owner, withdrawn_service

from ..pdf import PdfBeingMade, pdf_file_name, statement_pdf_kept
from ..shortlist import shortlist_read
from ..statement_parts import statement_parts
from ..structured_data import service_json_ld
from ..viewing import Addresses, page_url, public_url
from .finder import pagination_links

# The most services in no level the home page lists one by one; past it (a directory
# brought in whole) it names their groups with counts and links to their own page.
HOME_SERVICES_LISTED = 30


def home(request, *, edition, statement):
    untiered = statement.services_without_tier
    context = {
        "edition": edition,
        "statement": statement,
        "lists_untiered": untiered is not None and len(untiered.services) <= HOME_SERVICES_LISTED,
    }
    return render(request, "public/home.html", context)


def moved_or_missing(request, *, page: str, slug: str, statement, missing: str) -> HttpResponse:
    """An address the edition has no page at: 301 to where the record lives now if it
    was renamed; 410 for a service the current edition dropped; otherwise 404."""
    owner = old_address_owner(kind=page, slug=slug)
    record = statement.record(page, str(owner)) if owner is not None else None
    if record is not None:
        query = request.viewing.query_as_sent
        url = request.viewing.url(page, record.slug)
        return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
    if page == "service" and request.viewing.addresses is Addresses.CURRENT:
        withdrawn = withdrawn_service(slug=slug)
        if withdrawn is not None:
            return _service_withdrawn(request, withdrawn=withdrawn, statement=statement)
    raise Http404(missing)


def _service_withdrawn(request, *, withdrawn, statement) -> HttpResponse:
    tier = statement.record("tier", str(withdrawn.tier_uid)) if withdrawn.tier_uid else None
    if tier is not None:
        similar = tier.services
    else:
        similar = [
            service
            for service in statement.services
            if service.tier and service.tier.level == withdrawn.tier_level
        ]
    context = {
        "statement": statement,
        "withdrawn": withdrawn,
        "tier": tier,
        "similar": similar,
        "last_url": page_url(
            "service", withdrawn.slug, addresses=Addresses.PINNED, edition=withdrawn.last_edition
        ),
    }
    return render(request, "public/service_withdrawn.html", context, status=410)


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
    url = public_url(request, request.path)
    share = {
        "url": url,
        "edition": edition,
        # The permanent address of this edition's version (none in the preview).
        "edition_url": (
            page_url("service", slug, addresses=Addresses.PINNED, edition=edition)
            if edition
            else ""
        ),
    }
    context = {
        "edition": edition,
        "statement": statement,
        "service": service,
        "structured_data": service_json_ld(service=service, statement=statement, url=url),
        "share": share,
        # A family tells the council what is wrong with the offer as it is now.
        "report_url": (
            f"{reverse('feedback:report', args=[service.id])}?{urlencode({'page': request.path})}"
            if request.viewing.addresses is Addresses.CURRENT and service.offered
            else ""
        ),
        # Lists are of the current offer: pinned and preview pages offer no list.
        "shortlist": (
            shortlist_read(query=request.GET, statement=statement)
            if request.viewing.addresses is Addresses.CURRENT
            else None
        ),
    }
    return render(request, "public/service_detail.html", context)


def _record_page(page: str, template: str, missing: str) -> Callable:
    """The page of one tier or provider (`page`), found by its address."""

    def view(request, slug: str, *, edition, statement):
        record = getattr(statement, page)(slug)
        if record is None:
            return moved_or_missing(
                request, page=page, slug=slug, statement=statement, missing=missing
            )
        return render(request, template, {"edition": edition, "statement": statement, page: record})

    view.__name__ = f"{page}_detail"
    return view


tier_detail = _record_page(
    "tier", "public/tier_detail.html", "We could not find that level of support."
)
provider_detail = _record_page(
    "provider", "public/provider_detail.html", "We could not find that provider."
)


def section_page(request, slug: str, *, edition, statement):
    """A part of the statement's own text the council gave a page of its own."""
    section = statement.section_page(slug)
    if section is None:
        raise Http404("We could not find that page.")
    context = {"edition": edition, "statement": statement, "section": section}
    return render(request, "public/section_detail.html", context)


def _part(template: str) -> Callable:
    """A page that only shows part of the edition (whole statement, providers,
    contacts, FAQ, stories, glossary...)."""

    def view(request, *, edition, statement):
        return render(request, template, {"edition": edition, "statement": statement})

    view.__name__ = template.rsplit("/", 1)[-1].removesuffix(".html")
    return view


def statement_detail(request, *, edition, statement):
    """The whole statement: one page, or a part of it (?part=<n>) past
    STATEMENT_PART_SERVICES services."""
    parts = statement_parts(statement, per_part=settings.STATEMENT_PART_SERVICES)
    pages = Paginator(parts, 1)
    try:
        page = pages.page(int(request.GET.get("part", "1")))
    except (ValueError, InvalidPage):
        raise Http404("The statement has no such part.") from None
    context = {
        "edition": edition,
        "statement": statement,
        "part": page.object_list[0],
        "parts": parts if len(parts) > 1 else None,
        "pagination": pagination_links(request, page, parameter="part"),
    }
    return render(request, "public/statement_detail.html", context)


provider_list = _part("public/provider_list.html")
contact_list = _part("public/contact_list.html")
question_list = _part("public/question_list.html")
story_list = _part("public/familystory_list.html")
glossary = _part("public/glossaryterm_list.html")
what_families_need = _part("public/what_families_need.html")


def accessibility(request, *, edition, statement):
    """The accessibility statement in the form the 2018 regulations' model sets out: the
    council's facts (contact, reply time, compliance, what is not accessible, dates) only
    as it gave them, and what the software itself does. There before anything is
    published too."""
    details = statement.details if statement else None
    context = {
        "statement": statement,
        "edition": edition,
        "prepared_on": _date_or_none(details and details.accessibility_prepared_on),
        "reviewed_on": _date_or_none(details and details.accessibility_reviewed_on),
        # The whole statement (or each of its parts) as a PDF, for any edition.
        "offers_pdf": bool(edition),
    }
    return render(request, "public/accessibility.html", context)


def _date_or_none(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


def statement_pdf(request, *, edition, statement):
    """The whole statement as a tagged PDF (public/pdf.py), made once per edition; past
    STATEMENT_PART_SERVICES services, one PDF per part (?part=<n>)."""
    parts = statement_parts(statement, per_part=settings.STATEMENT_PART_SERVICES)
    try:
        part = int(request.GET.get("part", "1"))
    except ValueError:
        raise Http404("The statement has no such part.") from None
    if not 1 <= part <= len(parts):
        raise Http404("The statement has no such part.")
    try:
        pdf = statement_pdf_kept(request=request, edition=edition, statement=statement, part=part)
    except PdfBeingMade:
        # Being made by another worker: say so, with the statement's page meanwhile.
        context = {"edition": edition, "statement": statement, "part": part}
        response = render(request, "public/statement_pdf_wait.html", context, status=503)
        response["Retry-After"] = "30"
        add_never_cache_headers(response)
        return response
    response = HttpResponse(pdf, content_type="application/pdf")
    # Shown in the browser; saved under a name saying which council and edition.
    name = pdf_file_name(edition=edition, statement=statement, part=part, parts=len(parts))
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
