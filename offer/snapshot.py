"""Freezing the working copy into an edition's snapshot, and reading snapshots back.

The snapshot is plain JSON: every record the public pages show, each referring to
others by permanent id (uid) or, for taxonomy terms, by slug. Labels of fixed choices
are copied in, so an old edition still reads the same after a label is reworded.

When the format changes, bump SCHEMA_VERSION and add an upgrade step to UPGRADES that
turns the previous format into the new one: old editions are upgraded as they are read,
never rewritten.
"""

import hashlib
import json
from collections.abc import Callable
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.db.models import Prefetch

from contacts.models import Contact
from providers.models import Provider

from .choices import SectionKind
from .figures import figure_charts, figure_text
from .finder import FinderIndex, searchable_text
from .glossary import GlossaryMatcher
from .models import (
    Area,
    BreakTime,
    CheckerRule,
    EligibilityRule,
    FamilyStory,
    GlossaryTerm,
    Need,
    Question,
    ReferralRoute,
    Service,
    Statement,
    Tier,
)

SCHEMA_VERSION = 5

_SECTIONS_BEFORE_TIERS = {
    SectionKind.INTRODUCTION,
    SectionKind.WHAT_SHORT_BREAKS_ARE,
    SectionKind.HOW_TO_GET,
}


def _add_questions_stories_glossary(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 added the FAQ, family stories and the glossary; earlier editions had
    none of them."""
    return {**data, "questions": [], "stories": [], "glossary": []}


def _add_figures_family_views_checker(data: dict[str, Any]) -> dict[str, Any]:
    """Version 3 added figures, what families told us, the checker's rules, a note under
    a service's providers and what a glossary abbreviation stands for."""
    statement = {**data["statement"], "family_views_intro": "", "outside_age_range_help": ""}
    services = [{**service, "other_providers_note": ""} for service in data["services"]]
    glossary = [{**term, "stands_for": ""} for term in data["glossary"]]
    return {
        **data,
        "statement": statement,
        "services": services,
        "glossary": glossary,
        "figures": [],
        "family_views": [],
        "checker_rules": [],
    }


def _add_accessibility_reviewed_on(data: dict[str, Any]) -> dict[str, Any]:
    """Version 4 added when the accessibility statement was last reviewed."""
    return {**data, "statement": {**data["statement"], "accessibility_reviewed_on": None}}


def _add_council_id_and_venues(data: dict[str, Any]) -> dict[str, Any]:
    """Version 5 added the council's permanent id (for the Open Referral feed) and the
    places where each service happens. Earlier editions name no places; their council id
    is unknown (None), and the feed falls back to one made from the council's name."""
    services = [{**service, "venues": []} for service in data["services"]]
    return {**data, "statement": {"id": None, **data["statement"]}, "services": services}


# {from_version: function turning a snapshot of that version into from_version + 1}
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: _add_questions_stories_glossary,
    2: _add_figures_family_views_checker,
    3: _add_accessibility_reviewed_on,
    4: _add_council_id_and_venues,
}


def _ids(records) -> list[str]:
    return [str(record.uid) for record in records]


def _slugs(records) -> list[str]:
    return [record.slug for record in records]


def _terms(model) -> list[dict[str, str]]:
    return [
        {"slug": term.slug, "name": term.name, "description": term.description}
        for term in model.objects.all()
    ]


def _number(value: Decimal | None) -> str | None:
    """A figure as exact text without trailing zeros: Decimal('3760.00') -> '3760'."""
    if value is None:
        return None
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def snapshot_build() -> dict[str, Any]:
    """Everything the public pages need, read from the working copy in a fixed number of
    queries whatever the size of the offer."""
    statement = Statement.load()
    sections = list(statement.sections.all()) if statement else []
    figures = list(statement.figures.all()) if statement else []
    family_views = list(statement.family_views.all()) if statement else []

    contacts = Contact.objects.prefetch_related("phones", "social_links")
    providers = Provider.objects.prefetch_related("contacts")
    rules = EligibilityRule.objects.all()
    routes = ReferralRoute.objects.prefetch_related("contacts")
    tiers = Tier.objects.prefetch_related("eligibility_rules", "referral_routes")
    services = (
        Service.objects.filter(include_in_statement=True)
        .select_related("tier")
        .prefetch_related(
            "needs",
            "times",
            "areas",
            "providers",
            "eligibility_rules",
            "referral_routes",
            "venues",
            Prefetch("contacts", queryset=Contact.objects.only("uid")),
        )
    )

    return {
        "schema_version": SCHEMA_VERSION,
        "statement": {
            "id": str(statement.uid) if statement else None,
            "council_name": statement.council_name if statement else "",
            "area_name": statement.area_name if statement else "",
            "title": statement.title if statement else "",
            "summary": statement.summary if statement else "",
            "local_offer_url": statement.local_offer_url if statement else "",
            "accessibility_email": statement.accessibility_email if statement else "",
            "accessibility_reviewed_on": (
                statement.accessibility_reviewed_on.isoformat()
                if statement and statement.accessibility_reviewed_on
                else None
            ),
            "family_views_intro": statement.family_views_intro if statement else "",
            "outside_age_range_help": statement.outside_age_range_help if statement else "",
        },
        "sections": [
            {
                "kind": section.kind,
                "kind_label": section.get_kind_display(),
                "title": section.title,
                "slug": section.slug,
                "body": section.body,
            }
            for section in sections
        ],
        "tiers": [
            {
                "id": str(tier.uid),
                "level": tier.level,
                "level_label": tier.get_level_display(),
                "name": tier.name,
                "slug": tier.slug,
                "summary": tier.summary,
                "who_it_is_for": tier.who_it_is_for,
                "description": tier.description,
                "stepping_up_and_down": tier.stepping_up_and_down,
                "eligibility_rules": _ids(tier.eligibility_rules.all()),
                "referral_routes": _ids(tier.referral_routes.all()),
            }
            for tier in tiers
        ],
        "services": [
            {
                "id": str(service.uid),
                "name": service.name,
                "slug": service.slug,
                "tier": str(service.tier.uid) if service.tier else None,
                "group": service.group,
                "summary": service.summary,
                "description": service.description,
                "example_activities": service.example_activities,
                "min_age": service.min_age,
                "max_age": service.max_age,
                "needs": _slugs(service.needs.all()),
                "times": _slugs(service.times.all()),
                "areas": _slugs(service.areas.all()),
                "cost": service.cost,
                "direct_payment": service.direct_payment,
                "direct_payment_label": service.get_direct_payment_display(),
                "providers": _ids(service.providers.all()),
                "other_providers_note": service.other_providers_note,
                "eligibility_rules": _ids(service.eligibility_rules.all()),
                "referral_routes": _ids(service.referral_routes.all()),
                "contacts": _ids(service.contacts.all()),
                "venues": [
                    {
                        "id": str(venue.uid),
                        "name": venue.name,
                        "address": venue.address,
                        "town": venue.town,
                        "postcode": venue.postcode,
                        "accessibility": venue.accessibility,
                    }
                    for venue in service.venues.all()
                ],
                "last_reviewed_on": (
                    service.last_reviewed_on.isoformat() if service.last_reviewed_on else None
                ),
            }
            for service in services
        ],
        "eligibility_rules": [
            {
                "id": str(rule.uid),
                "title": rule.title,
                "criteria": rule.criteria,
                "min_age": rule.min_age,
                "max_age": rule.max_age,
                "assessment": rule.assessment,
                "assessment_label": rule.get_assessment_display(),
            }
            for rule in rules
        ],
        "referral_routes": [
            {
                "id": str(route.uid),
                "title": route.title,
                "steps": route.steps,
                "contacts": _ids(route.contacts.all()),
                "link": route.link,
                "link_text": route.link_text,
            }
            for route in routes
        ],
        "providers": [
            {
                "id": str(provider.uid),
                "name": provider.name,
                "slug": provider.slug,
                "kind": provider.kind,
                "kind_label": provider.get_kind_display(),
                "description": provider.description,
                "website": provider.website,
                "contacts": _ids(provider.contacts.all()),
            }
            for provider in providers
        ],
        "contacts": [
            {
                "id": str(contact.uid),
                "name": contact.name,
                "slug": contact.slug,
                "helps_with": contact.helps_with,
                "email": contact.email,
                "alternative_email": contact.alternative_email,
                "website": contact.website,
                "opening_hours": contact.opening_hours,
                "is_useful_contact": contact.is_useful_contact,
                "phones": [
                    {"number": phone.number, "label": phone.label} for phone in contact.phones.all()
                ],
                "social_links": [
                    {
                        "network": link.network,
                        "network_label": link.get_network_display(),
                        "url": link.url,
                        "label": link.label,
                    }
                    for link in contact.social_links.all()
                ],
            }
            for contact in contacts
        ],
        "questions": [
            {
                "question": question.question,
                "answer": question.answer,
                "tier": str(question.tier.uid) if question.tier else None,
                "service": str(question.service.uid) if question.service else None,
            }
            for question in Question.objects.select_related("tier", "service")
        ],
        "stories": [
            {
                "title": story.title,
                "who": story.who,
                "situation": story.situation,
                "what_they_got": story.what_they_got,
                "outcome": story.outcome,
                "tiers": _ids(story.tiers.all()),
                "services": _ids(story.services.all()),
            }
            for story in FamilyStory.objects.prefetch_related("tiers", "services")
        ],
        "glossary": [
            {
                "term": term.term,
                "slug": term.slug,
                "explanation": term.explanation,
                "stands_for": term.stands_for,
                "aliases": term.alias_list,
            }
            for term in GlossaryTerm.objects.all()
        ],
        "figures": [
            {
                "label": figure.label,
                "value": _number(figure.value),
                "value_to": _number(figure.value_to),
                "approximate": figure.approximate,
                "unit": figure.unit,
                "source": figure.source,
                "source_url": figure.source_url,
                "year": figure.year,
            }
            for figure in figures
        ],
        "family_views": [view.point for view in family_views],
        "checker_rules": [
            {
                "tier": str(rule.tier.uid),
                "reason": rule.reason,
                "min_age": rule.min_age,
                "max_age": rule.max_age,
                "social_worker": rule.social_worker,
                "ehcp": rule.ehcp,
                "tried_community": rule.tried_community,
                "needs": _slugs(rule.needs.all()),
                "times": _slugs(rule.times.all()),
            }
            for rule in CheckerRule.objects.select_related("tier").prefetch_related(
                "needs", "times"
            )
        ],
        "taxonomies": {
            "needs": _terms(Need),
            "times": _terms(BreakTime),
            "areas": _terms(Area),
        },
    }


def snapshot_digest(snapshot: dict[str, Any]) -> str:
    """A short fingerprint of a snapshot: equal digests mean equal content."""
    encoded = json.dumps(snapshot, sort_keys=True, separators=(",", ":")).encode()
    return hashlib.sha256(encoded).hexdigest()


def snapshot_upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """Bring a snapshot of any earlier format up to SCHEMA_VERSION."""
    version = data.get("schema_version", 1)
    if version > SCHEMA_VERSION:
        raise ValueError(
            f"This edition was written in snapshot format {version}, newer than this "
            f"code understands ({SCHEMA_VERSION}). Deploy the newer code."
        )
    while version < SCHEMA_VERSION:
        data = UPGRADES[version](data)
        version += 1
        data["schema_version"] = version
    return data


class PublishedStatement:
    """A snapshot made ready for templates: references resolved into nested records and
    indexes by slug. Built once per edition and shared, so templates must not change it.
    """

    def __init__(self, data: dict[str, Any]):
        data = snapshot_upgrade(data)
        self.details = data["statement"]
        self.sections = data["sections"]
        taxonomies = data["taxonomies"]
        self.needs = taxonomies["needs"]
        self.times = taxonomies["times"]
        self.areas = taxonomies["areas"]

        contacts = {c["id"]: dict(c) for c in data["contacts"]}
        rules = {r["id"]: dict(r) for r in data["eligibility_rules"]}
        routes = {r["id"]: dict(r) for r in data["referral_routes"]}
        providers = {p["id"]: dict(p) for p in data["providers"]}
        tiers = {t["id"]: dict(t) for t in data["tiers"]}
        terms = {
            kind: {term["slug"]: term for term in taxonomies[kind]}
            for kind in ("needs", "times", "areas")
        }

        def pick(index: dict, keys: list) -> list:
            return [index[key] for key in keys if key in index]

        for route in routes.values():
            route["contacts"] = pick(contacts, route["contacts"])
        for provider in providers.values():
            provider["contacts"] = pick(contacts, provider["contacts"])
            provider["services"] = []
        for tier in tiers.values():
            tier["eligibility_rules"] = pick(rules, tier["eligibility_rules"])
            tier["referral_routes"] = pick(routes, tier["referral_routes"])
            tier["services"] = []

        self.services: list[dict[str, Any]] = []
        for raw in data["services"]:
            service = dict(raw)
            service["tier"] = tiers.get(raw["tier"])
            for kind in ("needs", "times", "areas"):
                service[kind] = pick(terms[kind], raw[kind])
            service["providers"] = pick(providers, raw["providers"])
            service["eligibility_rules"] = pick(rules, raw["eligibility_rules"])
            service["referral_routes"] = pick(routes, raw["referral_routes"])
            service["contacts"] = pick(contacts, raw["contacts"])
            service["search_text"] = searchable_text(service)
            if service["tier"] is not None:
                service["tier"]["services"].append(service)
            for provider in service["providers"]:
                provider["services"].append(service)
            self.services.append(service)

        self.tiers = list(tiers.values())
        for tier in self.tiers:
            tier["service_groups"] = _grouped(tier["services"])
        self.providers = sorted(providers.values(), key=lambda p: p["name"].casefold())
        self.contacts = list(contacts.values())
        self.useful_contacts = [c for c in self.contacts if c["is_useful_contact"]]
        services_by_id = {service["id"]: service for service in self.services}
        self.questions = [
            {
                **q,
                "tier": tiers.get(q["tier"] or ""),
                "service": services_by_id.get(q["service"] or ""),
            }
            for q in data["questions"]
        ]
        self.stories = [
            {
                **story,
                "tiers": pick(tiers, story["tiers"]),
                "services": pick(services_by_id, story["services"]),
            }
            for story in data["stories"]
        ]
        self.glossary = data["glossary"]
        self.glossary_matcher = GlossaryMatcher(self.glossary)
        self.figures = [{**figure, "text": figure_text(figure)} for figure in data["figures"]]
        self.figure_charts = figure_charts(self.figures)
        self.family_views = data["family_views"]
        self.checker_rules = [
            {**rule, "tier": tiers[rule["tier"]]}
            for rule in data["checker_rules"]
            if rule["tier"] in tiers
        ]
        self._tiers_by_slug = {t["slug"]: t for t in self.tiers}
        self._services_by_slug = {s["slug"]: s for s in self.services}
        self._providers_by_slug = {p["slug"]: p for p in self.providers}
        self._by_id = {
            "tier": tiers,
            "service": {s["id"]: s for s in self.services},
            "provider": providers,
        }

    @cached_property
    def finder_index(self) -> FinderIndex:
        """The finder's lookups for this edition's services, made on the first search."""
        return FinderIndex(self.services)

    def tier(self, slug: str) -> dict[str, Any] | None:
        return self._tiers_by_slug.get(slug)

    def service(self, slug: str) -> dict[str, Any] | None:
        return self._services_by_slug.get(slug)

    def provider(self, slug: str) -> dict[str, Any] | None:
        return self._providers_by_slug.get(slug)

    def record(self, kind: str, uid: str) -> dict[str, Any] | None:
        """A tier, service or provider (`kind`) by its permanent id."""
        return self._by_id[kind].get(uid)

    @property
    def sections_before(self) -> list[dict[str, Any]]:
        """Text that comes before the tiers: introduction, what short breaks are..."""
        return [s for s in self.sections if s["kind"] in _SECTIONS_BEFORE_TIERS]

    @property
    def sections_after(self) -> list[dict[str, Any]]:
        """Text that comes after the tiers: how services are designed, feedback..."""
        return [s for s in self.sections if s["kind"] not in _SECTIONS_BEFORE_TIERS]


def _grouped(services: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Services under their group headings, in the order the groups first appear."""
    groups: dict[str, list] = {}
    for service in services:
        groups.setdefault(service["group"], []).append(service)
    return [{"heading": heading, "services": items} for heading, items in groups.items()]
