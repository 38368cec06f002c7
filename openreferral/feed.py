"""An edition as Open Referral UK records (HSDS 3.0, UK profile), for directories such as
the council's Local Offer and Family Hubs' "Find support for your family".

Pure functions over a read edition (editions.read.Statement): no queries. Every id is a
UUID that never changes while the thing it names exists: services, tiers, providers, contacts and
places use their permanent ids; records with none of their own (a phone, a service
area, a taxonomy term) get a name-based UUID (uuid5) under their parent's id, so the
same record has the same id in every edition and no two councils' ids collide.

Where the profile has no field for something families need (a contact's phone numbers
and email, who can use a service) the HSDS 3.0 field of the same meaning is added
(`phones`, `email`, `eligibility_description`); the profile's schemas allow extra fields.
"""

import hashlib
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any
from urllib.parse import urlencode

from core.fields import uid_from_hex
from core.wording import cost_words, listed
from editions.read import Contact, Phone, Provider, Service, Statement, Term, Tier
from public.finder import FinderIndex, synonym_groups
from public.viewing import page_url, page_url_maker

Record = dict[str, Any]

HSDS_VERSION = "3.0"
PROFILE_URL = "https://github.com/openreferral/uk-profile"
OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/openapi.json"

# The council's own taxonomies: {key (part of their ids): (name, description)}.
TAXONOMIES = {
    "tiers": (
        "Level of support",
        "How much support a service gives and what a family must go through to get it, "
        "from open to every family to after a social care assessment.",
    ),
    "needs": (
        "Needs a service is designed for",
        "The needs of disabled children and young people a short break is designed for. "
        "A service with none is open to any need.",
    ),
    "times": (
        "When breaks happen",
        "When a short break happens, such as after school, at weekends or overnight. "
        "A service with none is arranged to suit the family.",
    ),
}

# A service's status as the profile says it: planned services are not active there, and
# paused ones are closed for now.
_STATUSES = {
    "available": "active",
    "pilot": "active",
    "planned": "inactive",
    "paused": "temporarily closed",
}

# A whole-pound or pence amount in the cost text, e.g. '£5 a session' or '£12.50'.
_AMOUNT = re.compile(r"£\s?(\d+(?:\.\d{1,2})?)")


def derived_id(parent: str, *parts: str) -> str:
    """A stable UUID for a record that has no id of its own, named by its parent's id
    and what it is (e.g. a service's area 'exampleton-north'): uuid.uuid5's answer,
    worked out without its objects (a large feed makes tens of thousands)."""
    name = bytes.fromhex(parent.replace("-", "")) + ":".join(parts).encode()
    digest = bytearray(hashlib.sha1(name).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    return uid_from_hex(digest.hex())


def council_id(statement: Statement) -> str:
    """The council's permanent id; editions published before it was recorded fall back
    to one made from the council's name."""
    return statement.details.id or str(
        uuid.uuid5(uuid.NAMESPACE_URL, "urn:short-breaks:" + statement.details.council_name)
    )


@dataclass(frozen=True)
class Links:
    """Where the public pages for a record live: absolute addresses for the feed, or
    site-relative ones where the host does not matter."""

    home: str
    service: Callable[[str], str]
    tier: Callable[[str], str]
    provider: Callable[[str], str]
    finder: Callable[[str, str], str]  # (filter name, term slug) -> finder filtered by it


@dataclass(frozen=True)
class ServiceFacts:
    """What the feed's filters need of one service: its taxonomy terms and taxonomies
    (by id), the ages it states and when it last changed."""

    term_ids: frozenset[str]
    taxonomy_ids: frozenset[str]
    minimum_age: int | None
    maximum_age: int | None
    last_modified: str | None


class Feed:
    """One edition's services, taxonomies and places as ORUK records."""

    def __init__(
        self,
        statement: Statement,
        links: Links,
        last_modified: dict[str, str] | None = None,
    ):
        self.statement = statement
        self.links = links
        self.council = council_id(statement)
        self._last_modified = last_modified or {}
        self.taxonomies = [self._taxonomy(key) for key in TAXONOMIES]
        self.terms = [self._tier_term(tier) for tier in statement.tiers]
        for kind in ("needs", "times"):
            self.terms += [self._term(kind, term) for term in getattr(statement, kind)]
        self._terms_by_id = {term["id"]: term for term in self.terms}
        self._taxonomies_by_id = {taxonomy["id"]: taxonomy for taxonomy in self.taxonomies}
        # Services are mapped when first asked for, one at a time: a list maps only its
        # page, so the first request after a fresh start never maps thousands.
        self._by_id: dict[str, Service] = statement.by_id["service"]
        self._records: dict[str, Record] = {}
        self._facts: dict[str, ServiceFacts] = {}
        self._term_ids: dict[tuple[str, str], str] = {}

    def record(self, service: Service) -> Record:
        """The service as an ORUK record (mapped once, then kept)."""
        found = self._records.get(service.id)
        if found is None:
            found = self._records[service.id] = self._service(service)
        return found

    @property
    def services(self) -> list[Record]:
        """Every service as a record, in the statement's order (maps them all)."""
        return [self.record(service) for service in self.statement.services]

    def facts(self, service: Service) -> "ServiceFacts":
        """What the feed's filters ask of a service, without mapping it."""
        found = self._facts.get(service.id)
        if found is None:
            term_ids = (
                [service.tier.id] if service.tier and service.tier.id in self._terms_by_id else []
            )
            for kind in ("needs", "times"):
                for term in getattr(service, kind):
                    key = (kind, term.slug)
                    if key not in self._term_ids:
                        self._term_ids[key] = derived_id(self.council, kind, term.slug)
                    if self._term_ids[key] in self._terms_by_id:
                        term_ids.append(self._term_ids[key])
            ages = service.ages
            found = self._facts[service.id] = ServiceFacts(
                term_ids=frozenset(term_ids),
                taxonomy_ids=frozenset(self._terms_by_id[t]["taxonomy_id"] for t in term_ids),
                minimum_age=ages.low if ages is not None else None,
                maximum_age=ages.high if ages is not None else None,
                last_modified=self._last_modified.get(service.id),
            )
        return found

    @cached_property
    def _places(self) -> dict[str, str]:
        """Each place's id, and the service whose place it is."""
        return {
            derived_id(venue.id, "service_at_location"): service.id
            for service in self.statement.services
            for venue in service.venues
        }

    @cached_property
    def search_index(self) -> FinderIndex:
        """The finder's word search over every service in the feed, whatever its status
        (directories see planned and paused services too, marked so)."""
        return FinderIndex(self.statement.services, synonym_groups(self.statement.search_words))

    # Lookups ---------------------------------------------------------------------------

    def service(self, id: str) -> Record | None:
        service = self._by_id.get(id)
        return self.record(service) if service is not None else None

    def taxonomy(self, id: str) -> Record | None:
        return self._taxonomies_by_id.get(id)

    def term(self, id: str) -> Record | None:
        return self._terms_by_id.get(id)

    def service_at_location(self, id: str) -> Record | None:
        """A place a service happens, with the whole service nested in it."""
        service = self.service(self._places.get(id, ""))
        if service is None:
            return None
        place = next(p for p in service["service_at_locations"] if p["id"] == id)
        return {**place, "service": service}

    def taxonomy_with_terms(self, taxonomy: Record) -> Record:
        terms = [term for term in self.terms if term["taxonomy_id"] == taxonomy["id"]]
        return {**taxonomy, "taxonomy_terms": terms}

    # Taxonomies ------------------------------------------------------------------------

    def _taxonomy_id(self, key: str) -> str:
        return derived_id(self.council, "taxonomy", key)

    def _taxonomy(self, key: str) -> Record:
        name, description = TAXONOMIES[key]
        return {
            "id": self._taxonomy_id(key),
            "name": name,
            "description": description,
            "uri": self.links.home,
        }

    def _term(self, kind: str, term: Term) -> Record:
        name, _ = TAXONOMIES[kind]
        return {
            "id": derived_id(self.council, kind, term.slug),
            "name": term.name,
            # The profile requires a description; a term without one is its own best.
            "description": term.description or term.name,
            "taxonomy": name,
            "taxonomy_id": self._taxonomy_id(kind),
            "term_uri": self.links.finder({"needs": "need", "times": "when"}[kind], term.slug),
            "term": term.slug,
        }

    def _tier_term(self, tier: Tier) -> Record:
        return {
            "id": tier.id,
            "name": tier.name,
            "description": tier.summary or tier.name,
            "taxonomy": TAXONOMIES["tiers"][0],
            "taxonomy_id": self._taxonomy_id("tiers"),
            "term_uri": self.links.tier(tier.slug),
            "term": tier.level,
        }

    # Services --------------------------------------------------------------------------

    def _organization(self, service: Service) -> Record:
        """Who runs the service: its provider when it has exactly one, otherwise the
        council, which is responsible for the whole offer."""
        providers: list[Provider] = service.providers
        if len(providers) == 1:
            provider = providers[0]
            organization = {
                "id": provider.id,
                "name": provider.name,
                "description": provider.description or f"{provider.name} provides short breaks.",
                "uri": self.links.provider(provider.slug),
            }
            if provider.website:
                organization["website"] = provider.website
            email = next((c.email for c in provider.contacts if c.email), "")
            if email:
                organization["email"] = email
            return organization
        details = self.statement.details
        area = details.area_name or details.council_name
        return {
            "id": self.council,
            "name": details.council_name,
            "description": details.summary
            or f"{details.council_name} publishes the short breaks for disabled children "
            f"and young people and their families in {area}.",
            "website": details.local_offer_url or self.links.home,
            "uri": self.links.home,
        }

    def _description(self, service: Service) -> str:
        parts = [service.summary, service.description]
        if service.example_activities:
            parts.append(f"Examples of activities: {service.example_activities}")
        names = [provider.name for provider in service.providers]
        if names:
            parts.append("Provided by " + listed(names) + ".")
        if service.other_providers_note:
            parts.append(service.other_providers_note)
        return "\n\n".join(part.strip() for part in parts if part.strip())

    def _eligibility(self, service: Service) -> str:
        """Who can use it, as the service page says: its own rules, then its tier's ('' if
        the statement says nothing)."""
        rules = service.applicable_rules
        if not rules:
            ages = service.ages.words if service.ages else ""
            return f"Children and young people aged {ages}." if ages else ""
        return "\n\n".join(
            "\n".join(
                [rule.title, rule.criteria.strip()]
                + ([rule.assessment.name + "."] if rule.assessment else [])
            )
            for rule in rules
        )

    def _attributes(self, service: Service) -> list[Record]:
        terms = []
        if service.tier:
            terms.append(self.term(service.tier.id))
        for kind in ("needs", "times"):
            terms += [
                self.term(derived_id(self.council, kind, t.slug)) for t in getattr(service, kind)
            ]
        return [
            {
                "id": derived_id(service.id, "attribute", term["id"]),
                "link_id": service.id,
                "link_type": "service",
                "taxonomy_term_id": term["id"],
                "taxonomy_term": term,
            }
            for term in terms
            if term is not None
        ]

    def _contacts(self, service: Service) -> list[Record]:
        """The ways to get the service first, then its other contacts, each once."""
        found: dict[str, Contact] = {}
        for route in service.ways_in:
            for contact in route.contacts:
                found.setdefault(contact.id, contact)
        for contact in service.contacts:
            found.setdefault(contact.id, contact)
        records = []
        for contact in found.values():
            id = derived_id(service.id, "contact", contact.id)
            record: Record = {
                "id": id,
                "service_id": service.id,
                "name": contact.name,
                "phones": _phones(id, contact.phones),
                "_contact": contact.id,  # which contact it is, for the ways in
            }
            if contact.email:
                record["email"] = contact.email
            records.append(record)
        return records

    def _ways_in(self, service: Service, contacts: list[Record]) -> list[Record]:
        """How to get the service, whole: each way in with its id, words, link, whom it
        is for and its contacts (by their ids in `contacts`). The profile has no field
        for this; importing the feed into another site reads it back."""
        contact_ids = {record["_contact"]: record["id"] for record in contacts}
        routes = []
        for route in service.ways_in:
            record: Record = {"id": route.id, "title": route.title}
            if route.steps:
                record["steps"] = route.steps
            if route.link:
                record["link"] = route.link
                if route.link_text:
                    record["link_text"] = route.link_text
            if route.social_worker:
                record["for"] = route.social_worker
            record["contact_ids"] = [
                contact_ids[c.id] for c in route.contacts if c.id in contact_ids
            ]
            routes.append(record)
        return routes

    def _application_process(self, service: Service) -> str:
        """The ways in as words, for directories that read HSDS 3.0's field for them."""
        parts = []
        for route in service.ways_in:
            lines = [route.title + "."]
            if route.steps.strip():
                lines.append(route.steps.strip())
            names = [contact.name for contact in route.contacts]
            if names:
                lines.append("Contact " + listed(names) + ".")
            if route.link:
                lines.append(route.link)
            parts.append("\n\n".join(lines))
        return "\n\n".join(parts)

    def _cost_options(self, service: Service) -> list[Record]:
        options = []
        cost = cost_words(service) if (service.cost_label or service.cost.strip()) else ""
        if cost:
            option: Record = {
                "id": derived_id(service.id, "cost"),
                "service_id": service.id,
                "option": "What families pay",
                "amount_description": cost,
            }
            amount = _amount_stated(service)
            if amount is not None:
                option["amount"] = amount
            options.append(option)
        if service.takes_direct_payment:
            options.append(
                {
                    "id": derived_id(service.id, "direct-payment"),
                    "service_id": service.id,
                    "option": "Direct payment",
                    "amount_description": "A family can pay for this with a direct payment.",
                }
            )
        return options

    def _service_areas(self, service: Service) -> list[Record]:
        areas = [(area.slug, area.name) for area in service.areas]
        if not areas and service.whole_area:
            details = self.statement.details
            areas = [("whole-area", details.area_name or details.council_name)]
        return [
            {
                "id": derived_id(service.id, "area", slug),
                "service_id": service.id,
                "name": name,
                "service_area": name,
                "extent_type": "text",
                "extent": name,
            }
            for slug, name in areas
        ]

    def _schedules(self, service: Service) -> list[Record]:
        times = [
            (
                time.slug,
                time.name + (f": {time.description}" if time.description else ""),
            )
            for time in service.times
        ]
        if service.any_time:
            times.append(("any-time", "Arranged to suit the family"))
        return [
            {
                "id": derived_id(service.id, "schedule", slug),
                "service_id": service.id,
                "description": description,
            }
            for slug, description in times
        ]

    def _service_at_locations(self, service: Service) -> list[Record]:
        details = self.statement.details
        county = details.area_name or details.council_name
        places = []
        for venue in service.venues:
            location: Record = {
                "id": venue.id,
                "location_type": "physical",
                "name": venue.name,
                "addresses": [
                    {
                        "id": derived_id(venue.id, "address"),
                        "location_id": venue.id,
                        "address_1": venue.address,
                        "city": venue.town,
                        "state_province": county,
                        "postal_code": venue.postcode,
                        "country": "GB",
                        "address_type": "physical",
                    }
                ],
            }
            if venue.accessibility:
                location["description"] = f"Access: {venue.accessibility}"
                location["accessibility"] = [
                    {
                        "id": derived_id(venue.id, "accessibility"),
                        "location_id": venue.id,
                        "description": venue.accessibility,
                    }
                ]
            places.append(
                {
                    "id": derived_id(venue.id, "service_at_location"),
                    "service_id": service.id,
                    "location_id": venue.id,
                    "location": location,
                }
            )
        return places

    def _service(self, service: Service) -> Record:
        organization = self._organization(service)
        contacts = self._contacts(service)
        ways_in = self._ways_in(service, contacts)
        contacts = [{k: v for k, v in c.items() if k != "_contact"} for c in contacts]
        record: Record = {
            "id": service.id,
            "organization_id": organization["id"],
            "name": service.name,
            "description": self._description(service),
            "url": self.links.service(service.slug),
            "status": _STATUSES[service.status],
        }
        # Only what the statement says: unstated ages or eligibility are left out. The
        # ages are those the service pages give (its own, else its rules').
        if service.ages is not None and service.ages.low is not None:
            record["minimum_age"] = service.ages.low
        if service.ages is not None and service.ages.high is not None:
            record["maximum_age"] = service.ages.high
        if eligibility := self._eligibility(service):
            record["eligibility_description"] = eligibility
        email = next((contact["email"] for contact in contacts if "email" in contact), None)
        if email:
            record["email"] = email
        if service.last_reviewed_on:
            record["assured_date"] = service.last_reviewed_on
        if service.id in self._last_modified:
            record["last_modified"] = self._last_modified[service.id]
        if service.offered and ways_in:
            record["application_process"] = self._application_process(service)
        record.update(
            {
                "organization": organization,
                "contacts": contacts,
                "cost_options": self._cost_options(service),
                "service_areas": self._service_areas(service),
                "schedules": self._schedules(service),
                "service_at_locations": self._service_at_locations(service),
                "attributes": self._attributes(service),
                "referral_routes": ways_in if service.offered else [],
                "languages": [],
                "funding": [],
            }
        )
        return record


# The one-to-one fields a list shows (the profile's service_list and
# service_at_location_list); the rest is in the full record.
_LIST_FIELDS = (
    "id",
    "organization_id",
    "name",
    "description",
    "url",
    "email",
    "status",
    "minimum_age",
    "maximum_age",
    "assured_date",
    "last_modified",
    "organization",
)
_LOCATION_LIST_FIELDS = ("id", "location_type", "name", "description")


def service_listed(service: Record) -> Record:
    return {key: service[key] for key in _LIST_FIELDS if key in service}


def service_at_location_listed(place: Record, service: Record) -> Record:
    location = place["location"]
    return {
        "id": place["id"],
        "service_id": place["service_id"],
        "location_id": place["location_id"],
        "location": {key: location[key] for key in _LOCATION_LIST_FIELDS if key in location},
        "service": service_listed(service),
    }


def fingerprint(record: Any) -> Any:
    """A record without its ids and modification time: equal fingerprints in two
    editions mean families would read the same thing, even if how ids are made changed."""
    if isinstance(record, dict):
        return {
            key: fingerprint(value)
            for key, value in record.items()
            if key != "id" and not key.endswith("_id") and key != "last_modified"
        }
    if isinstance(record, list):
        return [fingerprint(item) for item in record]
    return record


def _amount_stated(service: Service) -> float | int | None:
    """The price in pounds: 0 when free, the amount the council chose, else one the
    words name."""
    if service.cost_kind == "free":
        return 0
    if service.cost_amount is not None:
        return float(service.cost_amount)
    if service.cost_kind == "assessed":
        return None
    return _amount(service.cost)


def _amount(cost: str) -> float | None:
    """The price in pounds when the cost text names exactly one, or 0 when it is free."""
    if re.match(r"\s*free\b", cost, re.IGNORECASE):
        return 0
    amounts = set(_AMOUNT.findall(cost))
    return float(amounts.pop()) if len(amounts) == 1 else None


def _phones(contact_id: str, phones: list[Phone]) -> list[Record]:
    seen: dict[str, Record] = {}
    for phone in phones:
        digits = re.sub(r"\D", "", phone.number)
        seen.setdefault(
            digits,
            {
                "id": derived_id(contact_id, "phone", digits),
                "contact_id": contact_id,
                "number": phone.number,
                **({"description": phone.label} if phone.label else {}),
            },
        )
    return list(seen.values())


def links_at(base: str) -> Links:
    """Links to the current edition's public pages at `base` (e.g. 'https://example.org',
    or '' for site-relative addresses)."""
    finder = page_url("find")
    service, tier, provider = (page_url_maker(name) for name in ("service", "tier", "provider"))
    return Links(
        home=base + page_url("home"),
        service=lambda slug: base + service(slug),
        tier=lambda slug: base + tier(slug),
        provider=lambda slug: base + provider(slug),
        finder=lambda name, slug: f"{base}{finder}?{urlencode({name: slug})}",
    )
