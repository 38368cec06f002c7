"""How hard a page is to read, so officers can write at the reading age their council
aims for: a reading age (the Flesch-Kincaid grade, from textstat, plus five: the age at
which a child is in that school year) and the sentences over 25 words, which plain
English guidance says to split.

Only running text is measured (paragraphs, list items, table cells and definitions):
headings, buttons and labels are not sentences, and would make any page look easy.
Hidden text (visually hidden labels, a glossary term's closed meaning) is left out too.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser

import textstat

LONG_SENTENCE_WORDS = 25
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


@dataclass(frozen=True)
class ReadingLevel:
    """How hard some text is to read."""

    words: int = 0
    # None: too few words to say.
    age: int | None = None
    long_sentences: list[str] = field(default_factory=list)

    def over(self, target: int) -> bool:
        return self.age is not None and self.age > target


def reading_level(blocks: Iterable[str]) -> ReadingLevel:
    """The reading level of blocks of running text (each a paragraph or list item)."""
    sentences = [
        sentence.strip()
        for block in blocks
        for sentence in _SENTENCE_END.split(" ".join(block.split()))
        if _WORD.search(sentence)
    ]
    words = sum(len(_WORD.findall(sentence)) for sentence in sentences)
    if words < FEWEST_WORDS:
        return ReadingLevel(words=words)
    # Each sentence ends with a full stop for textstat, which splits on them.
    text = " ".join(s if s[-1] in ".!?" else s + "." for s in sentences)
    age = round(max(textstat.flesch_kincaid_grade(text), 0) + GRADE_TO_AGE)
    long = [s for s in sentences if len(_WORD.findall(s)) > LONG_SENTENCE_WORDS]
    return ReadingLevel(words=words, age=age, long_sentences=long)


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
