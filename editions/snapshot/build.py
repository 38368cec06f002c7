"""Freezing the working copy into a snapshot: every record the public pages show
(records.py declares each kind), made by one function per kind, each referring to others
by permanent id (uid) or, for taxonomy terms, by slug. Labels of fixed choices are
copied in, so an old edition still reads the same after a label is reworded.
"""

import hashlib
from decimal import Decimal
from typing import Any

import msgspec
from django.db.models import CharField
from django.db.models.functions import Cast

from contacts.models import Contact
from core.fields import uid_from_hex
from offer.choices import Attendance, DirectPayment, PlaceFeature, ServiceStatus
from offer.costs import cost_label, pounds
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

from . import records
from .schema import SCHEMA_VERSION, search_words_listed


def _ids(records) -> list[str]:
    return [str(record.uid) for record in records]


def _slugs(records) -> list[str]:
    return [record.slug for record in records]


def _terms(model) -> list[records.Term]:
    return [
        records.Term(slug=term.slug, name=term.name, description=term.description)
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


def _details(statement: Statement | None) -> records.Details:
    if statement is None:
        return records.Details(
            id=None, council_name="", area_name="", title="", summary="", local_offer_url="",
            accessibility_email="", accessibility_reviewed_on=None, family_views_intro="",
            outside_age_range_help="", stories_note="", home_heading="", first_contact=None,
        )  # fmt: skip
    reviewed = statement.accessibility_reviewed_on
    prepared = statement.accessibility_prepared_on
    return records.Details(
        id=str(statement.uid),
        council_name=statement.council_name,
        area_name=statement.area_name,
        title=statement.title,
        summary=statement.summary,
        local_offer_url=statement.local_offer_url,
        accessibility_email=statement.accessibility_email,
        accessibility_reviewed_on=reviewed.isoformat() if reviewed else None,
        accessibility_reply_time=statement.accessibility_reply_time,
        accessibility_compliance=statement.accessibility_compliance,
        accessibility_problems=statement.accessibility_problems,
        accessibility_prepared_on=prepared.isoformat() if prepared else None,
        family_views_intro=statement.family_views_intro,
        outside_age_range_help=statement.outside_age_range_help,
        stories_note=statement.stories_note,
        home_heading=statement.home_heading,
        first_contact=str(statement.first_contact.uid) if statement.first_contact else None,
    )


def _section(section) -> records.Section:
    return records.Section(
        title=section.title,
        slug=section.slug,
        body=section.body,
        place=section.place,
        position=section.position,
        tier_id=str(section.tier.uid) if section.tier else None,
        describes_design=section.describes_design,
    )


def _tier(tier: Tier) -> records.Tier:
    return records.Tier(
        id=str(tier.uid),
        level=tier.level,
        name=tier.name,
        caption=tier.caption,
        slug=tier.slug,
        summary=tier.summary,
        who_it_is_for=tier.who_it_is_for,
        description=tier.description,
        stepping_up_and_down=tier.stepping_up_and_down,
        rule_ids=_ids(tier.eligibility_rules.all()),
        route_ids=_ids(tier.referral_routes.all()),
    )


# A service's own fields, read as plain rows: there may be thousands of services.
_SERVICE_COLUMNS = (
    "any_time", "attendance", "away_from_home", "by_phone", "cost", "cost_amount",
    "cost_kind", "cost_period", "description", "direct_payment", "example_activities",
    "expected_from", "group",
    "in_family_home", "last_reviewed_on", "leisure_activity", "max_age", "min_age", "name",
    "online", "other_providers_note", "own_rules_only", "pilot_until", "pk", "slug",
    "status", "status_note", "summary", "website", "when_note", "whole_area",
)  # fmt: skip
# What a service links to, as slugs or ids, and the record field holding them.
_SERVICE_LINKS = (
    ("needs", "slug", "need_slugs"),
    ("times", "slug", "time_slugs"),
    ("areas", "slug", "area_slugs"),
    ("providers", "uid", "provider_ids"),
    ("eligibility_rules", "uid", "rule_ids"),
    ("referral_routes", "uid", "route_ids"),
    ("contacts", "uid", "contact_ids"),
)


def _services() -> list[records.Service]:
    """Every service in the statement, from plain rows, with what each links to read
    from the link tables (one query each) rather than an object made for every link."""
    services = Service.objects.in_statement()
    rows = services.values(
        *_SERVICE_COLUMNS, uid_text=_uid_text("uid"), tier_uid_text=_uid_text("tier__uid")
    )
    venues: dict[int, list[records.Venue]] = {}
    for venue in Venue.objects.filter(service__in=services.values("pk")).values(
        "service_id", "name", "address", "town", "postcode", "accessibility",
        *PlaceFeature.values, uid_text=_uid_text("uid"),
    ):  # fmt: skip
        service_id, uid = venue.pop("service_id"), venue.pop("uid_text")
        venues.setdefault(service_id, []).append(records.Venue(id=_dashed(uid), **venue))
    linked = {
        field: _linked_by_service(services, name, column) for name, column, field in _SERVICE_LINKS
    }
    return [_service(row, linked, venues.get(row["pk"], [])) for row in rows]


_STATUS_LABELS = dict(ServiceStatus.choices)
_DIRECT_PAYMENT_LABELS = dict(DirectPayment.choices)
_ATTENDANCE_LABELS = dict(Attendance.choices)


def _service(
    row: dict[str, Any], linked: dict[str, dict[int, list[str]]], venues: list[records.Venue]
) -> records.Service:
    pk = row["pk"]
    return records.Service(
        id=_dashed(row["uid_text"]),
        name=row["name"],
        slug=row["slug"],
        tier_id=_dashed(row["tier_uid_text"]),
        group=row["group"],
        summary=row["summary"],
        description=row["description"],
        example_activities=row["example_activities"],
        status=row["status"],
        status_label=_STATUS_LABELS.get(row["status"], row["status"]),
        expected_from=row["expected_from"],
        pilot_until=row["pilot_until"].isoformat() if row["pilot_until"] else None,
        status_note=row["status_note"],
        min_age=row["min_age"],
        max_age=row["max_age"],
        any_time=row["any_time"],
        when_note=row["when_note"],
        whole_area=row["whole_area"],
        in_family_home=row["in_family_home"],
        away_from_home=row["away_from_home"],
        online=row["online"],
        by_phone=row["by_phone"],
        attendance=row["attendance"],
        attendance_label=_ATTENDANCE_LABELS.get(row["attendance"], "") if row["attendance"] else "",
        leisure_activity=row["leisure_activity"],
        own_rules_only=row["own_rules_only"],
        cost=row["cost"],
        cost_kind=row["cost_kind"],
        cost_amount=pounds(row["cost_amount"]),
        cost_period=row["cost_period"],
        cost_label=cost_label(
            kind=row["cost_kind"], amount=row["cost_amount"], period=row["cost_period"]
        ),
        direct_payment=row["direct_payment"],
        direct_payment_label=_DIRECT_PAYMENT_LABELS.get(
            row["direct_payment"], row["direct_payment"]
        ),
        website=row["website"],
        other_providers_note=row["other_providers_note"],
        venues=venues,
        last_reviewed_on=row["last_reviewed_on"].isoformat() if row["last_reviewed_on"] else None,
        **{field: found.get(pk, []) for field, found in linked.items()},
    )


def _eligibility_rule(rule: EligibilityRule) -> records.EligibilityRule:
    assessment = rule.assessment
    return records.EligibilityRule(
        id=str(rule.uid),
        title=rule.title,
        criteria=rule.criteria,
        min_age=rule.min_age,
        max_age=rule.max_age,
        assessment=records.Assessment(
            name=assessment.name,
            description=assessment.description,
            none_needed=assessment.none_needed,
            family_can_start=assessment.family_can_start,
        )
        if assessment
        else None,
    )


def _referral_route(route: ReferralRoute) -> records.ReferralRoute:
    return records.ReferralRoute(
        id=str(route.uid),
        title=route.title,
        steps=route.steps,
        contact_ids=_ids(route.contacts.all()),
        link=route.link,
        link_text=route.link_text,
        social_worker=route.social_worker,
    )


def _provider(provider: Provider) -> records.Provider:
    return records.Provider(
        id=str(provider.uid),
        name=provider.name,
        slug=provider.slug,
        kinds=[records.ProviderKind(slug=k.slug, name=k.name) for k in provider.kinds.all()],
        description=provider.description,
        website=provider.website,
        contact_ids=_ids(provider.contacts.all()),
    )


def _contact(contact: Contact) -> records.Contact:
    return records.Contact(
        id=str(contact.uid),
        name=contact.name,
        slug=contact.slug,
        helps_with=contact.helps_with,
        explanation=contact.explanation,
        email=contact.email,
        alternative_email=contact.alternative_email,
        website=contact.website,
        opening_hours=contact.opening_hours,
        is_useful_contact=contact.is_useful_contact,
        phones=[
            records.Phone(number=phone.number, label=phone.label, charges=phone.charges)
            for phone in contact.phones.all()
        ],
        social_links=[
            records.SocialLink(
                network=link.network,
                network_label=link.get_network_display(),
                url=link.url,
                label=link.label,
            )
            for link in contact.social_links.all()
        ],
    )


def _question(question: Question) -> records.Question:
    return records.Question(
        question=question.question,
        answer=question.answer,
        tier_id=str(question.tier.uid) if question.tier else None,
        service_id=str(question.service.uid) if question.service else None,
    )


def _story(story: FamilyStory) -> records.Story:
    return records.Story(
        title=story.title,
        who=story.who,
        situation=story.situation,
        what_they_got=story.what_they_got,
        outcome=story.outcome,
        tier_ids=_ids(story.tiers.all()),
        service_ids=_ids(story.services.all()),
    )


def _glossary_term(term: GlossaryTerm) -> records.GlossaryTerm:
    return records.GlossaryTerm(
        term=term.term,
        slug=term.slug,
        explanation=term.explanation,
        stands_for=term.stands_for,
        aliases=term.alias_list,
        pinned=term.pinned,
    )


def _figure(figure) -> records.Figure:
    return records.Figure(
        label=figure.label,
        value=_number(figure.value),
        value_to=_number(figure.value_to),
        approximate=figure.approximate,
        unit=figure.unit,
        source=figure.source,
        source_url=figure.source_url,
        year=figure.year,
    )


def _checker_rule(rule: CheckerRule) -> records.CheckerRule:
    return records.CheckerRule(
        tier_id=str(rule.tier.uid),
        reason=rule.reason,
        min_age=rule.min_age,
        max_age=rule.max_age,
        social_worker=rule.social_worker,
        ehcp=rule.ehcp,
        tried_community=rule.tried_community,
        need_slugs=_slugs(rule.needs.all()),
        time_slugs=_slugs(rule.times.all()),
    )


def _search_word(word: SearchWord) -> records.SearchWord:
    return records.SearchWord(**search_words_listed(word.words, word.means))


def snapshot_build() -> records.Snapshot:
    """Everything the public pages need, read from the working copy in a fixed number of
    queries whatever the size of the offer: one function per kind of record."""
    statement = Statement.load()
    return records.Snapshot(
        schema_version=SCHEMA_VERSION,
        statement=_details(statement),
        sections=[_section(section) for section in statement.sections.select_related("tier")]
        if statement
        else [],
        tiers=[
            _tier(tier)
            for tier in Tier.objects.prefetch_related("eligibility_rules", "referral_routes")
        ],
        services=_services(),
        eligibility_rules=[
            _eligibility_rule(rule) for rule in EligibilityRule.objects.select_related("assessment")
        ],
        referral_routes=[
            _referral_route(route) for route in ReferralRoute.objects.prefetch_related("contacts")
        ],
        providers=[
            _provider(provider)
            for provider in Provider.objects.prefetch_related("contacts", "kinds")
        ],
        contacts=[
            _contact(contact)
            for contact in Contact.objects.prefetch_related("phones", "social_links")
        ],
        questions=[_question(q) for q in Question.objects.select_related("tier", "service")],
        stories=[
            _story(story) for story in FamilyStory.objects.prefetch_related("tiers", "services")
        ],
        glossary=[_glossary_term(term) for term in GlossaryTerm.objects.all()],
        figures=[_figure(figure) for figure in statement.figures.all()] if statement else [],
        family_views=[view.point for view in statement.family_views.all()] if statement else [],
        checker_rules=[
            _checker_rule(rule)
            for rule in CheckerRule.objects.select_related("tier").prefetch_related(
                "needs", "times"
            )
        ],
        taxonomies=records.Taxonomies(
            needs=_terms(Need), times=_terms(BreakTime), areas=_terms(Area)
        ),
        search_words=[_search_word(word) for word in SearchWord.objects.all()],
    )


def snapshot_digest(snapshot: records.Snapshot) -> str:
    """A short fingerprint of a snapshot: equal digests mean equal content."""
    return hashlib.sha256(msgspec.json.encode(snapshot)).hexdigest()


def snapshot_references_missing(snapshot: records.Snapshot) -> list[str]:
    """Every reference in the snapshot to a record it does not hold, in words: a
    snapshot with any would show families a service with no way to get it, for ever."""
    taxonomies = snapshot.taxonomies
    held = {
        "tier": {tier.id for tier in snapshot.tiers},
        "service": {service.id for service in snapshot.services},
        "eligibility rule": {rule.id for rule in snapshot.eligibility_rules},
        "referral route": {route.id for route in snapshot.referral_routes},
        "provider": {provider.id for provider in snapshot.providers},
        "contact": {contact.id for contact in snapshot.contacts},
        "needs": {term.slug for term in taxonomies.needs},
        "times": {term.slug for term in taxonomies.times},
        "areas": {term.slug for term in taxonomies.areas},
    }
    missing = []

    def check(where: str, kind: str, keys) -> None:
        for key in keys:
            if key is not None and key not in held[kind]:
                missing.append(f"{where} refers to a {kind} that is not in it ({key}).")

    for service in snapshot.services:
        where = f'Service "{service.name}"'
        check(where, "tier", [service.tier_id])
        check(where, "eligibility rule", service.rule_ids)
        check(where, "referral route", service.route_ids)
        check(where, "provider", service.provider_ids)
        check(where, "contact", service.contact_ids)
        check(where, "needs", service.need_slugs)
        check(where, "times", service.time_slugs)
        check(where, "areas", service.area_slugs)
    for tier in snapshot.tiers:
        check(f'Tier "{tier.name}"', "eligibility rule", tier.rule_ids)
        check(f'Tier "{tier.name}"', "referral route", tier.route_ids)
    for route in snapshot.referral_routes:
        check(f'Referral route "{route.title}"', "contact", route.contact_ids)
    for provider in snapshot.providers:
        check(f'Provider "{provider.name}"', "contact", provider.contact_ids)
    for rule in snapshot.checker_rules:
        check("A checker rule", "tier", [rule.tier_id])
        check("A checker rule", "needs", rule.need_slugs)
        check("A checker rule", "times", rule.time_slugs)
    return missing
