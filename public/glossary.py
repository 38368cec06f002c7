"""Finding glossary terms in officers' text, so the first use of each on a page can be
marked up and linked to its explanation on the glossary page."""

import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Use:
    """One place a glossary term is used in a piece of text."""

    start: int
    end: int
    term: dict[str, Any]  # the glossary entry from the snapshot
    abbreviation_of: str  # what the words stand for, when they are an abbreviation


def _is_abbreviation(spelling: str) -> bool:
    """'SEND', 'EHCP', 'PA': all capitals, so 'send' the verb is not the same word."""
    letters = [c for c in spelling if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


class GlossaryMatcher:
    """Every spelling of every term (the term, what it stands for, its aliases) in one
    pattern. Built once per edition and shared between requests, so it holds no state
    about any page."""

    def __init__(self, glossary: list[dict[str, Any]]):
        self._spellings: dict[str, tuple[dict[str, Any], str]] = {}
        # Abbreviations by their case-folded spelling, to insist on capitals.
        self._exact: dict[str, str] = {}
        for term in glossary:
            for spelling in (term["term"], term.get("stands_for", ""), *term["aliases"]):
                spelling = " ".join(spelling.split())
                if not spelling:
                    continue
                key = spelling.casefold()
                expansion = ""
                if _is_abbreviation(spelling):
                    self._exact.setdefault(key, spelling)
                    expansion = term.get("stands_for") or term["term"]
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


def terms_used(matcher: GlossaryMatcher, snapshot: dict[str, Any]) -> set[str]:
    """The slugs of the terms used anywhere in an edition's text but its glossary.

    Each distinct piece of text is searched once (services often share wording), all in
    one pass: joined by a character no spelling can match across or next to."""
    texts: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, str):
            texts.add(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk({key: value for key, value in snapshot.items() if key != "glossary"})
    return {use.term["slug"] for use in matcher.uses("\x00".join(texts))}
