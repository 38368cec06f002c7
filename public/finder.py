"""The finder: which services in an edition match a family's filters and words.

One index per edition (FinderIndex; finder_index keeps it as long as its read edition),
so a search costs no database queries and a few set operations however many services
there are. The
finder page, the checker's matching services and the feed's search all use it. Empty
needs, times or areas on a service mean "any need", "arranged to suit the family" and
"the whole area", so such a service matches any choice of that filter.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from editions.cache import KeptWith
from editions.read import SearchWord, Service, Statement
from offer.choices import PlaceFeature

# Words families use for the same thing (the edition's search words: officers edit
# them). A query word or phrase from a group matches text holding any of the group.
Synonyms = tuple[tuple[str, ...], ...]


def synonym_groups(search_words: list[SearchWord]) -> Synonyms:
    """Each search word and its meanings as one group of alternatives, normalised."""
    groups = []
    for word in search_words:
        group = tuple(dict.fromkeys(_normalise(w) for w in (*word.words, *word.means)))
        if len(group) > 1:
            groups.append(tuple(alternative for alternative in group if alternative))
    return tuple(groups)


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
    # What a place must have (offer.choices.PlaceFeature values), all at one place.
    place: list[str] = field(default_factory=list)
    no_assessment: bool = False
    direct_payment: bool = False
    free: bool = False
    words: str = ""


@dataclass(frozen=True)
class Found:
    """A search's answer: the services that match every filter, and those that may,
    where the statement does not say something a filter asks about (their ages, when or
    where they happen, the assessment, the cost): the family should ask."""

    matches: list[Service]
    ask: list[Service]


def _normalise(text: str) -> str:
    return re.sub(r"[^a-z0-9£]+", " ", text.casefold()).strip()


def search_terms(words: str, synonyms: Synonyms = ()) -> list[tuple[str, ...]]:
    """The query as a list of terms, each a tuple of alternatives (synonyms)."""
    text = f" {_normalise(words)} "
    terms: list[tuple[str, ...]] = []
    # Longest phrases first, so 'direct payment' is one term, not 'direct' + 'payment'.
    phrases = sorted(
        ((phrase, group) for group in synonyms for phrase in group),
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


def searchable_text(service: Service) -> str:
    """Everything a search looks in, normalised. FinderIndex works it out once per
    service when it is made (an earlier edition, never searched, needs none)."""
    tier = service.tier
    parts = [
        service.name,
        service.summary,
        service.description,
        service.example_activities,
        service.group,
        tier.name if tier else "",
        " ".join(p.name for p in service.providers),
        " ".join(t.name for t in service.times),
        " ".join(n.name for n in service.needs),
    ]
    if service.takes_direct_payment:
        parts.append("direct payment")
    return f" {_normalise(' '.join(parts))} "


@dataclass(frozen=True)
class _Phrase:
    """A phrase of several words: only text holding its first word can hold it."""

    first_word: str
    pattern: re.Pattern


@dataclass(frozen=True)
class _Term:
    """One search term, ready to test: the single words that satisfy it (with their
    plurals), and its phrases of several words."""

    words: frozenset[str]
    phrases: tuple[_Phrase, ...]


Patterns = tuple[_Term, ...]


@lru_cache(maxsize=256)
def _patterns(terms: tuple[tuple[str, ...], ...]) -> Patterns:
    # Whole words (or their plurals) only, so 'pa' does not match 'parent'; a word of
    # three letters or fewer is taken as typed ('pas' is not 'pass').
    ready = []
    for term in terms:
        single = [alternative for alternative in term if " " not in alternative]
        phrases = [alternative for alternative in term if " " in alternative]
        ready.append(
            _Term(
                words=frozenset(
                    w + ending
                    for w in single
                    for ending in (("", "s", "es") if len(w) > 3 else ("",))
                ),
                phrases=tuple(
                    _Phrase(
                        first_word=phrase.split()[0],
                        pattern=re.compile(rf"\b{re.escape(phrase)}(?:s|es)?\b"),
                    )
                    for phrase in phrases
                ),
            )
        )
    return tuple(ready)


def _in_age(service: Service, age: int) -> bool | None:
    """Whether the service is for a child of `age`, by the ages the read model decided
    for it (its own, else its rules'); None when the statement does not say: ask."""
    return None if service.ages is None else service.ages.includes(age)


def _explicit_matches(service: Service, filters: Filters) -> int:
    """How many chosen needs, times and areas the service names itself, rather than
    matching because it is open to any."""
    return sum(
        term.slug in chosen
        for chosen, offered in (
            (filters.needs, service.needs),
            (filters.times, service.times),
            (filters.areas, service.areas),
        )
        for term in offered
    )


def names_what_was_chosen(service: Service, filters: Filters) -> bool:
    """Whether the service names one of the chosen needs, times and areas for each list
    the family chose from, rather than matching because it is open to any."""
    for chosen, offered in (
        (filters.needs, service.needs),
        (filters.times, service.times),
        (filters.areas, service.areas),
    ):
        if chosen and not any(term.slug in chosen for term in offered):
            return False
    return True


class FinderIndex:
    """Which services (by position in the list) pass each filter value, and which the
    statement says nothing about, worked out once per edition, so any search is answered
    with a few set operations however many services there are."""

    # Lists a service may name, and the flag saying it is open to any choice of them.
    _LISTS = {"needs": None, "times": "any_time", "areas": "whole_area"}

    def __init__(self, services: list[Service], synonyms: Synonyms = ()):
        self.services = services
        self.synonyms = synonyms
        self.everyone = frozenset(range(len(services)))
        self.by_age: dict[int, frozenset[int]] = {}
        for age in range(0, 26):
            answers = [_in_age(service, age) for service in services]
            self.by_age[age] = frozenset(i for i, answer in enumerate(answers) if answer)
        self.age_unknown = {i for i, s in enumerate(services) if _in_age(s, 0) is None}
        self.by_term: dict[str, dict[str, set[int]]] = {kind: {} for kind in self._LISTS}
        self.open: dict[str, set[int]] = {kind: set() for kind in self._LISTS}
        self.unstated: dict[str, set[int]] = {kind: set() for kind in self._LISTS}
        self.by_tier: dict[str, set[int]] = {}
        self.answers = {
            name: {True: set(), None: set()} for name in ("no_assessment", "direct_payment", "free")
        }
        # Services with a place that has each feature (a feature not stated is asked about).
        self.by_feature: dict[str, set[int]] = {}
        self.by_word: dict[str, set[int]] = {}
        self.texts = [searchable_text(service) for service in services]
        for i, service in enumerate(services):
            for kind, open_flag in self._LISTS.items():
                terms = getattr(service, kind)
                for term in terms:
                    self.by_term[kind].setdefault(term.slug, set()).add(i)
                if terms:
                    continue
                # Needs named by none: open to any. Times or areas: open only when the
                # statement says so, else not stated.
                if open_flag is None or getattr(service, open_flag):
                    self.open[kind].add(i)
                else:
                    self.unstated[kind].add(i)
            for venue in service.venues:
                for feature in PlaceFeature.values:
                    if getattr(venue, feature):
                        self.by_feature.setdefault(feature, set()).add(i)
            if service.tier is not None:
                self.by_tier.setdefault(service.tier.slug, set()).add(i)
            for name, answer in (
                ("no_assessment", service.no_assessment),
                ("direct_payment", service.takes_direct_payment),
                ("free", service.costs_nothing),
            ):
                if answer is not False:
                    self.answers[name][answer].add(i)
            for word in self.texts[i].split():
                self.by_word.setdefault(word, set()).add(i)

    @property
    def answerable(self) -> set[str]:
        """The yes/no filters ('no_assessment', 'direct_payment', 'free') some service
        says yes to: one nothing says yes to would only ever answer 'ask'."""
        return {name for name, answers in self.answers.items() if answers[True]}

    @property
    def place_features(self) -> list[str]:
        """The features some service's place has, in the standard order: a filter for a
        feature no place states would only ever answer 'ask'."""
        return [feature for feature in PlaceFeature.values if self.by_feature.get(feature)]

    def _with_features(self, features: list[str]) -> set[int]:
        """Services with one place that has every feature asked for."""
        candidates = set(self.everyone).intersection(
            *(self.by_feature.get(feature, set()) for feature in features)
        )
        return {
            i
            for i in candidates
            if any(all(getattr(venue, f) for f in features) for venue in self.services[i].venues)
        }

    def _words(self, patterns: Patterns) -> set[int]:
        passing = set(self.everyone)
        for term in patterns:
            matching: set[int] = set()
            for word in term.words:
                matching |= self.by_word.get(word, set())
            for phrase in term.phrases:
                for i in self.by_word.get(phrase.first_word, set()) - matching:
                    if phrase.pattern.search(self.texts[i]):
                        matching.add(i)
            passing &= matching
        return passing

    def _answers(self, filters: Filters) -> dict[str, tuple[set[int], set[int]]]:
        """For each filter in use: the services that pass it, and those the statement
        says nothing about (for it, 'ask')."""
        answers: dict[str, tuple[set[int], set[int]]] = {}
        if filters.age is not None:
            answers["age"] = (set(self.by_age.get(filters.age, ())), self.age_unknown)
        for kind in self._LISTS:
            chosen = getattr(filters, kind)
            if chosen:
                found = set(self.open[kind])
                for slug in chosen:
                    found |= self.by_term[kind].get(slug, set())
                answers[kind] = (found, self.unstated[kind])
        if filters.tiers:
            tiers = set().union(*(self.by_tier.get(t, set()) for t in filters.tiers))
            answers["tiers"] = (tiers, set())
        if filters.place:
            having = self._with_features(filters.place)
            answers["place"] = (having, self.everyone - having)
        for name in ("no_assessment", "direct_payment", "free"):
            if getattr(filters, name):
                answers[name] = (self.answers[name][True], self.answers[name][None])
        patterns = _patterns(tuple(search_terms(filters.words, self.synonyms)))
        if patterns:
            answers["words"] = (self._words(patterns), set())
        return answers

    def find(self, filters: Filters) -> Found:
        """The services passing every filter, first those that name the needs, times and
        areas chosen (an 'overnight' search starts with overnight breaks, not with
        services open at any time), otherwise in the statement's order; then, apart,
        those that would pass but for something the statement does not say."""
        answers = self._answers(filters)
        matches = set(self.everyone).intersection(*(yes for yes, _ in answers.values()))
        possible = set(self.everyone).intersection(*(yes | ask for yes, ask in answers.values()))
        return Found(self._ordered(matches, filters), self._ordered(possible - matches, filters))

    def _ordered(self, found: set[int], filters: Filters) -> list[Service]:
        ordered = [self.services[i] for i in sorted(found)]
        if not (filters.needs or filters.times or filters.areas):
            return ordered  # nothing chosen that a service could name
        return sorted(ordered, key=lambda service: -_explicit_matches(service, filters))

    def near_misses(self, filters: Filters) -> dict[str, int]:
        """How many services fail exactly one filter, by filter name: taking that
        filter off (or, for a list filter, its only value) would let them through."""
        passing = {name: yes for name, (yes, _) in self._answers(filters).items()}
        misses = {}
        for name, passed in passing.items():
            others = set(self.everyone).intersection(
                *(other for key, other in passing.items() if key != name)
            )
            if count := len(others - passed):
                misses[name] = count
        return misses


def _offered_index(statement: Statement) -> FinderIndex:
    return FinderIndex(statement.offered_services, synonym_groups(statement.search_words))


# The finder's lookups for the services offered now, made on an edition's first search
# and kept as long as the read edition is.
finder_index = KeptWith(_offered_index)


def _terms_offered(statement: Statement) -> dict[str, frozenset[str]]:
    """The needs, times and areas (by slug) some service on offer names: what the
    finder and the checker offer to choose from, so no choice leads to nothing."""
    found: dict[str, set[str]] = {"needs": set(), "times": set(), "areas": set()}
    for service in statement.offered_services:
        for name, slugs in found.items():
            slugs.update(term.slug for term in getattr(service, name))
    return {name: frozenset(slugs) for name, slugs in found.items()}


# Worked out once per read edition, not on every request (10,000 services at scale).
terms_offered = KeptWith(_terms_offered)
