"""What changed between two snapshots, in plain English for families.

Works on any two statements, read (an edition against the one before, or the working
copy against the current edition before publishing). Records are matched by their permanent
id, so a renamed service is one service that changed name, not one removed and one
added. Statement text sections have no id and are matched by their slug.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from core.wording import figure_text, home_or_away, online_or_by_phone
from offer.choices import PlaceFeature

from .read import Statement
from .snapshot.records import Ages, Contact, Service, stored_equal


@dataclass(frozen=True)
class Difference:
    """One thing about a record that changed. `old` and `new` are shown when the values
    are short enough to read side by side; otherwise `note` says what happened."""

    what: str
    old: str = ""
    new: str = ""
    note: str = ""


@dataclass(frozen=True)
class Entry:
    """One record that was added, removed or changed. Reports are kept per pair of
    editions and shared, so nothing about the page showing one is written into it: the
    page works out each entry's link (`changed_page_url` in public/templatetags)."""

    status: str  # "added", "removed" or "changed"
    title: str
    summary: str
    differences: list[Difference] = field(default_factory=list)
    page: str | None = None  # its page in the public page family (public/pages.py), if any
    slug: str | None = None
    # Changed only through something it shares with other records (a contact's phone
    # number, an eligibility rule), not in its own details.
    indirect: bool = False


@dataclass(frozen=True)
class ChangeGroup:
    title: str
    entries: list[Entry]


@dataclass(frozen=True)
class ChangeReport:
    """Everything that changed, grouped the way families look for it."""

    first: bool
    groups: list[ChangeGroup]

    @property
    def is_empty(self) -> bool:
        return not self.first and not self.groups

    @property
    def entries(self) -> list[Entry]:
        return [entry for group in self.groups for entry in group.entries]

    @property
    def summary(self) -> list[dict[str, object]]:
        """Each group's title and how many of its entries are new, changed and removed."""
        return [
            {
                "title": group.title,
                **{
                    status: sum(1 for entry in group.entries if entry.status == status)
                    for status in ("added", "changed", "removed")
                },
            }
            for group in self.groups
        ]

    def count(self, status: str, group_title: str = "Services") -> int:
        """How many entries of a group have a status; 'indirect' counts those changed
        only through something shared, which 'changed' leaves out."""
        entries = [e for g in self.groups if g.title == group_title for e in g.entries]
        if status == "indirect":
            return sum(1 for entry in entries if entry.indirect)
        return sum(1 for entry in entries if entry.status == status and not entry.indirect)


class _Lookups:
    """One statement, and its records by what identifies them between editions."""

    def __init__(self, statement: Statement):
        self.statement = statement
        self.details = statement.details
        self.tiers = statement.by_id["tier"]
        self.services = statement.by_id["service"]
        self.rules = statement.by_id["eligibility rule"]
        self.routes = statement.by_id["referral route"]
        self.providers = statement.by_id["provider"]
        self.contacts = statement.by_id["contact"]
        self.sections = {section.slug: section for section in statement.sections}
        # Questions, stories, figures and family views have no permanent id: what they
        # say identifies them, so a reworded one reads as one removed and one added.
        self.questions = {q.question: q for q in statement.questions}
        self.stories = {story.title: story for story in statement.stories}
        self.glossary = {term.slug: term for term in statement.all_glossary}
        self.figures = {figure.label: figure for figure in statement.figures}
        self.family_views = {point: _Point(point) for point in statement.family_views}

    def area_name(self) -> str:
        return self.details.area_name or "the council's area"


@dataclass(frozen=True)
class _Point:
    """A point families made: what it says is all it has."""

    point: str


def _names(records: list[Any], key: str = "name") -> str:
    return ", ".join(getattr(record, key) for record in records)


def _ages(ages: Ages | None) -> str:
    return ages.words if ages else "Not stated"


def _status(service: Service) -> str:
    label = service.status_label or "Available"
    if service.expected_from:
        label += f", expected {service.expected_from}"
    if service.pilot_until:
        label += f", until {service.pilot_until}"
    return label


def _phones(contact: Contact) -> str:
    return "; ".join(
        f"{phone.number} ({phone.label})" if phone.label else phone.number
        for phone in contact.phones
    )


def _venues(service: Service) -> str:
    return "; ".join(
        f"{venue.name}, {venue.address}, {venue.town} {venue.postcode}"
        + "".join(f", {feature}" for feature in PlaceFeature.labels_of(venue))
        + (f" ({venue.accessibility})" if venue.accessibility else "")
        for venue in service.venues
    )


# A field to compare: (what families call it, how to read it from a record, shown).
# `shown` False means the text is long: say it was updated rather than print both.
Reader = Callable[[Any, _Lookups], str]
FieldSpec = tuple[str, Reader, bool]


def _text(key: str) -> Reader:
    return lambda record, lookups: (getattr(record, key) or "").strip()


def _or(reader: Reader, empty: str | Reader) -> Reader:
    """`reader`, or when it reads nothing, `empty` (words, or a reader of their own)."""

    def read(record: Any, lookups: _Lookups) -> str:
        value = reader(record, lookups)
        if value:
            return value
        return empty(record, lookups) if callable(empty) else empty

    return read


_SERVICE_FIELDS: list[FieldSpec] = [
    ("Name", _text("name"), True),
    ("Status", lambda r, s: _status(r), True),
    ("About its status", _text("status_note"), False),
    ("Level of support", lambda r, s: r.tier.name if r.tier else "", True),
    ("Summary", _text("summary"), True),
    ("Description", _text("description"), False),
    ("Example activities", _text("example_activities"), False),
    ("Ages", lambda r, s: _ages(r.ages), True),
    ("Needs it is designed for", _or(lambda r, s: _names(r.needs), "Any need"), True),
    (
        "When",
        _or(
            lambda r, s: _names(r.times),
            lambda r, s: "Arranged to suit the family" if r.any_time else "Not stated",
        ),
        True,
    ),
    ("Days and times", _or(_text("when_note"), "Not stated"), True),
    (
        "Where",
        _or(
            lambda r, s: _names(r.areas),
            lambda r, s: f"All of {s.area_name()}" if r.whole_area else "Not stated",
        ),
        True,
    ),
    ("Places where it happens", _or(lambda r, s: _venues(r), "None named"), True),
    ("At home or away", _or(lambda r, s: home_or_away(r), "Not stated"), True),
    ("Online or by phone", _or(lambda r, s: online_or_by_phone(r), "Not stated"), True),
    ("Getting a place", _or(_text("attendance_label"), "Not stated"), True),
    ("An activity", lambda r, s: "Yes" if r.leisure_activity else "No", True),
    ("What it costs", _or(_text("cost_label"), "Not stated"), True),
    ("Cost in words", _or(_text("cost"), "None"), True),
    ("Direct payment", _text("direct_payment_label"), True),
    ("Website", _or(_text("website"), "None"), True),
    ("Run by", _or(lambda r, s: _names(r.providers), "Not stated"), True),
    ("About its providers", _or(_text("other_providers_note"), "None"), True),
    ("Who can use it", _or(lambda r, s: _names(r.eligibility_rules, "title"), "Not stated"), True),
    ("How to get it", _or(lambda r, s: _names(r.referral_routes, "title"), "Not stated"), True),
    ("Other contacts", _or(lambda r, s: _names(r.contacts), "None"), True),
]

_TIER_FIELDS: list[FieldSpec] = [
    ("Name", _text("name"), True),
    ("Caption", _or(_text("caption"), "None"), True),
    ("Summary", _text("summary"), True),
    ("Who it is for", _text("who_it_is_for"), False),
    ("Description", _text("description"), False),
    ("Moving to more or less support", _text("stepping_up_and_down"), False),
    ("Who can use it", _or(lambda r, s: _names(r.eligibility_rules, "title"), "Not stated"), True),
    ("How to get it", _or(lambda r, s: _names(r.referral_routes, "title"), "Not stated"), True),
]

_RULE_FIELDS: list[FieldSpec] = [
    ("Name", _text("title"), True),
    ("Who can use it", _text("criteria"), True),
    ("Ages", lambda r, s: _ages(r.ages), True),
    (
        "Assessment needed",
        lambda r, s: r.assessment.name if r.assessment else "Not stated",
        True,
    ),
]

_ROUTE_FIELDS: list[FieldSpec] = [
    ("Name", _text("title"), True),
    ("What happens", _text("steps"), False),
    ("Who to contact", _or(lambda r, s: _names(r.contacts), "None"), True),
    ("Web page or form", _or(_text("link"), "None"), True),
    (
        "For",
        lambda r, s: {"yes": "Families with a social worker", "no": "Families without one"}.get(
            r.social_worker, "Every family"
        ),
        True,
    ),
]

_CONTACT_FIELDS: list[FieldSpec] = [
    ("Name", _text("name"), True),
    ("Phone", _or(lambda r, s: _phones(r), "None"), True),
    ("Email", _or(_text("email"), "None"), True),
    ("Other email", _or(_text("alternative_email"), "None"), True),
    ("Website", _or(_text("website"), "None"), True),
    ("Opening hours", _or(_text("opening_hours"), "Not stated"), True),
    ("About this contact", _text("explanation"), False),
    ("What they help with", _text("helps_with"), False),
]

_PROVIDER_FIELDS: list[FieldSpec] = [
    ("Name", _text("name"), True),
    ("Kind of provider", _or(lambda r, s: _names(r.kinds), "Not stated"), True),
    ("Website", _or(_text("website"), "None"), True),
    ("Description", _text("description"), False),
    ("Contacts", _or(lambda r, s: _names(r.contacts), "None"), True),
]

_SECTION_FIELDS: list[FieldSpec] = [
    ("Heading", _text("title"), True),
    ("Text", _text("body"), False),
    ("Where it appears", lambda r, s: _PLACES.get(r.place, ""), True),
    (
        "Says how services are designed with families",
        lambda r, s: "Yes" if r.describes_design else "No",
        True,
    ),
]

_PLACES = {
    "home": "On the home page",
    "statement": "In the whole statement",
    "page": "On a page of its own",
    "needs": "With how we know what families need",
    "tier": "On a level of support's page",
}

_DETAIL_FIELDS: list[FieldSpec] = [
    ("Council", _text("council_name"), True),
    ("Title", _text("title"), True),
    ("Summary", _text("summary"), False),
    ("Local Offer website", _or(_text("local_offer_url"), "None"), True),
    ("Accessibility contact", _or(_text("accessibility_email"), "None"), True),
    ("Introduction to what families told us", _text("family_views_intro"), False),
    ("Who else can help people over 25", _text("outside_age_range_help"), False),
    ("Note on families' stories", _text("stories_note"), False),
]

_QUESTION_FIELDS: list[FieldSpec] = [
    ("Answer", _text("answer"), False),
    ("About the level of support", _or(lambda r, s: r.tier.name if r.tier else "", "None"), True),
    ("About the service", _or(lambda r, s: r.service.name if r.service else "", "None"), True),
]

_STORY_FIELDS: list[FieldSpec] = [
    ("Who", _text("who"), True),
    ("Their situation", _text("situation"), False),
    ("What they got", _text("what_they_got"), False),
    ("What difference it made", _text("outcome"), False),
    ("Services used", _or(lambda r, s: _names(r.services), "None"), True),
]

_GLOSSARY_FIELDS: list[FieldSpec] = [
    ("Word", _text("term"), True),
    ("Stands for", _or(_text("stands_for"), "None"), True),
    ("Meaning", _text("explanation"), False),
    ("Also written as", _or(lambda r, s: ", ".join(r.aliases), "None"), True),
    ("Listed even when no page uses it", lambda r, s: "Yes" if r.pinned else "No", True),
]

_FIGURE_FIELDS: list[FieldSpec] = [
    ("Figure", lambda r, s: figure_text(r), True),
    ("Year", _or(_text("year"), "Not stated"), True),
    ("Source", _or(_text("source"), "Not stated"), True),
]


def _differences(
    old: Any, new: Any, fields: list[FieldSpec], before: _Lookups, after: _Lookups
) -> list[Difference]:
    found = []
    for what, read, shown in fields:
        was, now = read(old, before), read(new, after)
        if was == now:
            continue
        if shown:
            found.append(Difference(what, old=was, new=now))
        elif was and now:
            found.append(Difference(what, note="Updated."))
        else:
            found.append(Difference(what, note="Added." if now else "Removed."))
    return found


def _compare(
    *,
    old: dict[str, Any],
    new: dict[str, Any],
    fields: list[FieldSpec],
    before: _Lookups,
    after: _Lookups,
    name_key: str,
    noun: str,
    page: str | None = None,
    extra: Callable[[Any, Any], list[Difference]] | None = None,
    placed: Callable[[Any], str] | None = None,
    gone: str = "No longer in the statement.",
    same_when_equal: bool = False,
) -> list[Entry]:
    """Added, then removed, then changed records, each alphabetical. With
    `same_when_equal` (nothing a record's fields look up changed), a record storing the
    same values in both has no differences of its own, and its fields are not read one
    by one."""
    added, removed, changed = [], [], []
    for key in new.keys() - old.keys():
        record = new[key]
        where = placed(record) if placed else ""
        added.append(
            Entry(
                "added",
                getattr(record, name_key),
                f"New {noun}{where}.",
                page=page,
                slug=getattr(record, "slug", None),
            )
        )
    for key in old.keys() - new.keys():
        record = old[key]
        removed.append(
            Entry(
                "removed",
                getattr(record, name_key),
                gone,
                page=page,
                slug=getattr(record, "slug", None),
            )
        )
    for key in old.keys() & new.keys():
        was, now = old[key], new[key]
        own = (
            []
            if same_when_equal and stored_equal(was, now)
            else _differences(was, now, fields, before, after)
        )
        shared = extra(was, now) if extra else []
        if not own and not shared:
            continue
        was_name, now_name = getattr(was, name_key), getattr(now, name_key)
        if was_name != now_name:
            summary = f"Renamed: it was called {was_name}."
        elif own:
            summary = "Details changed."
        else:
            summary = "Its own details are the same, but something it shares changed."
        changed.append(
            Entry(
                "changed",
                now_name,
                summary,
                own + shared,
                page=page,
                slug=getattr(now, "slug", None),
                indirect=not own,
            )
        )

    def by_title(entries: list[Entry]) -> list[Entry]:
        return sorted(entries, key=lambda entry: entry.title.casefold())

    return by_title(added) + by_title(removed) + by_title(changed)


def changes_between(*, old: Statement | None, new: Statement) -> ChangeReport:
    """What changed from statement `old` to statement `new`. With no `old`, `new` is the
    first edition: everything in it was first published."""
    if old is None:
        return ChangeReport(first=True, groups=[])
    before, after = _Lookups(old), _Lookups(new)

    changed_rules = _changed_ids(before.rules, after.rules, _RULE_FIELDS, before, after)
    changed_routes = _changed_ids(before.routes, after.routes, _ROUTE_FIELDS, before, after)
    changed_contacts = _changed_ids(before.contacts, after.contacts, _CONTACT_FIELDS, before, after)

    def knock_on(was: Service, now: Service) -> list[Difference]:
        """A service whose own fields are the same can still change for families when a
        rule, route or contact it shares with other services changed."""
        notes = []
        rules = set(was.rule_ids) & set(now.rule_ids) & changed_rules
        for rule in sorted(after.rules[r].title for r in rules):
            notes.append(
                Difference("Who can use it", note=f"The rule '{rule}' changed (see below).")
            )
        routes = set(was.route_ids) & set(now.route_ids) & changed_routes
        for route in sorted(after.routes[r].title for r in routes):
            notes.append(
                Difference(
                    "How to get it", note=f"The way to get it, '{route}', changed (see below)."
                )
            )
        contact_ids = {c.id for c in now.contacts} | {
            contact.id for route in now.referral_routes for contact in route.contacts
        }
        for contact in sorted(after.contacts[c].name for c in contact_ids & changed_contacts):
            notes.append(
                Difference(
                    "Contact details", note=f"The details for {contact} changed (see below)."
                )
            )
        return notes

    def in_tier(record: Service) -> str:
        return f" in {record.tier.name}" if record.tier else ""

    def compare(attribute: str, fields: list[FieldSpec], **options) -> list[Entry]:
        return _compare(
            old=getattr(before, attribute),
            new=getattr(after, attribute),
            fields=fields,
            before=before,
            after=after,
            **options,
        )

    details = "Statement details"
    groups = [
        ChangeGroup(
            "Services",
            compare(
                "services",
                _SERVICE_FIELDS,
                name_key="name",
                noun="service",
                page="service",
                extra=knock_on,
                placed=in_tier,
                gone="No longer offered.",
                # Thousands of services, most unchanged: compared whole when all they
                # refer to is the same.
                same_when_equal=_same_but_services(old, new),
            ),
        ),
        ChangeGroup(
            "Levels of support",
            compare("tiers", _TIER_FIELDS, name_key="name", noun="level of support", page="tier"),
        ),
        ChangeGroup(
            "Who can use services",
            compare("rules", _RULE_FIELDS, name_key="title", noun="eligibility rule"),
        ),
        ChangeGroup(
            "How to get support",
            compare("routes", _ROUTE_FIELDS, name_key="title", noun="way to get support"),
        ),
        ChangeGroup(
            "Contact details",
            compare("contacts", _CONTACT_FIELDS, name_key="name", noun="contact"),
        ),
        ChangeGroup(
            "Providers",
            compare(
                "providers", _PROVIDER_FIELDS, name_key="name", noun="provider", page="provider"
            ),
        ),
        ChangeGroup(
            "About the statement",
            _compare(
                old={"details": _DetailsNamed(before.details, details)},
                new={"details": _DetailsNamed(after.details, details)},
                fields=_DETAIL_FIELDS,
                before=before,
                after=after,
                name_key="name",
                noun="details",
            )
            + compare("sections", _SECTION_FIELDS, name_key="title", noun="part of the statement"),
        ),
        ChangeGroup(
            "Questions families ask",
            compare("questions", _QUESTION_FIELDS, name_key="question", noun="question"),
        ),
        ChangeGroup(
            "Families' stories",
            compare("stories", _STORY_FIELDS, name_key="title", noun="story"),
        ),
        ChangeGroup(
            "Words and what they mean",
            compare("glossary", _GLOSSARY_FIELDS, name_key="term", noun="word explained"),
        ),
        ChangeGroup(
            "How we know what families need",
            compare("figures", _FIGURE_FIELDS, name_key="label", noun="figure")
            + compare("family_views", [], name_key="point", noun="point families made"),
        ),
        ChangeGroup("What could we get?", _checker_change(old, new)),
    ]
    return ChangeReport(first=False, groups=[group for group in groups if group.entries])


class _DetailsNamed:
    """The statement's details, read as one record with a name."""

    def __init__(self, details: Any, name: str):
        self._details = details
        self.name = name

    def __getattr__(self, key: str) -> Any:
        return getattr(self._details, key)


def _same_but_services(old: Statement, new: Statement) -> bool:
    """Whether everything but the services stores the same values in both."""
    return all(
        stored_equal(getattr(old, part), getattr(new, part))
        for part in (
            "details", "sections", "tiers", "eligibility_rules", "referral_routes",
            "providers", "contacts", "questions", "stories", "all_glossary", "figures",
            "family_views", "all_checker_rules", "needs", "times", "areas", "search_words",
        )
    )  # fmt: skip


def _checker_change(old: Statement, new: Statement) -> list[Entry]:
    """The checker's rules work together, so any change is reported as one change to
    the suggestions families get."""
    if stored_equal(old.all_checker_rules, new.all_checker_rules):
        return []
    return [
        Entry(
            "changed",
            "The checker's rules",
            "The answers that lead to each level of support, or the reasons given, changed.",
            page="check",
        )
    ]


def _changed_ids(
    old: dict[str, Any],
    new: dict[str, Any],
    fields: list[FieldSpec],
    before: _Lookups,
    after: _Lookups,
) -> set[str]:
    return {
        key
        for key in old.keys() & new.keys()
        if _differences(old[key], new[key], fields, before, after)
    }
