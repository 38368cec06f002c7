"""The reading age of each page of the working copy, for the publish page: measured on
the officers' own words that each page shows (its record's text, its eligibility
criteria and ways in), so it points at the text to change. The preview measures a page
as rendered (public/reading.py)."""

import hashlib
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from core.addresses import address_maker
from core.prose import prose_html
from core.reading import ReadingLevel, html_blocks, reading_level
from offer.choices import SectionPlace
from offer.models import Statement

from .cache import EditionMemo

_TIER_TEXT = ("summary", "who_it_is_for", "description", "stepping_up_and_down")
_SERVICE_TEXT = ("summary", "description", "example_activities", "status_note", "cost",
                 "other_providers_note")  # fmt: skip
_STORY_TEXT = ("who", "situation", "what_they_got", "outcome")
# The measure of a text never changes: a page's level is remembered by its words, for
# the pages of the largest offer (a few hundred bytes each), least recently used out.
_measured = EditionMemo(size=20_000)


@dataclass(frozen=True)
class PageReading:
    """One public page's reading level, and where to preview it."""

    title: str
    preview_url: str
    level: ReadingLevel


def reading_age_target() -> int:
    """The council's target reading age (the model's default until it sets one)."""
    statement = Statement.load()
    if statement is None:
        return Statement._meta.get_field("reading_age_target").default
    return statement.reading_age_target


def reading_by_page(*, snapshot: dict[str, Any]) -> list[PageReading]:
    """Each page with text of its own, in the order of the site, with its reading level."""
    rules = {rule["id"]: rule for rule in snapshot["eligibility_rules"]}
    routes = {route["id"]: route for route in snapshot["referral_routes"]}
    sections = snapshot["sections"]

    def placed(place: str, tier: str | None = None) -> list[str]:
        return [
            s["body"]
            for s in sections
            if s["place"] == place and (tier is None or s["tier"] == tier)
        ]

    def ways(record: dict[str, Any]) -> list[str]:
        return [rules[i]["criteria"] for i in record["eligibility_rules"] if i in rules] + [
            routes[i]["steps"] for i in record["referral_routes"] if i in routes
        ]

    pages: list[tuple[str, str, list[str]]] = [
        ("Home page", reverse("preview:home"),
         [snapshot["statement"]["summary"], *placed(SectionPlace.HOME)]),
    ]  # fmt: skip
    tier_url, service_url = address_maker("preview:tier"), address_maker("preview:service")
    for tier in snapshot["tiers"]:
        texts = [tier[key] for key in _TIER_TEXT] + placed(SectionPlace.TIER, tier["id"])
        pages.append((tier["name"], tier_url(tier["slug"]), texts + ways(tier)))
    for service in snapshot["services"]:
        texts = [service[key] for key in _SERVICE_TEXT] + ways(service)
        pages.append((service["name"], service_url(service["slug"]), texts))
    for section in sections:
        if section["place"] == SectionPlace.OWN_PAGE:
            url = reverse("preview:section", args=[section["slug"]])
            pages.append((section["title"], url, [section["body"]]))
    pages += [
        ("The whole statement's own sections", reverse("preview:statement"),
         placed(SectionPlace.STATEMENT)),
        ("How we know what families need", reverse("preview:needs"),
         [snapshot["statement"]["family_views_intro"], *snapshot["family_views"],
          *placed(SectionPlace.NEEDS)]),
        ("Questions families ask", reverse("preview:questions"),
         [text for q in snapshot["questions"] for text in (q["question"], q["answer"])]),
        ("Families' stories", reverse("preview:stories"),
         [s[key] for s in snapshot["stories"] for key in _STORY_TEXT]),
        ("Words and what they mean", reverse("preview:glossary"),
         [term["explanation"] for term in snapshot["glossary"]]),
    ]  # fmt: skip
    pages = [page for page in pages if any((text or "").strip() for text in page[2])]
    levels = _levels([texts for _, _, texts in pages])
    return [
        PageReading(title, url, level) for (title, url, _), level in zip(pages, levels, strict=True)
    ]


# Up to this many pages are listed; past it, only those to work on (the first of them).
READING_LISTED = 100


def reading_listed(readings: list[PageReading], *, target: int) -> tuple[list[PageReading], int]:
    """The pages to list on the publish page, and how many are left out: every page of a
    small offer; of a large one, those above the target or with long sentences."""
    if len(readings) <= READING_LISTED:
        return readings, 0
    to_work_on = [
        page
        for page in readings
        if (page.level.age is not None and page.level.age > target) or page.level.long_sentences
    ][:READING_LISTED]
    return to_work_on, len(readings) - len(to_work_on)


def _levels(pages: list[list[str]]) -> list[ReadingLevel]:
    """Each page's reading level, remembered by the page's text: with thousands of
    services, only pages whose words changed since the last look are measured. Kept in
    this process, not the page cache, which they would crowd kept pages out of."""
    return [
        _measured.get_or_make(
            hashlib.sha256("\x00".join(t or "" for t in texts).encode()).digest(),
            lambda texts=texts: reading_level(_blocks(texts)),
        )
        for texts in pages
    ]


def _blocks(texts: list[str]) -> list[str]:
    """Officers' Markdown as blocks of running text."""
    return [block for text in texts if text for block in html_blocks(str(prose_html(text)))]
