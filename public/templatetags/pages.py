"""Template helpers for the public pages: officers' plain text made into safe HTML,
phone links, ages in words, and links that stay inside the page family being read."""

import datetime
import re

from django import template
from django.core.exceptions import DisallowedHost
from django.template.loader import render_to_string
from django.template.loader_tags import BLOCK_CONTEXT_KEY
from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe

from contacts.validators import phone_tel_href
from core.prose import prose_html
from core.safe_json import json_for_html
from core.wording import (
    address_lines,
    cost_line,
    cost_words,
    home_or_away,
    online_or_by_phone,
    web_address,
)
from editions.read import Contact, EligibilityRule, Figure, Phone, Service, Venue
from offer.choices import PlaceFeature

from ..figures import Chart, figure_charts
from ..forms import CheckerForm
from ..pages import menu
from ..viewing import Addresses, public_url
from ..viewing import page_url as viewing_page_url

register = template.Library()


def _glossary_marked(text: str, marks: "_GlossaryMarks | None") -> SafeString:
    """Escape text, marking up the first use on the page of each glossary term: a link
    to the glossary (kept, and all there is without JavaScript) and a button that opens
    the meaning in place (includes/glossary_term.html)."""
    if marks is None:
        return escape(text)
    out: list[str] = []
    last = 0
    for use in marks.matcher.uses(text):
        slug = use.term.slug
        # A term right after another marked one is left for its next use, so two
        # links never run together as if they were one.
        if slug in marks.seen or (last and not text[last : use.start].strip()):
            continue
        marks.seen.add(slug)
        out.append(escape(text[last : use.start]))
        out.append(
            render_to_string(
                "includes/glossary_term.html",
                {
                    "term": use.term,
                    "words": text[use.start : use.end],
                    "abbreviation_of": use.abbreviation_of,
                    "glossary_url": marks.glossary_url,
                },
            ).strip()
        )
        last = use.end
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # escaped text, and a template's autoescaped output


class _GlossaryMarks:
    """Which glossary terms one page has already marked. Lives in the page's own
    template context, so nothing about a page is shared with another request."""

    def __init__(self, matcher, glossary_url: str):
        self.matcher = matcher
        self.glossary_url = glossary_url
        self.seen: set[str] = set()


def _page_marks(context) -> _GlossaryMarks | None:
    statement = context.get("statement")
    matcher = getattr(statement, "glossary_matcher", None)
    if matcher is None:
        return None
    # The bottom dict of a Context is its own (includes share it), so the marks last
    # for exactly one page.
    root = context.dicts[0]
    if "_glossary_marks" not in root:
        root["_glossary_marks"] = _GlossaryMarks(matcher, page_url(context, "glossary"))
    return root["_glossary_marks"]


@register.simple_tag(takes_context=True)
def prose(context, text: str, glossary: bool = True, headings: int = 3) -> SafeString:
    """Officers' text (core/prose.py) in GOV.UK styles, with the first use on the page
    of each glossary term linked to its meaning; '#' sub-headings start at h`headings`.

    `glossary=False` leaves terms unmarked (on the glossary page itself)."""
    marks = _page_marks(context) if glossary else None
    return prose_html(
        text, mark=lambda words: _glossary_marked(words, marks), heading_level=headings
    )


@register.filter
def tel_href(number: str) -> str:
    return phone_tel_href(number)


@register.simple_tag
def call_note(contact: Contact, phone: Phone) -> str:
    """' (opening hours; what a call costs)' after a phone number, with whichever of the
    two the council gave; nothing when it gave neither."""
    said = "; ".join(part for part in (contact.opening_hours, phone.charges) if part)
    return f" ({said})" if said else ""


# The most services a level's page or one of the checker's suggestions lists: past it,
# the rest are found in the finder, so no page grows with the offer.
SERVICES_LISTED = 100


@register.filter
def first_services(groups: list, most: int = SERVICES_LISTED) -> list[dict]:
    """Service groups (heading, services, anchor) cut to their first `most` services in
    all: the groups after that point are left out, the one it falls in is cut short."""
    listed, left = [], most
    for group in groups:
        if left <= 0:
            break
        services = group.services[:left]
        left -= len(services)
        listed.append({"heading": group.heading, "services": services, "anchor": group.anchor})
    return listed


@register.filter
def display_url(url: str) -> str:
    """A web address as people read it: no https://, no trailing slash."""
    return re.sub(r"^https?://", "", url or "").rstrip("/")


@register.filter
def ages(record: Service | EligibilityRule) -> str:
    """The ages a service (as the read model decides them) or a rule is for, in words:
    '10 to 16 years', 'from 5 years', '8 years old'; nothing when not stated."""
    return record.ages.words if record.ages else ""


@register.filter
def charts(figures: list[Figure]) -> list[Chart]:
    """The statement's figures drawn as bar charts, one per unit figures share."""
    return figure_charts(figures)


def _viewing(context):
    return getattr(context.get("request"), "viewing", None)


@register.simple_tag(takes_context=True)
def page_url(context, page: str, slug: str | None = None) -> str:
    """Link to a public page, staying at the addresses being read: the current
    edition, a pinned one or the preview (see public/viewing.py)."""
    viewing = _viewing(context)
    return viewing.url(page, slug) if viewing else viewing_page_url(page, slug)


@register.simple_tag
def preview_url(page: str, slug: str | None = None) -> str:
    """Link to page `page` (of the record at `slug`) in the officers' preview."""
    return viewing_page_url(page, slug, addresses=Addresses.PREVIEW)


@register.simple_tag(takes_context=True)
def public_address(context) -> str:
    """This page's public address (at SITE_URL when set): for og:url and print-outs.
    Only the path when the request's host is not one of ours (the error page for a bad
    host must still render)."""
    request = context.get("request")
    if request is None:
        return ""
    try:
        return public_url(request, request.get_full_path())
    except DisallowedHost:
        return request.get_full_path()


@register.simple_tag(takes_context=True)
def menu_items(context) -> list[dict]:
    """The menu's items for the page being read (public/pages.py)."""
    return menu(_viewing(context), context.get("statement"))


@register.simple_tag
def changed_page_url(entry, new_edition, old_edition) -> str:
    """Where a change report's entry is read: on the new side (an edition, or the
    preview when `new_edition` is None) unless it was removed, then in the old edition;
    '' when it has no page."""
    if entry.page is None or entry.slug is None:
        return ""
    if entry.status == "removed":
        if old_edition is None:
            return ""
        return viewing_page_url(
            entry.page, entry.slug, addresses=Addresses.PINNED, edition=old_edition
        )
    if new_edition is None:
        return viewing_page_url(entry.page, entry.slug, addresses=Addresses.PREVIEW)
    return viewing_page_url(entry.page, entry.slug, addresses=Addresses.PINNED, edition=new_edition)


@register.filter
def change_count(report, status: str) -> int:
    """How many services a change report marks 'added', 'removed' or 'changed'."""
    return report.count(status)


@register.simple_tag(takes_context=True)
def block_text(context, name: str) -> SafeString:
    """What the page's own `{% block name %}` renders, as plain text, so one title or
    description written once serves <title>, Open Graph and search engines alike."""
    block_context = context.render_context.get(BLOCK_CONTEXT_KEY)
    block = block_context.get_block(name) if block_context else None
    if block is None:
        return ""
    with context.push():
        rendered = block.nodelist.render(context)
    # Already escaped when rendered; only tags are taken out.
    return mark_safe(" ".join(strip_tags(rendered).split()))


@register.filter
def ld_json(data: dict) -> SafeString:
    """Structured data for search engines in a <script type="application/ld+json">,
    escaped so officers' text can never close the script element."""
    encoded = json_for_html(data)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(encoded))


register.filter("home_or_away", home_or_away)
register.filter("online_or_by_phone", online_or_by_phone)
register.filter("address_lines", address_lines)
register.filter("web_address", web_address)


@register.filter
def place_features(place: Venue) -> list[str]:
    return PlaceFeature.labels_of(place)


register.filter("cost_words", cost_words)
register.filter("cost_line", cost_line)


@register.filter
def get_item(mapping: dict, key: str):
    return mapping.get(key)


@register.filter
def routes_in_statement(service: Service, routes: dict) -> dict[str, list]:
    """A service's ways in, in the whole statement (`routes`: its part's layout): those
    to give in full here (the first place it prints them), and those given in full
    above."""
    return routes.get(service.id, {"full": [], "above": []})


@register.filter
def ways_in_contacts(service: Service) -> list[Contact]:
    """The contacts named on a service's ways in."""
    return [contact for route in service.ways_in for contact in route.contacts]


@register.simple_tag
def checker_question_count(statement) -> int:
    """How many questions the checker asks for this statement (none about needs or
    times the council does not list)."""
    return len(CheckerForm(None, statement=statement).fields)


@register.filter
def date_from_iso(text: str | None) -> datetime.date | None:
    """A snapshot's date ('2027-03-31') as a date, for the date filter."""
    return datetime.date.fromisoformat(text) if text else None
