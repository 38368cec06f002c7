"""The reading age of each page of the working copy, for the publish page (or, past a
hundred pages, the reading-age page it links to): measured on the officers' own words
that each page shows (its record's text, its eligibility criteria and ways in), so it
points at the text to change; each page is named as the public pages name it, for the
page showing the list to link to its preview. The preview measures a page as rendered
(public/reading.py)."""

import hashlib
import json
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from core.reading import COUNTING_METHOD, ReadingLevel, TextCounts, prose_blocks, text_counts
from offer.choices import SectionPlace
from offer.models import Statement

from .cache import EditionMemo
from .models import Edition, EditionReading
from .read import Statement as Read
from .snapshot.records import Service, Tier

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
    """One public page's reading level, and which page it is (to preview it)."""

    title: str
    page: str  # its name among the public pages (public/pages.py)
    slug: str | None
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
    page: str
    slug: str | None
    texts: list[str]


def reading_pages(*, statement: Read) -> list[PageText]:
    """Each page with text of its own, in the order of the site."""

    def placed(place: str, tier: Tier | None = None) -> list[str]:
        if tier is not None:
            return [s.body for s in tier.sections]
        return [s.body for s in statement.sections_in(place)]

    def ways(record: Tier | Service) -> list[str]:
        return [rule.criteria for rule in record.eligibility_rules] + [
            route.steps for route in record.referral_routes
        ]

    details = statement.details
    pages: list[tuple[str, str, str | None, list[str]]] = [
        ("Home page", "home", None, [details.summary, *placed(SectionPlace.HOME)]),
    ]
    for tier in statement.tiers:
        texts = [getattr(tier, key) for key in _TIER_TEXT] + placed(SectionPlace.TIER, tier)
        pages.append((tier.name, "tier", tier.slug, texts + ways(tier)))
    for service in statement.services:
        texts = [getattr(service, key) for key in _SERVICE_TEXT] + ways(service)
        pages.append((service.name, "service", service.slug, texts))
    for section in statement.sections_in(SectionPlace.OWN_PAGE):
        pages.append((section.title, "section", section.slug, [section.body]))
    pages += [
        ("The whole statement's own sections", "statement", None,
         placed(SectionPlace.STATEMENT)),
        ("How we know what families need", "needs", None,
         [details.family_views_intro, *statement.family_views, *placed(SectionPlace.NEEDS)]),
        ("Questions families ask", "questions", None,
         [text for q in statement.questions for text in (q.question, q.answer)]),
        ("Families' stories", "stories", None,
         [getattr(s, key) for s in statement.stories for key in _STORY_TEXT]),
        ("Words and what they mean", "glossary", None,
         [term.explanation for term in statement.all_glossary]),
    ]  # fmt: skip
    return [
        PageText(title, page, slug, texts)
        for title, page, slug, texts in pages
        if any((text or "").strip() for text in texts)
    ]


def reading_by_page(*, pages: list[PageText]) -> list[PageReading]:
    """Each of `pages` with its reading level."""
    levels = _levels([page.texts for page in pages])
    return [
        PageReading(page.title, page.page, page.slug, level)
        for page, level in zip(pages, levels, strict=True)
    ]


def reading_to_work_on(readings: list[PageReading], *, target: int) -> list[PageReading]:
    """The pages above the target reading age or with sentences over 25 words."""
    return [page for page in readings if page.level.over(target) or page.level.long_sentences]


def _levels(pages: list[list[str]]) -> list[ReadingLevel]:
    """Each page's reading level, from the counts of its texts."""
    counted = _counter()
    return [sum((counted(text) for text in texts if text), TextCounts()).level for texts in pages]


def reading_counts_record(*, edition: Edition, statement: Read) -> None:
    """Count every text `edition` shows and keep the counts with it, in place of those
    of the edition before: the next look at a large offer's reading ages, in any
    process, counts only what changed since."""
    counted = _counter()
    texts = {text for page in reading_pages(statement=statement) for text in page.texts}
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
