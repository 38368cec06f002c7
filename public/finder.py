"""The finder: which services in an edition match a family's filters and words.

One index per edition (FinderIndex; finder_index keeps it as long as its read edition),
so a search costs no database queries and a few set operations however many services
there are. The
finder page, the checker's matching services and the feed's search all use it. Empty
needs, times or areas on a service mean "any need", "arranged to suit the family" and
"the whole area", so such a service matches any choice of that filter.
"""

import re
import sys
from array import array
from dataclasses import dataclass, field
from functools import lru_cache

import msgspec

from editions.cache import KeptWith
from editions.derived import derived_read
from editions.read import Service, Statement
from offer.choices import PlaceFeature

from .words import Reading, Synonyms, Vocabulary, normalise, search_terms, synonym_groups

__all__ = ["Filters", "FinderIndex", "Found", "finder_index", "search_terms", "synonym_groups"]


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
    # Search for the words as typed, without putting spelling slips right.
    exact: bool = False


@dataclass(frozen=True)
class Found:
    """A search's answer: the services that match every filter, and those that may,
    where the statement does not say something a filter asks about (their ages, when or
    where they happen, the assessment, the cost): the family should ask."""

    matches: list[Service]
    ask: list[Service]
    # How the words were read: slips put right, conditions no service names.
    reading: Reading = Reading()


# How much a word found in each part of a service counts: its name and summary say
# what it is; its needs, times and level say whom and when; the rest mentions.
_IN_TITLE, _IN_TERMS, _IN_TEXT = 3.0, 2.0, 1.0
# A word the family typed counts more than another word for it ('overnight' finds the
# overnight breaks before every short break, which the search words say it also means).
_OTHER_WORD = 0.6


@dataclass(frozen=True)
class _Texts:
    """The parts of a service a search looks in, normalised, with spaces at each end."""

    title: str
    terms: str
    everything: str


def searchable_texts(service: Service) -> _Texts:
    """What a search looks in, by how much a match there counts. FinderIndex works it
    out once per service when it is made (an earlier edition, never searched, needs
    none)."""
    tier = service.tier
    title = normalise(f"{service.name} {service.summary}")
    terms = [
        service.group,
        tier.name if tier else "",
        " ".join(t.name for t in service.times),
        " ".join(n.name for n in service.needs),
    ]
    if service.takes_direct_payment:
        terms.append("direct payment")
    if service.in_family_home:
        terms.append("in the family home")
    terms_text = normalise(" ".join(terms))
    rest = normalise(
        " ".join(
            (
                service.description,
                service.example_activities,
                " ".join(p.name for p in service.providers),
            )
        )
    )
    return _Texts(f" {title} ", f" {terms_text} ", f" {title} {terms_text} {rest} ")


@dataclass(frozen=True)
class _Phrase:
    """A phrase of several words: only text holding each of its words (the last with
    a plural ending or not) can hold it, so the pattern is tried on those alone."""

    words: tuple[str, ...]
    last_forms: tuple[str, ...]
    pattern: re.Pattern

    def may_be_in(self, words: frozenset[str]) -> bool:
        return all(w in words for w in self.words) and any(f in words for f in self.last_forms)


@dataclass(frozen=True)
class _Alternatives:
    """Some of a term's alternatives, ready to test: single words (with their plurals)
    and phrases of several words, and how much a match counts (typed or another word)."""

    words: frozenset[str]
    phrases: tuple[_Phrase, ...]
    weight: float


@lru_cache(maxsize=512)
def _pattern(term: tuple[str, ...]) -> tuple[_Alternatives, ...]:
    """A term (what was typed, then other words for it) ready to test."""
    # Whole words (or their plurals) only, so 'pa' does not match 'parent'; a word of
    # three letters or fewer is taken as typed ('pas' is not 'pass').

    def ready(alternatives: tuple[str, ...], weight: float) -> _Alternatives:
        return _Alternatives(
            words=frozenset(
                w + ending
                for w in alternatives
                if " " not in w
                for ending in (("", "s", "es") if len(w) > 3 else ("",))
            ),
            phrases=tuple(
                _Phrase(
                    words=tuple(phrase.split()[:-1]),
                    last_forms=tuple(phrase.split()[-1] + ending for ending in ("", "s", "es")),
                    pattern=re.compile(rf"\b{re.escape(phrase)}(?:s|es)?\b"),
                )
                for phrase in alternatives
                if " " in phrase
            ),
            weight=weight,
        )

    # The typed word and its singular (the parser's second alternative) count in full.
    typed = term[:2] if len(term) > 1 and term[1] == term[0][:-1] else term[:1]
    return (ready(typed, 1.0), ready(term[len(typed) :], _OTHER_WORD))


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


def _packed(positions) -> bytes:
    """Services' positions as kept: unsigned 32-bit little-endian numbers, in order."""
    packed = array("I", sorted(positions))
    if sys.byteorder == "big":
        packed.byteswap()
    return packed.tobytes()


class _Unpacker:
    """Kept positions made sets again, every set sharing one number object per position
    (as sets worked out from the services do), not one per set it is in."""

    def __init__(self, count: int):
        self._numbers = tuple(range(count))

    def __call__(self, packed: bytes) -> set[int]:
        positions = array("I")
        positions.frombytes(packed)
        if sys.byteorder == "big":
            positions.byteswap()
        return set(map(self._numbers.__getitem__, positions))


class _Positions(dict):
    """Words, each with the positions of the services holding it, as read back from a
    kept index: a word's positions are made a set the first time it is asked for."""

    def __init__(self, packed: dict[str, bytes], unpack: _Unpacker):
        super().__init__(packed)
        self._unpack = unpack

    def get(self, key, default=None):
        found = dict.get(self, key)
        if found is None:
            return default
        if isinstance(found, bytes):
            found = self[key] = self._unpack(found)
        return found


class KeptIndex(msgspec.Struct, frozen=True):
    """A FinderIndex as kept with its edition: each set as its services' positions,
    packed (_packed)."""

    services: int  # how many services it was worked out for
    by_age: dict[int, bytes]
    age_unknown: bytes
    by_term: dict[str, dict[str, bytes]]
    open: dict[str, bytes]
    unstated: dict[str, bytes]
    by_tier: dict[str, bytes]
    answers: dict[str, dict[str, bytes]]  # name -> {"yes": ..., "ask": ...}
    by_feature: dict[str, bytes]
    by_word: dict[str, bytes]
    by_title_word: dict[str, bytes]
    by_term_word: dict[str, bytes]


class FinderIndex:
    """Which services (by position in the list) pass each filter value, and which the
    statement says nothing about, worked out once per edition, so any search is answered
    with a few set operations however many services there are."""

    # Lists a service may name, and the flag saying it is open to any choice of them.
    _LISTS = {"needs": None, "times": "any_time", "areas": "whole_area"}

    def __init__(
        self, services: list[Service], synonyms: Synonyms = (), kept: "KeptIndex | None" = None
    ):
        """Worked out from `services`, or read from what was `kept` of an index of them
        (the task that warms a new edition keeps it: editions/derived.py)."""
        self.services = services
        self.synonyms = synonyms
        self.everyone = frozenset(range(len(services)))
        # What a search looks in, for each service, worked out when first needed.
        self._texts: dict[int, _Texts] = {}
        self._title_words: dict[int, frozenset[str]] = {}
        self._term_words: dict[int, frozenset[str]] = {}
        if kept is not None and kept.services == len(services):
            self._read(kept)
        else:
            self._work_out()
        self.vocabulary = Vocabulary(set(self.by_word), synonyms)

    def _work_out(self) -> None:
        services = self.services
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
        # Where a word matches counts most: in a service's name and summary, then in its
        # needs, times and level.
        self.by_title_word: dict[str, set[int]] = {}
        self.by_term_word: dict[str, set[int]] = {}
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
            texts = self.texts(i)
            for word in set(texts.everything.split()):
                self.by_word.setdefault(word, set()).add(i)
            for word in set(texts.title.split()):
                self.by_title_word.setdefault(word, set()).add(i)
            for word in set(texts.terms.split()):
                self.by_term_word.setdefault(word, set()).add(i)

    def _read(self, kept: "KeptIndex") -> None:
        unpack = _Unpacker(len(self.services))

        def sets(found: dict[str, bytes]) -> dict[str, set[int]]:
            return {key: unpack(packed) for key, packed in found.items()}

        self.by_age = {age: frozenset(unpack(packed)) for age, packed in kept.by_age.items()}
        self.age_unknown = unpack(kept.age_unknown)
        self.by_term = {kind: sets(kept.by_term.get(kind, {})) for kind in self._LISTS}
        self.open = {kind: unpack(kept.open.get(kind, b"")) for kind in self._LISTS}
        self.unstated = {kind: unpack(kept.unstated.get(kind, b"")) for kind in self._LISTS}
        self.by_tier = sets(kept.by_tier)
        self.answers = {
            name: {True: unpack(found.get("yes", b"")), None: unpack(found.get("ask", b""))}
            for name, found in kept.answers.items()
        }
        self.by_feature = sets(kept.by_feature)
        # Words are many and few are ever searched: each becomes a set when first asked.
        self.by_word = _Positions(kept.by_word, unpack)
        self.by_title_word = _Positions(kept.by_title_word, unpack)
        self.by_term_word = _Positions(kept.by_term_word, unpack)

    def kept(self) -> "KeptIndex":
        """The index as it is kept with its edition."""

        def packed(found: dict[str, set[int]]) -> dict[str, bytes]:
            return {key: _packed(positions) for key, positions in found.items()}

        return KeptIndex(
            services=len(self.services),
            by_age={age: _packed(positions) for age, positions in self.by_age.items()},
            age_unknown=_packed(self.age_unknown),
            by_term={kind: packed(found) for kind, found in self.by_term.items()},
            open=packed(self.open),
            unstated=packed(self.unstated),
            by_tier=packed(self.by_tier),
            answers={
                name: {"yes": _packed(found[True]), "ask": _packed(found[None])}
                for name, found in self.answers.items()
            },
            by_feature=packed(self.by_feature),
            by_word=packed(self.by_word),
            by_title_word=packed(self.by_title_word),
            by_term_word=packed(self.by_term_word),
        )

    def texts(self, i: int) -> _Texts:
        found = self._texts.get(i)
        if found is None:
            found = self._texts[i] = searchable_texts(self.services[i])
        return found

    def title_words(self, i: int) -> frozenset[str]:
        """The words of the service's name and summary: where a match counts most."""
        found = self._title_words.get(i)
        if found is None:
            found = self._title_words[i] = frozenset(self.texts(i).title.split())
        return found

    def term_words(self, i: int) -> frozenset[str]:
        """The words of its needs, times and level."""
        found = self._term_words.get(i)
        if found is None:
            found = self._term_words[i] = frozenset(self.texts(i).terms.split())
        return found

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

    def _weight(self, i: int, word: str) -> float:
        return (
            _IN_TITLE
            if i in self.by_title_word.get(word, ())
            else _IN_TERMS
            if i in self.by_term_word.get(word, ())
            else _IN_TEXT
        )

    def _phrase_weight(self, i: int, phrase: _Phrase) -> float:
        texts = self.texts(i)
        for words, text, weight in (
            (self.title_words(i), texts.title, _IN_TITLE),
            (self.term_words(i), texts.terms, _IN_TERMS),
        ):
            if phrase.may_be_in(words) and phrase.pattern.search(text):
                return weight
        return _IN_TEXT if phrase.pattern.search(texts.everything) else 0.0

    def _may_hold(self, phrase: _Phrase) -> set[int]:
        """The services holding every word of the phrase somewhere."""
        last: set[int] = set().union(*(self.by_word.get(f, ()) for f in phrase.last_forms))
        return last.intersection(*(self.by_word.get(w, ()) for w in phrase.words))

    def term_scores(self, term: tuple[str, ...]) -> dict[int, float]:
        """The services matching one term, with how well: where the match is (name and
        summary first), and whether it is the word typed or another word for it."""
        scores: dict[int, float] = {}
        for alternatives in _pattern(term):
            for word in alternatives.words:
                for i in self.by_word.get(word, ()):
                    score = alternatives.weight * self._weight(i, word)
                    if score > scores.get(i, 0.0):
                        scores[i] = score
            for phrase in alternatives.phrases:
                for i in self._may_hold(phrase):
                    score = alternatives.weight * self._phrase_weight(i, phrase)
                    if score > scores.get(i, 0.0):
                        scores[i] = score
        return scores

    def read(self, filters: Filters) -> Reading:
        """How the finder reads the family's words against this edition."""
        return self.vocabulary.read(
            filters.words, exact=filters.exact, matches=lambda term: bool(self.term_scores(term))
        )

    def _ranks(self, reading: Reading) -> dict[int, tuple[int, float]]:
        """Each service matching any term: how many terms it matches, and how well."""
        ranks: dict[int, tuple[int, float]] = {}
        for term in reading.terms:
            for i, score in self.term_scores(term).items():
                count, total = ranks.get(i, (0, 0.0))
                ranks[i] = (count + 1, total + score)
        return ranks

    def _answers(
        self, filters: Filters, ranks: dict[int, tuple[int, float]] | None
    ) -> dict[str, tuple[set[int], set[int]]]:
        """For each filter in use: the services that pass it, and those the statement
        says nothing about (for it, 'ask'). `ranks`: the services the words match (None:
        no words to match)."""
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
        if ranks is not None:
            answers["words"] = (set(ranks), set())
        return answers

    def _read_and_rank(self, filters: Filters) -> tuple[Reading, dict | None]:
        reading = self.read(filters)
        return reading, (self._ranks(reading) if reading.terms else None)

    def find(self, filters: Filters) -> Found:
        """The services passing every filter and matching any of the words: first those
        that name the needs, times and areas chosen (an 'overnight' search starts with
        overnight breaks, not with services open at any time), then by how many words
        they match and how well, otherwise in the statement's order; then, apart, those
        that would pass but for something the statement does not say."""
        reading, ranks = self._read_and_rank(filters)
        answers = self._answers(filters, ranks)
        matches = set(self.everyone).intersection(*(yes for yes, _ in answers.values()))
        possible = set(self.everyone).intersection(*(yes | ask for yes, ask in answers.values()))
        return Found(
            self._ordered(matches, filters, ranks),
            self._ordered(possible - matches, filters, ranks),
            reading,
        )

    def _ordered(self, found: set[int], filters: Filters, ranks: dict | None) -> list[Service]:
        if ranks is not None:
            found_in_order = sorted(found, key=lambda i: (-ranks[i][0], -ranks[i][1], i))
        else:
            found_in_order = sorted(found)
        ordered = [self.services[i] for i in found_in_order]
        if not (filters.needs or filters.times or filters.areas):
            return ordered  # nothing chosen that a service could name
        # Stable: within those naming as much, the best matches for the words first.
        return sorted(ordered, key=lambda service: -_explicit_matches(service, filters))

    def near_misses(self, filters: Filters) -> dict[str, int]:
        """How many services fail exactly one filter, by filter name: taking that
        filter off (or, for a list filter, its only value) would let them through."""
        _, ranks = self._read_and_rank(filters)
        passing = {name: yes for name, (yes, _) in self._answers(filters, ranks).items()}
        misses = {}
        for name, passed in passing.items():
            others = set(self.everyone).intersection(
                *(other for key, other in passing.items() if key != name)
            )
            if count := len(others - passed):
                misses[name] = count
        return misses


# What the finder's index of an edition's services on offer is kept as, beside it.
FINDER_INDEX = "finder index"


def _offered_index(statement: Statement) -> FinderIndex:
    kept = derived_read(edition_id=statement.edition_id, kind=FINDER_INDEX, type=KeptIndex)
    return offered_index_made(statement, kept=kept)


def offered_index_made(statement: Statement, kept: KeptIndex | None = None) -> FinderIndex:
    """The finder's index of the services on offer (read from `kept` when given)."""
    return FinderIndex(
        statement.offered_services, synonym_groups(statement.search_words), kept=kept
    )


# The finder's lookups for the services offered now, made on an edition's first search
# and kept as long as the read edition is.
finder_index = KeptWith(_offered_index)


def _terms_offered(statement: Statement) -> dict[str, frozenset[str]]:
    """The needs, times and areas (by slug) some service on offer names: what the
    finder and the checker offer to choose from, so no choice leads to nothing. The
    finder's index knows them, when it has been read."""
    index = finder_index.made(statement)
    if index is not None:
        return {name: frozenset(index.by_term[name]) for name in ("needs", "times", "areas")}
    found: dict[str, set[str]] = {"needs": set(), "times": set(), "areas": set()}
    for service in statement.offered_services:
        for name, slugs in found.items():
            slugs.update(term.slug for term in getattr(service, name))
    return {name: frozenset(slugs) for name, slugs in found.items()}


# Worked out once per read edition, not on every request (10,000 services at scale).
terms_offered = KeptWith(_terms_offered)
