"""What changed between two snapshots, in plain English for families.

Works on any two snapshots (an edition against the one before, or the working copy
against the current edition before publishing). Records are matched by their permanent
id, so a renamed service is one service that changed name, not one removed and one
added. Statement text sections have no id and are matched by their slug.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from core.wording import ages_in_words, figure_text, home_or_away, online_or_by_phone
from offer.choices import PlaceFeature

from .snapshot import snapshot_upgrade

Record = dict[str, Any]


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


class _Snapshot:
    """Lookups into one snapshot: records by id and term names by slug."""

    def __init__(self, data: Record):
        self.data = data
        self.details = data["statement"]
        self.tiers = _by_id(data["tiers"])
        self.services = _by_id(data["services"])
        self.rules = _by_id(data["eligibility_rules"])
        self.routes = _by_id(data["referral_routes"])
        self.providers = _by_id(data["providers"])
        self.contacts = _by_id(data["contacts"])
        self.sections = {section["slug"]: section for section in data["sections"]}
        # Questions, stories, figures and family views have no permanent id: what they
        # say identifies them, so a reworded one reads as one removed and one added.
        self.questions = {q["question"]: q for q in data["questions"]}
        self.stories = {story["title"]: story for story in data["stories"]}
        self.glossary = {term["slug"]: term for term in data["glossary"]}
        self.figures = {figure["label"]: figure for figure in data["figures"]}
        self.family_views = {point: {"point": point} for point in data["family_views"]}
        self.terms = {
            kind: {term["slug"]: term["name"] for term in terms}
            for kind, terms in data["taxonomies"].items()
        }

    def names(self, index: dict[str, Record], ids: list[str], key: str = "name") -> str:
        return ", ".join(index[i][key] for i in ids if i in index)

    def term_names(self, kind: str, slugs: list[str]) -> str:
        names = self.terms.get(kind, {})
        return ", ".join(names.get(slug, slug) for slug in slugs)

    def area_name(self) -> str:
        return self.details.get("area_name") or "the council's area"


def _by_id(records: list[Record]) -> dict[str, Record]:
    return {record["id"]: record for record in records}


def _ages(record: Record) -> str:
    return ages_in_words(record["min_age"], record["max_age"]) or "Not stated"


def _status(service: Record) -> str:
    label = service.get("status_label") or "Available"
    if service.get("expected_from"):
        label += f", expected {service['expected_from']}"
    if service.get("pilot_until"):
        label += f", until {service['pilot_until']}"
    return label


def _phones(contact: Record) -> str:
    return "; ".join(
        f"{phone['number']} ({phone['label']})" if phone["label"] else phone["number"]
        for phone in contact["phones"]
    )


def _venues(service: Record) -> str:
    return "; ".join(
        f"{venue['name']}, {venue['address']}, {venue['town']} {venue['postcode']}"
        + "".join(f", {feature}" for feature in PlaceFeature.labels_of(venue))
        + (f" ({venue['accessibility']})" if venue["accessibility"] else "")
        for venue in service["venues"]
    )


# A field to compare: (what families call it, how to read it from a record, shown).
# `shown` False means the text is long: say it was updated rather than print both.
Reader = Callable[[Record, _Snapshot], str]
FieldSpec = tuple[str, Reader, bool]


def _text(key: str) -> Reader:
    return lambda record, snapshot: (record.get(key) or "").strip()


def _or(reader: Reader, empty: str | Reader) -> Reader:
    """`reader`, or when it reads nothing, `empty` (words, or a reader of their own)."""

    def read(record: Record, snapshot: _Snapshot) -> str:
        value = reader(record, snapshot)
        if value:
            return value
        return empty(record, snapshot) if callable(empty) else empty

    return read


_SERVICE_FIELDS: list[FieldSpec] = [
    ("Name", _text("name"), True),
    ("Status", lambda r, s: _status(r), True),
    ("About its status", _text("status_note"), False),
    (
        "Level of support",
        lambda r, s: s.tiers[r["tier"]]["name"] if r["tier"] in s.tiers else "",
        True,
    ),
    ("Summary", _text("summary"), True),
    ("Description", _text("description"), False),
    ("Example activities", _text("example_activities"), False),
    ("Ages", lambda r, s: _ages(r), True),
    (
        "Needs it is designed for",
        _or(lambda r, s: s.term_names("needs", r["needs"]), "Any need"),
        True,
    ),
    (
        "When",
        _or(
            lambda r, s: s.term_names("times", r["times"]),
            lambda r, s: "Arranged to suit the family" if r.get("any_time") else "Not stated",
        ),
        True,
    ),
    ("Days and times", _or(_text("when_note"), "Not stated"), True),
    (
        "Where",
        _or(
            lambda r, s: s.term_names("areas", r["areas"]),
            lambda r, s: f"All of {s.area_name()}" if r.get("whole_area") else "Not stated",
        ),
        True,
    ),
    ("Places where it happens", _or(lambda r, s: _venues(r), "None named"), True),
    ("At home or away", _or(lambda r, s: home_or_away(r), "Not stated"), True),
    ("Online or by phone", _or(lambda r, s: online_or_by_phone(r), "Not stated"), True),
    ("Getting a place", _or(_text("attendance_label"), "Not stated"), True),
    ("An activity", lambda r, s: "Yes" if r.get("leisure_activity") else "No", True),
    ("Cost", _or(_text("cost"), "Not stated"), True),
    ("Free", lambda r, s: "Yes" if r.get("free") else "No", True),
    ("Direct payment", _text("direct_payment_label"), True),
    ("Website", _or(_text("website"), "None"), True),
    ("Run by", _or(lambda r, s: s.names(s.providers, r["providers"]), "Not stated"), True),
    ("About its providers", _or(_text("other_providers_note"), "None"), True),
    (
        "Who can use it",
        _or(lambda r, s: s.names(s.rules, r["eligibility_rules"], "title"), "Not stated"),
        True,
    ),
    (
        "How to get it",
        _or(lambda r, s: s.names(s.routes, r["referral_routes"], "title"), "Not stated"),
        True,
    ),
    ("Other contacts", _or(lambda r, s: s.names(s.contacts, r["contacts"]), "None"), True),
]

_TIER_FIELDS: list[FieldSpec] = [
    ("Name", _text("name"), True),
    ("Caption", _or(_text("caption"), "None"), True),
    ("Summary", _text("summary"), True),
    ("Who it is for", _text("who_it_is_for"), False),
    ("Description", _text("description"), False),
    ("Moving to more or less support", _text("stepping_up_and_down"), False),
    (
        "Who can use it",
        _or(lambda r, s: s.names(s.rules, r["eligibility_rules"], "title"), "Not stated"),
        True,
    ),
    (
        "How to get it",
        _or(lambda r, s: s.names(s.routes, r["referral_routes"], "title"), "Not stated"),
        True,
    ),
]

_RULE_FIELDS: list[FieldSpec] = [
    ("Name", _text("title"), True),
    ("Who can use it", _text("criteria"), True),
    ("Ages", lambda r, s: _ages(r), True),
    (
        "Assessment needed",
        lambda r, s: r["assessment"]["name"] if r["assessment"] else "Not stated",
        True,
    ),
]

_ROUTE_FIELDS: list[FieldSpec] = [
    ("Name", _text("title"), True),
    ("What happens", _text("steps"), False),
    ("Who to contact", _or(lambda r, s: s.names(s.contacts, r["contacts"]), "None"), True),
    ("Web page or form", _or(_text("link"), "None"), True),
    (
        "For",
        lambda r, s: {"yes": "Families with a social worker", "no": "Families without one"}.get(
            r.get("social_worker", ""), "Every family"
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
    (
        "Kind of provider",
        _or(lambda r, s: ", ".join(kind["name"] for kind in r["kinds"]), "Not stated"),
        True,
    ),
    ("Website", _or(_text("website"), "None"), True),
    ("Description", _text("description"), False),
    ("Contacts", _or(lambda r, s: s.names(s.contacts, r["contacts"]), "None"), True),
]

_SECTION_FIELDS: list[FieldSpec] = [
    ("Heading", _text("title"), True),
    ("Text", _text("body"), False),
    ("Where it appears", lambda r, s: _PLACES.get(r.get("place"), ""), True),
    (
        "Says how services are designed with families",
        lambda r, s: "Yes" if r.get("describes_design") else "No",
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
    (
        "About the level of support",
        _or(lambda r, s: s.names(s.tiers, [r["tier"]] if r["tier"] else []), "None"),
        True,
    ),
    (
        "About the service",
        _or(lambda r, s: s.names(s.services, [r["service"]] if r["service"] else []), "None"),
        True,
    ),
]

_STORY_FIELDS: list[FieldSpec] = [
    ("Who", _text("who"), True),
    ("Their situation", _text("situation"), False),
    ("What they got", _text("what_they_got"), False),
    ("What difference it made", _text("outcome"), False),
    ("Services used", _or(lambda r, s: s.names(s.services, r["services"]), "None"), True),
]

_GLOSSARY_FIELDS: list[FieldSpec] = [
    ("Word", _text("term"), True),
    ("Stands for", _or(_text("stands_for"), "None"), True),
    ("Meaning", _text("explanation"), False),
    ("Also written as", _or(lambda r, s: ", ".join(r["aliases"]), "None"), True),
    ("Listed even when no page uses it", lambda r, s: "Yes" if r["pinned"] else "No", True),
]

_FIGURE_FIELDS: list[FieldSpec] = [
    ("Figure", lambda r, s: figure_text(r), True),
    ("Year", _or(_text("year"), "Not stated"), True),
    ("Source", _or(_text("source"), "Not stated"), True),
]


def _differences(
    old: Record, new: Record, fields: list[FieldSpec], before: _Snapshot, after: _Snapshot
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
    old: dict[str, Record],
    new: dict[str, Record],
    fields: list[FieldSpec],
    before: _Snapshot,
    after: _Snapshot,
    name_key: str,
    noun: str,
    page: str | None = None,
    extra: Callable[[Record, Record], list[Difference]] | None = None,
    placed: Callable[[Record, _Snapshot], str] | None = None,
    gone: str = "No longer in the statement.",
    same_when_equal: bool = False,
) -> list[Entry]:
    """Added, then removed, then changed records, each alphabetical. With
    `same_when_equal` (nothing a record's fields look up changed), a record equal in
    both has no differences of its own, and its fields are not read one by one."""
    added, removed, changed = [], [], []
    for key in new.keys() - old.keys():
        record = new[key]
        where = placed(record, after) if placed else ""
        added.append(
            Entry(
                "added",
                record[name_key],
                f"New {noun}{where}.",
                page=page,
                slug=record.get("slug"),
            )
        )
    for key in old.keys() - new.keys():
        record = old[key]
        removed.append(
            Entry(
                "removed",
                record[name_key],
                gone,
                page=page,
                slug=record.get("slug"),
            )
        )
    for key in old.keys() & new.keys():
        was, now = old[key], new[key]
        own = (
            [] if same_when_equal and was == now else _differences(was, now, fields, before, after)
        )
        shared = extra(was, now) if extra else []
        if not own and not shared:
            continue
        if was[name_key] != now[name_key]:
            summary = f"Renamed: it was called {was[name_key]}."
        elif own:
            summary = "Details changed."
        else:
            summary = "Its own details are the same, but something it shares changed."
        changed.append(
            Entry(
                "changed",
                now[name_key],
                summary,
                own + shared,
                page=page,
                slug=now.get("slug"),
                indirect=not own,
            )
        )

    def by_title(entries: list[Entry]) -> list[Entry]:
        return sorted(entries, key=lambda entry: entry.title.casefold())

    return by_title(added) + by_title(removed) + by_title(changed)


def changes_between(*, old: Record | None, new: Record) -> ChangeReport:
    """What changed from snapshot `old` to snapshot `new`. With no `old`, `new` is the
    first edition: everything in it was first published."""
    if old is None:
        return ChangeReport(first=True, groups=[])
    before, after = _Snapshot(snapshot_upgrade(old)), _Snapshot(snapshot_upgrade(new))

    changed_rules = _changed_ids(before.rules, after.rules, _RULE_FIELDS, before, after)
    changed_routes = _changed_ids(before.routes, after.routes, _ROUTE_FIELDS, before, after)
    changed_contacts = _changed_ids(before.contacts, after.contacts, _CONTACT_FIELDS, before, after)

    def knock_on(was: Record, now: Record) -> list[Difference]:
        """A service whose own fields are the same can still change for families when a
        rule, route or contact it shares with other services changed."""
        notes = []
        rules = set(was["eligibility_rules"]) & set(now["eligibility_rules"]) & changed_rules
        for rule in sorted(after.rules[r]["title"] for r in rules):
            notes.append(
                Difference("Who can use it", note=f"The rule '{rule}' changed (see below).")
            )
        routes = set(was["referral_routes"]) & set(now["referral_routes"]) & changed_routes
        for route in sorted(after.routes[r]["title"] for r in routes):
            notes.append(
                Difference(
                    "How to get it", note=f"The way to get it, '{route}', changed (see below)."
                )
            )
        contact_ids = set(now["contacts"]) | {
            contact
            for route in now["referral_routes"]
            for contact in after.routes.get(route, {}).get("contacts", [])
        }
        for contact in sorted(after.contacts[c]["name"] for c in contact_ids & changed_contacts):
            notes.append(
                Difference(
                    "Contact details", note=f"The details for {contact} changed (see below)."
                )
            )
        return notes

    def in_tier(record: Record, snapshot: _Snapshot) -> str:
        tier = snapshot.tiers.get(record.get("tier") or "")
        return f" in {tier['name']}" if tier else ""

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
                same_when_equal=all(
                    before.data.get(key) == after.data.get(key)
                    for key in before.data.keys() | after.data.keys()
                    if key != "services"
                ),
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
                old={"details": {**before.details, "name": details}},
                new={"details": {**after.details, "name": details}},
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
        ChangeGroup("What could we get?", _checker_change(before, after)),
    ]
    return ChangeReport(first=False, groups=[group for group in groups if group.entries])


def _checker_change(before: _Snapshot, after: _Snapshot) -> list[Entry]:
    """The checker's rules work together, so any change is reported as one change to
    the suggestions families get."""
    if before.data["checker_rules"] == after.data["checker_rules"]:
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
    old: dict[str, Record],
    new: dict[str, Record],
    fields: list[FieldSpec],
    before: _Snapshot,
    after: _Snapshot,
) -> set[str]:
    return {
        key
        for key in old.keys() & new.keys()
        if _differences(old[key], new[key], fields, before, after)
    }
