"""A family's search, as the finder reads it: the words that carry meaning, each with
the other words for the same thing (the council's search words), spelling slips put
right against the edition's own words, and words for a condition.

Parents type what they would say: 'someone to sit with him at weekends', 'autisim'.
The finder ranks services by these terms (public/finder.py); nothing here looks at a
service.
"""

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from editions.read import SearchWord

# Words families use for the same thing (the edition's search words: officers edit
# them). Each group is a set of alternatives, normalised.
Synonyms = tuple[tuple[str, ...], ...]

# Words that say nothing about which service: dropped, so 'help at weekends' searches
# for weekends and 'someone to sit with him' for sitting.
STOP_WORDS = frozenset(
    """a about all am an and any anything are as at be been but by can could do does for
    from get give go got has have he her here him his how i if in is it its just like me
    more my need needs of on one or our out please really she so some someone something
    that the their them there they this to too up us want wants was we what when where
    which who why will with would you your looking help find son daughter child children
    kid kids boy girl young person people year years old yr yrs
    """.split()  # noqa: SIM905 (a word list reads better as words)
)

# Conditions families name. Short breaks are for disabled children and young people
# whatever the diagnosis, so services rarely name one: a search for a condition no
# service names is answered with that, and the services, rather than with nothing.
# {what the page calls it: the ways families write it}
CONDITIONS: dict[str, tuple[str, ...]] = {
    "autism": ("autism", "autistic", "asd", "asc", "aspergers", "asperger"),
    "ADHD": ("adhd", "attention deficit"),
    "Down syndrome": ("down syndrome", "downs syndrome", "down s syndrome", "downs"),
    "cerebral palsy": ("cerebral palsy",),
    "epilepsy": ("epilepsy", "epileptic", "seizures"),
    "a learning disability": ("learning disability", "learning disabilities"),
    "global developmental delay": ("global developmental delay", "developmental delay"),
    "spina bifida": ("spina bifida",),
    "muscular dystrophy": ("muscular dystrophy",),
    "sensory processing difficulties": ("sensory processing",),
    "dyspraxia": ("dyspraxia",),
    "dyslexia": ("dyslexia",),
    "deafness": ("deaf", "deafness", "hearing impairment"),
    "sight loss": ("blind", "visual impairment", "visually impaired", "sight loss"),
    "PDA": ("pda", "pathological demand avoidance"),
    "Tourette syndrome": ("tourette", "tourettes"),
    "FASD": ("fasd", "foetal alcohol", "fetal alcohol"),
}
_CONDITION_GROUPS: Synonyms = tuple(CONDITIONS.values())
_CONDITION_NAMES = {spelling: name for name, group in CONDITIONS.items() for spelling in group}

# How alike a typed word and one of the edition's words must be (rapidfuzz's ratio, 0 to
# 100) to be taken as a slip: 'autisim' and 'autism' score 92, 'respit' and 'respite' 92,
# 'swim' and 'slim' 75 (not taken).
_ALIKE = 80
# Shorter words are too easily another real word ('pa' and 'pas').
_SHORTEST_CORRECTED = 4


def normalise(text: str) -> str:
    """Lower case, letters, digits and £ only, single spaces."""
    return re.sub(r"[^a-z0-9£]+", " ", text.casefold()).strip()


def synonym_groups(search_words: list[SearchWord]) -> Synonyms:
    """Each search word and its meanings as one group of alternatives, normalised."""
    groups = []
    for word in search_words:
        group = tuple(dict.fromkeys(normalise(w) for w in (*word.words, *word.means)))
        if len(group) > 1:
            groups.append(tuple(alternative for alternative in group if alternative))
    return tuple(groups)


def _with_plural(word: str) -> tuple[str, ...]:
    # 'clubs' should find 'club' too (the match already allows a plural ending).
    return (word, word[:-1]) if len(word) > 3 and word.endswith("s") else (word,)


def search_terms(words: str, synonyms: Synonyms = ()) -> list[tuple[str, ...]]:
    """The query as a list of terms, each a tuple of alternatives: what was typed first,
    then the other words for it (every group it belongs to)."""
    text = f" {normalise(words)} "
    groups = (*synonyms, *_CONDITION_GROUPS)
    terms: list[tuple[str, ...]] = []
    # Longest phrases first, so 'direct payment' is one term, not 'direct' + 'payment'.
    for phrase in sorted({p for group in groups for p in group}, key=lambda p: (-len(p), p)):
        if f" {phrase} " not in text:
            continue
        text = text.replace(f" {phrase} ", " ")
        others = [alt for group in groups if phrase in group for alt in group if alt != phrase]
        term = tuple(dict.fromkeys((phrase, *others)))
        if term not in terms:
            terms.append(term)
    for word in text.split():
        if word in STOP_WORDS or (word.isdigit() and len(word) <= 2):
            continue  # a stray age ('my 9 year old') is not a word a service uses
        term = _with_plural(word)
        if term not in terms:
            terms.append(term)
    return terms


@dataclass(frozen=True)
class Reading:
    """How the finder read a search: its terms, the words it put right ((typed,
    taken as) pairs), and the conditions named that no service names, which are left out
    of the ranking (their names as the page shows them)."""

    terms: tuple[tuple[str, ...], ...] = ()
    corrected: tuple[tuple[str, str], ...] = ()
    conditions: tuple[str, ...] = ()


class Vocabulary:
    """The words an edition's services use and its search words, to put slips right
    against. Made once per edition with its finder index."""

    def __init__(self, words: set[str], synonyms: Synonyms):
        self.synonyms = synonyms
        known = set(words)
        for group in (*synonyms, *_CONDITION_GROUPS):
            known.update(alt for alt in group if " " not in alt)
        known -= STOP_WORDS
        self.known = frozenset(known)
        # Only words long enough to be slipped on, and not numbers.
        self.choices = sorted(w for w in known if len(w) >= _SHORTEST_CORRECTED and w.isalpha())

    def _knows(self, word: str) -> bool:
        return any(
            form in self.known for form in (word, word + "s", word + "es", *_with_plural(word))
        )

    def correction(self, word: str) -> str | None:
        """The edition's word `word` is most likely a slip for, if it is not a word the
        edition knows and one is alike enough."""
        if len(word) < _SHORTEST_CORRECTED or not word.isalpha() or self._knows(word):
            return None
        found = process.extractOne(word, self.choices, scorer=fuzz.ratio, score_cutoff=_ALIKE)
        return found[0] if found else None

    def read(self, words: str, *, exact: bool = False, matches=None) -> Reading:
        """The search `words` as terms, slips put right unless `exact`; `matches(term)`
        says whether any service matches a term, so an unnamed condition is set apart."""
        typed = search_terms(words, self.synonyms)
        terms, corrected, conditions = [], [], []
        for term in typed:
            if not exact and len(term) <= 2 and " " not in term[0]:
                better = self.correction(term[0])
                read_as = search_terms(better, self.synonyms) if better else []
                if read_as:
                    corrected.append((term[0], better))
                    term = read_as[0]
            condition = _CONDITION_NAMES.get(term[0])
            if condition is not None and matches is not None and not matches(term):
                if condition not in conditions:
                    conditions.append(condition)
                continue
            terms.append(term)
        return Reading(tuple(terms), tuple(corrected), tuple(conditions))
