"""The finder: which services in an edition match a family's filters and words.

Pure functions over a PublishedStatement, so a search costs no database queries however
many services there are. Empty needs, times or areas on a service mean "any need",
"arranged to suit the family" and "the whole area", so such a service matches any
choice of that filter.
"""

import re
from dataclasses import dataclass, field
from typing import Any

from .choices import Assessment

Service = dict[str, Any]

# Words families use for the same thing. A query word or phrase from a group matches
# text containing any member of the group.
SYNONYMS: list[tuple[str, ...]] = [
    ("respite", "overnight short break", "overnight short breaks", "overnight", "overnights"),
    ("pa", "pas", "personal assistant", "personal assistants"),
    ("dp", "dps", "direct payment", "direct payments"),
    ("sen", "send", "special educational needs"),
    ("ehcp", "education health and care plan"),
    ("asd", "autism", "autistic"),
    ("holiday", "holidays", "school holidays"),
    ("activity", "activities"),
]

_STOP_WORDS = {
    "a", "an", "and", "any", "for", "i", "in", "is", "it", "me", "my", "of", "on", "or",
    "our", "the", "to", "we", "with", "need", "needs", "want", "looking", "help",
}  # fmt: skip


@dataclass
class Filters:
    """What the family asked for. Empty lists and None mean 'not filtered'."""

    age: int | None = None
    needs: list[str] = field(default_factory=list)
    times: list[str] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    tiers: list[str] = field(default_factory=list)
    no_assessment: bool = False
    direct_payment: bool = False
    words: str = ""

    def without(self, name: str, value: Any = None) -> "Filters":
        """These filters with one filter (or one value of a list filter) taken off."""
        copy = Filters(**{k: list(v) if isinstance(v, list) else v for k, v in vars(self).items()})
        current = getattr(copy, name)
        if isinstance(current, list):
            setattr(copy, name, [item for item in current if item != value])
        else:
            setattr(copy, name, Filters.__dataclass_fields__[name].default)
        return copy

    @property
    def active(self) -> bool:
        return any(vars(self)[name] not in (None, False, "", []) for name in vars(self))


def _normalise(text: str) -> str:
    return re.sub(r"[^a-z0-9£]+", " ", text.casefold()).strip()


def search_terms(words: str) -> list[tuple[str, ...]]:
    """The query as a list of terms, each a tuple of alternatives (synonyms)."""
    text = f" {_normalise(words)} "
    terms: list[tuple[str, ...]] = []
    # Longest phrases first, so 'direct payment' is one term, not 'direct' + 'payment'.
    phrases = sorted(
        ((phrase, group) for group in SYNONYMS for phrase in group),
        key=lambda item: -len(item[0]),
    )
    for phrase, group in phrases:
        if f" {phrase} " in text:
            text = text.replace(f" {phrase} ", " ")
            if group not in terms:
                terms.append(group)
    for word in text.split():
        if word in _STOP_WORDS:
            continue
        # 'clubs' should find 'club' too (the match already allows a plural ending).
        term = (word, word[:-1]) if len(word) > 3 and word.endswith("s") else (word,)
        if term not in terms:
            terms.append(term)
    return terms


def _searchable(service: Service) -> str:
    tier = service["tier"]
    parts = [
        service["name"],
        service["summary"],
        service["description"],
        service["example_activities"],
        service["group"],
        tier["name"] if tier else "",
        " ".join(p["name"] for p in service["providers"]),
        " ".join(t["name"] for t in service["times"]),
        " ".join(n["name"] for n in service["needs"]),
    ]
    if service["direct_payment"] == "yes":
        parts.append("direct payment")
    return f" {_normalise(' '.join(parts))} "


def _matches_terms(text: str, terms: list[tuple[str, ...]]) -> bool:
    # Whole words (or their plurals) only, so 'pa' does not match 'parent'.
    return all(
        any(re.search(rf"\b{re.escape(alternative)}(?:s|es)?\b", text) for alternative in term)
        for term in terms
    )


def _rules(service: Service) -> list[dict]:
    if service["eligibility_rules"]:
        return service["eligibility_rules"]
    return service["tier"]["eligibility_rules"] if service["tier"] else []


def needs_no_assessment(service: Service) -> bool:
    """True when every rule that applies to the service needs no assessment."""
    rules = _rules(service)
    return bool(rules) and all(rule["assessment"] == Assessment.NONE for rule in rules)


def _open_or_any(chosen: list[str], offered: list[dict]) -> bool:
    return not chosen or not offered or any(term["slug"] in chosen for term in offered)


def service_matches(service: Service, filters: Filters, terms: list[tuple[str, ...]]) -> bool:
    if filters.age is not None and not service["min_age"] <= filters.age <= service["max_age"]:
        return False
    if not _open_or_any(filters.needs, service["needs"]):
        return False
    if not _open_or_any(filters.times, service["times"]):
        return False
    if not _open_or_any(filters.areas, service["areas"]):
        return False
    if filters.tiers and (service["tier"] is None or service["tier"]["slug"] not in filters.tiers):
        return False
    if filters.no_assessment and not needs_no_assessment(service):
        return False
    if filters.direct_payment and service["direct_payment"] != "yes":
        return False
    return not terms or _matches_terms(_searchable(service), terms)


def _explicit_matches(service: Service, filters: Filters) -> int:
    """How many chosen needs, times and areas the service names itself, rather than
    matching because it is open to any."""
    return sum(
        term["slug"] in chosen
        for chosen, offered in (
            (filters.needs, service["needs"]),
            (filters.times, service["times"]),
            (filters.areas, service["areas"]),
        )
        for term in offered
    )


def services_find(*, services: list[Service], filters: Filters) -> list[Service]:
    """The services matching every filter: first those that name the needs, times and
    areas chosen (an 'overnight' search starts with overnight breaks, not with services
    open at any time), otherwise in the statement's order."""
    terms = search_terms(filters.words)
    found = [service for service in services if service_matches(service, filters, terms)]
    return sorted(found, key=lambda service: -_explicit_matches(service, filters))
