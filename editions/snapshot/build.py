"""Freezing the working copy into a snapshot: plain JSON holding every record the public
pages show, each referring to others by permanent id (uid) or, for taxonomy terms, by
slug. Labels of fixed choices are copied in, so an old edition still reads the same
after a label is reworded.
"""

import hashlib
import json
from decimal import Decimal
from typing import Any

from django.db.models import CharField
from django.db.models.functions import Cast

from contacts.models import Contact
from core.fields import uid_from_hex
from offer.choices import Attendance, DirectPayment, PlaceFeature, ServiceStatus
from offer.models import (
    Area,
    BreakTime,
    CheckerRule,
    EligibilityRule,
    FamilyStory,
    GlossaryTerm,
    Need,
    Question,
    ReferralRoute,
    SearchWord,
    Service,
    Statement,
    Tier,
    Venue,
)
from providers.models import Provider

from .schema import SCHEMA_VERSION, search_words_listed


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


def _uid_text(column: str) -> Cast:
    """A uid column read as text. A UUID object made for each of thousands of values,
    only to be printed, was half the time a large snapshot took to build."""
    return Cast(column, output_field=CharField())


def _dashed(uid: str | None) -> str | None:
    """A uid read as text, as str(UUID) prints it (SQLite keeps 32 hex digits)."""
    if uid is None or len(uid) != 32:
        return uid
    return uid_from_hex(uid)


def _linked_by_service(services, name: str, column: str) -> dict[int, list[str]]:
    """For each of `services` (by pk), the `column` (uid or slug) of the records its
    many-to-many field `name` links to, in those records' own order."""
    field = Service._meta.get_field(name)
    own, other = field.m2m_field_name(), field.m2m_reverse_field_name()
    ordering = [
        f"-{other}__{key[1:]}" if key.startswith("-") else f"{other}__{key}"
        for key in [*field.related_model._meta.ordering, "pk"]
    ]
    linked = f"{other}__{column}"
    rows = (
        field.remote_field.through.objects.filter(**{f"{own}__in": services.values("pk")})
        .order_by(*ordering)
        .values_list(f"{own}_id", _uid_text(linked) if column == "uid" else linked)
    )
    found: dict[int, list[str]] = {}
    for service_id, value in rows:
        found.setdefault(service_id, []).append(_dashed(value) if column == "uid" else value)
    return found


def snapshot_build() -> dict[str, Any]:
    """Everything the public pages need, read from the working copy in a fixed number of
    queries whatever the size of the offer."""
    statement = Statement.load()
    sections = list(statement.sections.select_related("tier")) if statement else []
    figures = list(statement.figures.all()) if statement else []
    family_views = list(statement.family_views.all()) if statement else []

    contacts = Contact.objects.prefetch_related("phones", "social_links")
    providers = Provider.objects.prefetch_related("contacts", "kinds")
    rules = EligibilityRule.objects.select_related("assessment")
    routes = ReferralRoute.objects.prefetch_related("contacts")
    tiers = Tier.objects.prefetch_related("eligibility_rules", "referral_routes")
    services = Service.objects.in_statement()
    # Plain rows, not model objects: the snapshot copies fields, and there may be
    # thousands of services.
    service_rows = services.values(
        "any_time",
        "attendance",
        "away_from_home",
        "by_phone",
        "cost",
        "description",
        "direct_payment",
        "example_activities",
        "expected_from",
        "free",
        "group",
        "in_family_home",
        "last_reviewed_on",
        "leisure_activity",
        "max_age",
        "min_age",
        "name",
        "online",
        "other_providers_note",
        "pilot_until",
        "pk",
        "slug",
        "status",
        "status_note",
        "summary",
        "website",
        "when_note",
        "whole_area",
        uid_text=_uid_text("uid"),
        tier_uid_text=_uid_text("tier__uid"),
    )
    venues: dict[int, list[dict[str, str]]] = {}
    for venue in Venue.objects.filter(service__in=services.values("pk")).values(
        "service_id", "name", "address", "town", "postcode", "accessibility",
        *PlaceFeature.values, uid_text=_uid_text("uid"),
    ):  # fmt: skip
        venues.setdefault(venue.pop("service_id"), []).append(
            {"id": _dashed(venue.pop("uid_text")), **venue}
        )
    status_labels = dict(ServiceStatus.choices)
    direct_payment_labels = dict(DirectPayment.choices)
    attendance_labels = dict(Attendance.choices)
    # What each service links to, as slugs or ids: read from the link tables, one query
    # each, rather than an object made for every link (thousands with a large offer).
    linked = {
        name: _linked_by_service(services, name, column)
        for name, column in (
            ("needs", "slug"),
            ("times", "slug"),
            ("areas", "slug"),
            ("providers", "uid"),
            ("eligibility_rules", "uid"),
            ("referral_routes", "uid"),
            ("contacts", "uid"),
        )
    }

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
            "stories_note": statement.stories_note if statement else "",
            "home_heading": statement.home_heading if statement else "",
            "first_contact": (
                str(statement.first_contact.uid) if statement and statement.first_contact else None
            ),
        },
        "sections": [
            {
                "title": section.title,
                "slug": section.slug,
                "body": section.body,
                "place": section.place,
                "position": section.position,
                "tier": str(section.tier.uid) if section.tier else None,
                "describes_design": section.describes_design,
            }
            for section in sections
        ],
        "tiers": [
            {
                "id": str(tier.uid),
                "level": tier.level,
                "name": tier.name,
                "caption": tier.caption,
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
                "id": _dashed(service["uid_text"]),
                "name": service["name"],
                "slug": service["slug"],
                "tier": _dashed(service["tier_uid_text"]),
                "group": service["group"],
                "summary": service["summary"],
                "description": service["description"],
                "example_activities": service["example_activities"],
                "status": service["status"],
                "status_label": status_labels.get(service["status"], service["status"]),
                "expected_from": service["expected_from"],
                "pilot_until": service["pilot_until"].isoformat()
                if service["pilot_until"]
                else None,
                "status_note": service["status_note"],
                "min_age": service["min_age"],
                "max_age": service["max_age"],
                "needs": linked["needs"].get(service["pk"], []),
                "times": linked["times"].get(service["pk"], []),
                "any_time": service["any_time"],
                "when_note": service["when_note"],
                "areas": linked["areas"].get(service["pk"], []),
                "whole_area": service["whole_area"],
                "in_family_home": service["in_family_home"],
                "away_from_home": service["away_from_home"],
                "online": service["online"],
                "by_phone": service["by_phone"],
                "attendance": service["attendance"],
                "attendance_label": attendance_labels.get(service["attendance"], "")
                if service["attendance"]
                else "",
                "leisure_activity": service["leisure_activity"],
                "cost": service["cost"],
                "free": service["free"],
                "direct_payment": service["direct_payment"],
                "direct_payment_label": direct_payment_labels.get(
                    service["direct_payment"], service["direct_payment"]
                ),
                "website": service["website"],
                "providers": linked["providers"].get(service["pk"], []),
                "other_providers_note": service["other_providers_note"],
                "eligibility_rules": linked["eligibility_rules"].get(service["pk"], []),
                "referral_routes": linked["referral_routes"].get(service["pk"], []),
                "contacts": linked["contacts"].get(service["pk"], []),
                "venues": venues.get(service["pk"], []),
                "last_reviewed_on": (
                    service["last_reviewed_on"].isoformat() if service["last_reviewed_on"] else None
                ),
            }
            for service in service_rows
        ],
        "eligibility_rules": [
            {
                "id": str(rule.uid),
                "title": rule.title,
                "criteria": rule.criteria,
                "min_age": rule.min_age,
                "max_age": rule.max_age,
                "assessment": (
                    {
                        "name": rule.assessment.name,
                        "description": rule.assessment.description,
                        "none_needed": rule.assessment.none_needed,
                        "family_can_start": rule.assessment.family_can_start,
                    }
                    if rule.assessment
                    else None
                ),
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
                "social_worker": route.social_worker,
            }
            for route in routes
        ],
        "providers": [
            {
                "id": str(provider.uid),
                "name": provider.name,
                "slug": provider.slug,
                "kinds": [{"slug": kind.slug, "name": kind.name} for kind in provider.kinds.all()],
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
                "explanation": contact.explanation,
                "email": contact.email,
                "alternative_email": contact.alternative_email,
                "website": contact.website,
                "opening_hours": contact.opening_hours,
                "is_useful_contact": contact.is_useful_contact,
                "phones": [
                    {"number": phone.number, "label": phone.label, "charges": phone.charges}
                    for phone in contact.phones.all()
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
                "pinned": term.pinned,
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
        "search_words": [
            search_words_listed(word.words, word.means) for word in SearchWord.objects.all()
        ],
    }


def snapshot_digest(snapshot: dict[str, Any]) -> str:
    """A short fingerprint of a snapshot: equal digests mean equal content."""
    encoded = json.dumps(snapshot, sort_keys=True, separators=(",", ":")).encode()
    return hashlib.sha256(encoded).hexdigest()


def snapshot_references_missing(snapshot: dict[str, Any]) -> list[str]:
    """Every reference in the snapshot to a record it does not hold, in words: a
    snapshot with any would show families a service with no way to get it, for ever."""
    held = {
        "tier": {tier["id"] for tier in snapshot["tiers"]},
        "service": {service["id"] for service in snapshot["services"]},
        "eligibility rule": {rule["id"] for rule in snapshot["eligibility_rules"]},
        "referral route": {route["id"] for route in snapshot["referral_routes"]},
        "provider": {provider["id"] for provider in snapshot["providers"]},
        "contact": {contact["id"] for contact in snapshot["contacts"]},
        **{
            kind: {term["slug"] for term in terms} for kind, terms in snapshot["taxonomies"].items()
        },
    }
    missing = []

    def check(where: str, kind: str, keys) -> None:
        for key in keys:
            if key is not None and key not in held[kind]:
                missing.append(f"{where} refers to a {kind} that is not in it ({key}).")

    for service in snapshot["services"]:
        where = f'Service "{service["name"]}"'
        check(where, "tier", [service["tier"]])
        check(where, "eligibility rule", service["eligibility_rules"])
        check(where, "referral route", service["referral_routes"])
        check(where, "provider", service["providers"])
        check(where, "contact", service["contacts"])
        for kind in ("needs", "times", "areas"):
            check(where, kind, service[kind])
    for tier in snapshot["tiers"]:
        check(f'Tier "{tier["name"]}"', "eligibility rule", tier["eligibility_rules"])
        check(f'Tier "{tier["name"]}"', "referral route", tier["referral_routes"])
    for route in snapshot["referral_routes"]:
        check(f'Referral route "{route["title"]}"', "contact", route["contacts"])
    for provider in snapshot["providers"]:
        check(f'Provider "{provider["name"]}"', "contact", provider["contacts"])
    for rule in snapshot["checker_rules"]:
        check("A checker rule", "tier", [rule["tier"]])
        check("A checker rule", "needs", rule["needs"])
        check("A checker rule", "times", rule["times"])
    return missing
