"""An edition's shape, declared once: one class per kind of record a snapshot holds.

The builder (build.py) makes these records from the working copy; a stored snapshot is
decoded straight back into them (editions/read), old formats brought up to date first
(schema.py). They are msgspec Structs rather than frozen dataclasses: msgspec checks
every field's type while it decodes the stored JSON in one pass, with no dictionary
made first. For 10,000 services that is 0.11 s, against 0.33 s for json.loads and frozen
dataclasses of the services alone, unchecked; and the records hold less memory than
the dictionaries did (docs/performance.md, "Reading an edition").

Every record is frozen: one edition is read once per process and shared by every page
and thread, so nothing may change it after it is read. A field that refers to other
records by their ids keeps the stored key in the JSON and is named for what it holds
(`tier_id`, `rule_ids`). What those ids refer to, and what is decided once about a
service for every reader (its ages, ways in, whether it is offered), is filled in when
the edition is read (editions/read/statement.py) and kept in the fields named for it
(`tier`, `ways_in`); those are never stored (their JSON names start with an
underscore, and a field holding its default is left out when a record is encoded).
"""

import functools
import typing
from typing import Any

import msgspec

from core.wording import ages_in_words

from .schema import SCHEMA_VERSION, snapshot_upgrade


class Record(msgspec.Struct, kw_only=True, frozen=True, omit_defaults=True):
    """What every record shares: fields by name, never by position; never changed."""


class Linked(Record, eq=False):
    """A record that refers to others. Records referring to each other in both
    directions (a tier lists its services, each service names its tier) would compare
    and print for ever: such a record equals only itself (compare what is stored with
    `stored_equal`) and prints only its name."""

    def __repr__(self) -> str:
        name = getattr(self, "name", None) or getattr(self, "title", None) or ""
        return f"<{type(self).__name__} {name!r}>"


def _found(default: Any = None, *, name: str) -> Any:
    """A field filled in when the edition is read, never stored."""
    if isinstance(default, list):
        return msgspec.field(default_factory=list, name=f"_{name}")
    return msgspec.field(default=default, name=f"_{name}")


def stored_fields(record: Record) -> tuple[Any, ...]:
    """A record's stored values, in order: what two editions' records are compared by."""
    return tuple(
        getattr(record, field)
        for field, encoded in zip(
            record.__struct_fields__, record.__struct_encode_fields__, strict=True
        )
        if not encoded.startswith("_")
    )


@functools.cache
def _text_fields(kind: type) -> tuple[str, ...]:
    """The stored fields of a kind of record that can hold text (not numbers or flags)."""
    hints = typing.get_type_hints(kind)
    return tuple(
        field
        for field, encoded in zip(
            kind.__struct_fields__, kind.__struct_encode_fields__, strict=True
        )
        if not encoded.startswith("_")
        and not set(typing.get_args(hints[field]) or (hints[field],)) <= {int, bool, type(None)}
    )


def stored_texts(value: Any) -> set[str]:
    """Every distinct piece of text stored in records (or lists of them). A loop, not a
    recursion: an edition of 10,000 services holds half a million values."""
    texts: set[str] = set()
    pending = [value]
    while pending:
        item = pending.pop()
        if type(item) is str:
            texts.add(item)
        elif type(item) is list:
            pending.extend(item)
        elif isinstance(item, Record):
            pending.extend(getattr(item, field) for field in _text_fields(type(item)))
    return texts


def stored_equal(a: Any, b: Any) -> bool:
    """Whether two records (or lists of them) store the same values."""
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(stored_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, Record) and isinstance(b, Record):
        return type(a) is type(b) and all(
            stored_equal(x, y) for x, y in zip(stored_fields(a), stored_fields(b), strict=True)
        )
    return a == b


class Ages(Record):
    """The ages something is for, as the statement gives them: either end may be
    unstated (None), never both."""

    low: int | None
    high: int | None

    @property
    def words(self) -> str:
        """'10 to 16 years', 'from 5 years', 'up to 18 years', '8 years old'."""
        return ages_in_words(self.low, self.high)

    def includes(self, age: int) -> bool:
        return (self.low is None or self.low <= age) and (self.high is None or age <= self.high)


def ages_stated(low: int | None, high: int | None) -> Ages | None:
    """The ages a record gives, or None when it gives neither end."""
    return None if low is None and high is None else Ages(low=low, high=high)


class Term(Record):
    """A need, a time of break or an area: the lists a service is sorted by."""

    slug: str
    name: str
    description: str


class Taxonomies(Record):
    """The council's lists of needs, times and areas, in its order."""

    needs: list[Term]
    times: list[Term]
    areas: list[Term]


class Phone(Record):
    """A phone number of a contact, what it is for, and what a call costs."""

    number: str
    label: str
    charges: str


class SocialLink(Record):
    """A contact's page on a social network."""

    network: str
    network_label: str
    url: str
    label: str


class Contact(Record):
    """A person, team or helpline a family can get in touch with."""

    id: str
    name: str
    slug: str
    helps_with: str
    explanation: str
    email: str
    alternative_email: str
    website: str
    opening_hours: str
    is_useful_contact: bool
    phones: list[Phone]
    social_links: list[SocialLink]


class Assessment(Record):
    """The assessment an eligibility rule asks for (or says is not needed)."""

    name: str
    description: str
    none_needed: bool
    family_can_start: bool


class EligibilityRule(Record):
    """Who can use a service or level: criteria in words, ages, an assessment."""

    id: str
    title: str
    criteria: str
    min_age: int | None
    max_age: int | None
    assessment: Assessment | None

    @property
    def ages(self) -> Ages | None:
        return ages_stated(self.min_age, self.max_age)


class ReferralRoute(Linked):
    """A way in: how a family asks for a service or level, and whom to contact."""

    id: str
    title: str
    steps: str
    contact_ids: list[str] = msgspec.field(name="contacts")
    link: str
    link_text: str
    social_worker: str
    contacts: list[Contact] = _found([], name="contacts")


class ProviderKind(Record):
    """A kind of provider (a charity, a childminder...)."""

    slug: str
    name: str


class Provider(Linked):
    """An organisation that runs services."""

    id: str
    name: str
    slug: str
    kinds: list[ProviderKind]
    description: str
    website: str
    contact_ids: list[str] = msgspec.field(name="contacts")
    contacts: list[Contact] = _found([], name="contacts")
    services: list["Service"] = _found([], name="services")


class Section(Record):
    """A piece of the council's own text, and where it is placed."""

    title: str
    slug: str
    body: str
    place: str
    position: str
    tier_id: str | None = msgspec.field(name="tier")
    describes_design: bool


class ServiceGroup(Record, eq=False):
    """Services under one of the council's group headings, with an anchor to link to."""

    heading: str
    services: list["Service"]
    anchor: str


class Tier(Linked):
    """A level of support: who it is for, its rules and ways in, its services."""

    id: str
    level: str
    name: str
    caption: str
    slug: str
    summary: str
    who_it_is_for: str
    description: str
    stepping_up_and_down: str
    rule_ids: list[str] = msgspec.field(name="eligibility_rules")
    route_ids: list[str] = msgspec.field(name="referral_routes")
    eligibility_rules: list[EligibilityRule] = _found([], name="eligibility_rules")
    referral_routes: list[ReferralRoute] = _found([], name="referral_routes")
    # Its services families can have now, those being developed, those paused.
    services: list["Service"] = _found([], name="services")
    planned: list["Service"] = _found([], name="planned")
    paused: list["Service"] = _found([], name="paused")
    sections: list[Section] = _found([], name="sections")
    service_groups: list[ServiceGroup] = _found([], name="service_groups")


class Venue(Record):
    """A place a service happens, and what makes it usable."""

    id: str
    name: str
    address: str
    town: str
    postcode: str
    accessibility: str
    step_free: bool
    changing_places: bool
    hoist: bool
    hearing_loop: bool


class Service(Linked):
    """A short break a family can have (or one being developed, or paused)."""

    id: str
    name: str
    slug: str
    tier_id: str | None = msgspec.field(name="tier")
    group: str
    summary: str
    description: str
    example_activities: str
    status: str
    status_label: str
    expected_from: str
    pilot_until: str | None
    status_note: str
    min_age: int | None
    max_age: int | None
    need_slugs: list[str] = msgspec.field(name="needs")
    time_slugs: list[str] = msgspec.field(name="times")
    any_time: bool
    when_note: str
    area_slugs: list[str] = msgspec.field(name="areas")
    whole_area: bool
    in_family_home: bool
    away_from_home: bool
    online: bool
    by_phone: bool
    attendance: str
    attendance_label: str
    leisure_activity: bool
    cost: str
    # What it costs as the council chose it (offer.choices.CostKind), the amount in pounds
    # as written ('7.50') and what it pays for (CostPeriod), and all three as the
    # published phrase ('£7.50 a session'), so an old edition reads as it was published.
    cost_kind: str
    cost_amount: str | None
    cost_period: str
    cost_label: str
    direct_payment: str
    direct_payment_label: str
    website: str
    provider_ids: list[str] = msgspec.field(name="providers")
    other_providers_note: str
    rule_ids: list[str] = msgspec.field(name="eligibility_rules")
    route_ids: list[str] = msgspec.field(name="referral_routes")
    contact_ids: list[str] = msgspec.field(name="contacts")
    venues: list[Venue]
    last_reviewed_on: str | None
    # Only its own eligibility rules apply (editions from before it was kept: its level's
    # apply too, as they did then).
    own_rules_only: bool = False
    # What it refers to.
    tier: Tier | None = _found(name="tier")
    needs: list[Term] = _found([], name="needs")
    times: list[Term] = _found([], name="times")
    areas: list[Term] = _found([], name="areas")
    providers: list[Provider] = _found([], name="providers")
    eligibility_rules: list[EligibilityRule] = _found([], name="eligibility_rules")
    referral_routes: list[ReferralRoute] = _found([], name="referral_routes")
    contacts: list[Contact] = _found([], name="contacts")
    # Decided once for every reader (editions/read/statement.py says how).
    offered: bool = _found(False, name="offered")
    applicable_rules: list[EligibilityRule] = _found([], name="applicable_rules")
    ages: Ages | None = _found(name="ages")
    no_assessment: bool | None = _found(name="no_assessment")
    ways_in: list[ReferralRoute] = _found([], name="ways_in")
    costs_nothing: bool | None = _found(name="costs_nothing")
    takes_direct_payment: bool | None = _found(name="takes_direct_payment")


class Question(Linked):
    """A question families ask, its answer, and the level or service it is about."""

    question: str
    answer: str
    tier_id: str | None = msgspec.field(name="tier")
    service_id: str | None = msgspec.field(name="service")
    tier: Tier | None = _found(name="tier")
    service: Service | None = _found(name="service")


class Story(Linked):
    """A family's story: their situation, what they got, what difference it made."""

    title: str
    who: str
    situation: str
    what_they_got: str
    outcome: str
    tier_ids: list[str] = msgspec.field(name="tiers")
    service_ids: list[str] = msgspec.field(name="services")
    anchor: str = _found("", name="anchor")
    tiers: list[Tier] = _found([], name="tiers")
    services: list[Service] = _found([], name="services")


class GlossaryTerm(Record):
    """A word families meet, explained."""

    term: str
    slug: str
    explanation: str
    stands_for: str
    aliases: list[str]
    pinned: bool
    meaning: str = _found("", name="meaning")  # the explanation in plain words


class Figure(Record):
    """A number about local families' needs, and where it comes from."""

    label: str
    value: str | None
    value_to: str | None
    approximate: bool
    unit: str
    source: str
    source_url: str
    year: str
    text: str = _found("", name="text")  # the figure in words


class CheckerRule(Linked):
    """One rule of the 'what could we get?' checker: the answers that lead to a level."""

    tier_id: str = msgspec.field(name="tier")
    reason: str
    min_age: int | None
    max_age: int | None
    social_worker: str
    ehcp: str
    tried_community: str
    need_slugs: list[str] = msgspec.field(name="needs")
    time_slugs: list[str] = msgspec.field(name="times")
    tier: Tier | None = _found(name="tier")


class SearchWord(Record):
    """Words families use, and what they mean in the statement's words."""

    words: list[str]
    means: list[str]


class Details(Record):
    """The statement's own details: the council, its area, the home page's words."""

    id: str | None
    council_name: str
    area_name: str
    title: str
    summary: str
    local_offer_url: str
    accessibility_email: str
    accessibility_reviewed_on: str | None
    family_views_intro: str
    outside_age_range_help: str
    stories_note: str
    home_heading: str
    first_contact: str | None
    # The accessibility statement's own facts; editions before them state none.
    accessibility_reply_time: str = ""
    accessibility_compliance: str = ""
    accessibility_problems: str = ""
    accessibility_prepared_on: str | None = None


class Snapshot(Record):
    """One edition's content, as published."""

    schema_version: int
    statement: Details
    sections: list[Section]
    tiers: list[Tier]
    services: list[Service]
    eligibility_rules: list[EligibilityRule]
    referral_routes: list[ReferralRoute]
    providers: list[Provider]
    contacts: list[Contact]
    questions: list[Question]
    stories: list[Story]
    glossary: list[GlossaryTerm]
    figures: list[Figure]
    family_views: list[str]
    checker_rules: list[CheckerRule]
    taxonomies: Taxonomies
    search_words: list[SearchWord]


def snapshot_decoded(stored: bytes | dict[str, Any], *, version: int | None = None) -> Snapshot:
    """A stored snapshot as records: its JSON, when it is of today's format (`version`),
    decoded in one pass; else (or given as a dictionary) brought up to date first."""
    if isinstance(stored, bytes) and version == SCHEMA_VERSION:
        return msgspec.json.decode(stored, type=Snapshot)
    data = msgspec.json.decode(stored) if isinstance(stored, bytes) else stored
    return msgspec.convert(snapshot_upgrade(data), Snapshot)


def snapshot_data(snapshot: Snapshot) -> dict[str, Any]:
    """A snapshot as plain JSON-ready data, as it is stored: only what was stored."""
    return msgspec.to_builtins(snapshot)
