"""The reading age of each page of the working copy, for the publish page (or, past a
hundred pages, the reading-age page it links to): measured on the officers' own words
that each page shows (its record's text, its eligibility criteria and ways in), so it
points at the text to change. The preview measures a page as rendered
(public/reading.py)."""

import hashlib
import json
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from core.addresses import address_maker
from core.reading import COUNTING_METHOD, ReadingLevel, TextCounts, prose_blocks, text_counts
from offer.choices import SectionPlace
from offer.models import Statement

from .cache import EditionMemo
from .models import Edition, EditionReading

_TIER_TEXT = ("summary", "who_it_is_for", "description", "stepping_up_and_down")
_SERVICE_TEXT = ("summary", "description", "example_activities", "status_note", "cost",
                 "other_providers_note")  # fmt: skip
_STORY_TEXT = ("who", "situation", "what_they_got", "outcome")
# The counts of a text never change: those of texts changed since the last publish are
# remembered by a digest of their words (about 300 bytes each), least recently used out,
# for every text of the largest offer (a service's own, each rule's and each route's),
# as when nothing has been published since a large import: fewer, and a walk through
# them all would find none.
_measured = EditionMemo(size=100_000)
# The counts kept with the newest edition, once read: every text it shows.
_stored = EditionMemo(size=1, make_room_first=True)


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


@dataclass(frozen=True)
class PageText:
    """One public page's own text (officers' Markdown, each piece apart), unmeasured."""

    title: str
    preview_url: str
    texts: list[str]


def reading_pages(*, snapshot: dict[str, Any]) -> list[PageText]:
    """Each page with text of its own, in the order of the site."""
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
    return [
        PageText(title, url, texts)
        for title, url, texts in pages
        if any((text or "").strip() for text in texts)
    ]


def reading_by_page(*, pages: list[PageText]) -> list[PageReading]:
    """Each of `pages` with its reading level."""
    levels = _levels([page.texts for page in pages])
    return [
        PageReading(page.title, page.preview_url, level)
        for page, level in zip(pages, levels, strict=True)
    ]


def reading_to_work_on(readings: list[PageReading], *, target: int) -> list[PageReading]:
    """The pages above the target reading age or with sentences over 25 words."""
    return [page for page in readings if page.level.over(target) or page.level.long_sentences]


def _levels(pages: list[list[str]]) -> list[ReadingLevel]:
    """Each page's reading level, from the counts of its texts."""
    counted = _counter()
    return [sum((counted(text) for text in texts if text), TextCounts()).level for texts in pages]


def reading_counts_record(*, edition: Edition) -> None:
    """Count every text `edition` shows and keep the counts with it, in place of those
    of the edition before: the next look at a large offer's reading ages, in any
    process, counts only what changed since."""
    counted = _counter()
    texts = {text for page in reading_pages(snapshot=edition.snapshot) for text in page.texts}
    counts = {}
    for text in texts:
        if text:
            found = counted(text)
            counts[_text_key(text).hex()] = [
                found.words, found.sentences, found.syllables, list(found.long_sentences)
            ]  # fmt: skip
    packed = json.dumps(counts, ensure_ascii=False, separators=(",", ":")).encode()
    EditionReading.objects.exclude(edition=edition).delete()
    EditionReading.objects.create(
        edition=edition, method=COUNTING_METHOD, counts=zlib.compress(packed, 6)
    )


def _counter() -> Callable[[str], TextCounts]:
    """Counts texts: each from the counts kept with the newest edition, else from this
    process's memory, else counted now (and remembered in this process, not in the page
    cache, which thousands of them would crowd kept pages out of). With thousands of
    services only texts changed since the last publish are counted, each once however
    many pages show it (an eligibility rule's criteria)."""
    # Within one look, a text many pages share is found by the text itself, at once.
    seen: dict[str, TextCounts] = {}
    stored: dict[bytes, TextCounts] | None = None

    def counted(text: str) -> TextCounts:
        nonlocal stored
        if text not in seen:
            if stored is None:
                stored = _stored_counts()
            key = _text_key(text)
            found = stored.get(key)
            if found is None:
                found = _measured.get_or_make(key, lambda: text_counts(prose_blocks(text)))
            seen[text] = found
        return seen[text]

    return counted


def _stored_counts() -> dict[bytes, TextCounts]:
    """The counts kept with the newest edition, by each text's key, if they were counted
    the way this release counts; read once per process."""
    newest = (
        EditionReading.objects.filter(method=COUNTING_METHOD)
        .order_by("-edition__version")
        .values_list("edition__uid", flat=True)
        .first()
    )
    if newest is None:
        return {}

    def unpacked() -> dict[bytes, TextCounts]:
        packed = EditionReading.objects.get(edition__uid=newest).counts
        return {
            bytes.fromhex(key): TextCounts(words, sentences, syllables, tuple(long))
            for key, (words, sentences, syllables, long) in json.loads(
                zlib.decompress(bytes(packed))
            ).items()
        }

    return _stored.get_or_make(newest, unpacked)


def _text_key(text: str) -> bytes:
    return hashlib.blake2b(text.encode(), digest_size=16).digest()
