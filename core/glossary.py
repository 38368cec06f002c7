"""Finding glossary terms in officers' text, so the first use of each on a page can be
marked up and linked to its explanation on the glossary page."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Use:
    """One place a glossary term is used in a piece of text."""

    start: int
    end: int
    term: Any  # the glossary entry (editions.snapshot.records.GlossaryTerm)
    abbreviation_of: str  # what the words stand for, when they are an abbreviation


def _is_abbreviation(spelling: str) -> bool:
    """'SEND', 'EHCP', 'PA': all capitals, so 'send' the verb is not the same word."""
    letters = [c for c in spelling if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


class GlossaryMatcher:
    """Every spelling of every term (the term, what it stands for, its aliases) in one
    pattern. Built once per edition and shared between requests, so it holds no state
    about any page."""

    def __init__(self, glossary: list[Any]):
        """`glossary`: terms with `term`, `stands_for` and `aliases`."""
        self._spellings: dict[str, tuple[Any, str]] = {}
        # Abbreviations by their case-folded spelling, to insist on capitals.
        self._exact: dict[str, str] = {}
        for term in glossary:
            for spelling in (term.term, term.stands_for, *term.aliases):
                spelling = " ".join(spelling.split())
                if not spelling:
                    continue
                key = spelling.casefold()
                expansion = ""
                if _is_abbreviation(spelling):
                    self._exact.setdefault(key, spelling)
                    expansion = term.stands_for or term.term
                    if expansion == spelling:
                        expansion = ""
                # An earlier term keeps a spelling two terms share.
                self._spellings.setdefault(key, (term, expansion))
        alternatives = sorted(self._spellings, key=len, reverse=True)
        self._pattern = (
            re.compile(
                r"(?<![\w-])("
                + "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in alternatives)
                + r")(?:'?s|es)?(?![\w-])",
                re.IGNORECASE,
            )
            if alternatives
            else None
        )

    def uses(self, text: str) -> list[Use]:
        """Where terms are used in `text`, in order. Abbreviations match only in
        capitals; other terms in any case, singular or plural."""
        if self._pattern is None:
            return []
        found = []
        for match in self._pattern.finditer(text):
            words = " ".join(match.group(1).split())
            key = words.casefold()
            exact = self._exact.get(key)
            if exact is not None and words != exact:
                continue
            term, expansion = self._spellings[key]
            found.append(Use(match.start(), match.end(), term, expansion))
        return found


def terms_used(matcher: GlossaryMatcher, texts: Iterable[str]) -> set[str]:
    """The slugs of the terms used anywhere in `texts`.

    Each distinct piece of text is searched once (services often share wording), all in
    one pass: joined by a character no spelling can match across or next to."""
    return {use.term.slug for use in matcher.uses("\x00".join(set(texts)))}
