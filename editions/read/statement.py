"""An edition read once: its records (editions/snapshot/records.py) joined to what they
refer to, and every rule about a published service decided here, once, for every
reader (public pages, finder, checker, feed, what changed, coverage, reading ages).

Built once per edition and process (editions/selectors.py keeps them) and shared by
every page and thread: its records are frozen, and its lists must not be changed.
"""

from functools import cached_property
from typing import Any

from msgspec.structs import force_setattr

from core.glossary import GlossaryMatcher, terms_used
from core.prose import prose_plain
from core.wording import figure_text
from offer.choices import OFFERED, CostKind, SectionPlace, SectionPosition, ServiceStatus

from ..snapshot.records import (
    Ages,
    CheckerRule,
    Contact,
    Details,
    EligibilityRule,
    Figure,
    GlossaryTerm,
    Provider,
    Question,
    ReferralRoute,
    SearchWord,
    Section,
    Service,
    ServiceGroup,
    Snapshot,
    Story,
    Term,
    Tier,
    ages_stated,
    stored_texts,
)

# The address of the page of services in no level (a level with nothing but a name).
UNTIERED_SLUG = "services-in-no-level"


def _set(record: Any, **found: Any) -> None:
    """Fill in what was found for a record while its edition is read; never after."""
    for name, value in found.items():
        force_setattr(record, name, value)


def _pick(index: dict[str, Any], keys: list[str]) -> list[Any]:
    """The records `keys` refer to, in their order, leaving out any not held."""
    return [index[key] for key in keys if key in index]


class Statement:
    """One edition's content: every record with what it refers to, lookups by address
    and id, and the lists pages are made of."""

    # The published edition's own id (its pk), when it is one: what is worked out from it
    # is kept under it (editions/derived.py). None for the working copy.
    edition_id: int | None = None

    def __init__(self, snapshot: Snapshot, *, glossary_used: list[str] | None = None):
        """`snapshot` is this statement's own (freshly read or built): its records are
        filled in, so it is never read twice. `glossary_used`, the slugs of the glossary
        terms its texts use when they were worked out before (as it was published)."""
        self._snapshot = snapshot
        self._glossary_used = glossary_used
        self.details: Details = snapshot.statement
        self.sections: list[Section] = snapshot.sections
        taxonomies = snapshot.taxonomies
        self.needs: list[Term] = taxonomies.needs
        self.times: list[Term] = taxonomies.times
        self.areas: list[Term] = taxonomies.areas
        self.eligibility_rules: list[EligibilityRule] = snapshot.eligibility_rules
        self.referral_routes: list[ReferralRoute] = snapshot.referral_routes
        self.contacts: list[Contact] = snapshot.contacts
        self.search_words: list[SearchWord] = snapshot.search_words
        self.family_views: list[str] = snapshot.family_views

        contacts = {c.id: c for c in snapshot.contacts}
        rules = {r.id: r for r in snapshot.eligibility_rules}
        routes = {r.id: r for r in snapshot.referral_routes}
        providers = {p.id: p for p in snapshot.providers}
        tiers = {t.id: t for t in snapshot.tiers}
        terms = {
            "needs": {term.slug: term for term in taxonomies.needs},
            "times": {term.slug: term for term in taxonomies.times},
            "areas": {term.slug: term for term in taxonomies.areas},
        }
        for route in snapshot.referral_routes:
            _set(route, contacts=_pick(contacts, route.contact_ids))
        for provider in snapshot.providers:
            _set(provider, contacts=_pick(contacts, provider.contact_ids))
        for tier in snapshot.tiers:
            _set(
                tier,
                eligibility_rules=_pick(rules, tier.rule_ids),
                referral_routes=_pick(routes, tier.route_ids),
            )
        for section in self.sections:
            if section.place == SectionPlace.TIER and section.tier_id in tiers:
                tiers[section.tier_id].sections.append(section)

        # Services in no level (all of them, for a council that names no levels): read
        # like a level with nothing but a name and its services.
        untiered = Tier(
            id="",
            level="",
            name="Other short breaks" if tiers else "Short breaks",
            caption="",
            slug=UNTIERED_SLUG,
            summary="",
            who_it_is_for="",
            description="",
            stepping_up_and_down="",
            rule_ids=[],
            route_ids=[],
        )
        self.services: list[Service] = snapshot.services
        # Services with the same rules, level, ways in and ages are decided alike (as
        # most of a level's services are): each such answer worked out once.
        decided: dict[tuple, dict[str, Any]] = {}
        for service in self.services:
            tier = tiers.get(service.tier_id or "")
            _set(
                service,
                tier=tier,
                needs=_pick(terms["needs"], service.need_slugs),
                times=_pick(terms["times"], service.time_slugs),
                areas=_pick(terms["areas"], service.area_slugs),
                providers=_pick(providers, service.provider_ids),
                eligibility_rules=_pick(rules, service.rule_ids),
                referral_routes=_pick(routes, service.route_ids),
                contacts=_pick(contacts, service.contact_ids),
            )
            _decide(service, decided)
            listed = "services" if service.offered else service.status
            getattr(tier or untiered, listed).append(service)
            for provider in service.providers:
                provider.services.append(service)

        self.tiers: list[Tier] = snapshot.tiers
        for tier in [*self.tiers, untiered]:
            _set(tier, service_groups=_grouped(tier.services))
        has_any = untiered.services or untiered.planned or untiered.paused
        self.services_without_tier: Tier | None = untiered if has_any else None
        # The levels in the whole statement's order, then the services in none.
        self.service_levels: list[Tier] = [*self.tiers, *([untiered] if has_any else [])]
        self.providers: list[Provider] = sorted(snapshot.providers, key=lambda p: p.name.casefold())
        self.useful_contacts: list[Contact] = [c for c in self.contacts if c.is_useful_contact]
        # Whom the home page says to call when a family is not sure where to start.
        self.first_contact: Contact | None = contacts.get(self.details.first_contact or "")
        services = {service.id: service for service in self.services}
        self.questions: list[Question] = snapshot.questions
        for question in self.questions:
            _set(
                question,
                tier=tiers.get(question.tier_id or ""),
                service=services.get(question.service_id or ""),
            )
        self.stories: list[Story] = snapshot.stories
        for number, story in enumerate(self.stories, start=1):
            _set(
                story,
                anchor=f"story-{number}",
                tiers=_pick(tiers, story.tier_ids),
                services=_pick(services, story.service_ids),
            )
        self.all_glossary: list[GlossaryTerm] = snapshot.glossary
        self.figures: list[Figure] = snapshot.figures
        for figure in self.figures:
            _set(figure, text=figure_text(figure))
        self.all_checker_rules: list[CheckerRule] = snapshot.checker_rules
        for rule in snapshot.checker_rules:
            _set(rule, tier=tiers.get(rule.tier_id))
        self.checker_rules: list[CheckerRule] = [r for r in snapshot.checker_rules if r.tier]

        self._tiers_by_slug = {t.slug: t for t in self.tiers}
        if has_any:  # a page of its own, which the home page links to when it is long
            self._tiers_by_slug.setdefault(untiered.slug, untiered)
        self._services_by_slug = {s.slug: s for s in self.services}
        self._providers_by_slug = {p.slug: p for p in self.providers}
        self.by_id: dict[str, dict[str, Any]] = {
            "tier": tiers,
            "service": services,
            "provider": providers,
            "eligibility rule": rules,
            "referral route": routes,
            "contact": contacts,
        }

    @cached_property
    def glossary_terms_used(self) -> set[str]:
        """The slugs of the glossary terms some text of the edition uses: as worked out
        when it was published, else found now (the search reads every text)."""
        if self._glossary_used is not None:
            return set(self._glossary_used)
        snapshot = self._snapshot
        # Not the search words: they are what families type, never shown on a page.
        texts = stored_texts(
            [
                getattr(snapshot, part)
                for part in snapshot.__struct_fields__
                if part not in ("glossary", "search_words")
            ]
        )
        return terms_used(GlossaryMatcher(self.all_glossary), texts)

    @cached_property
    def glossary(self) -> list[GlossaryTerm]:
        """The terms some page uses, and any the council pinned, A to Z whatever their
        capitals ("direct payment" before "EHCP"); only those are marked on pages."""
        used = self.glossary_terms_used
        glossary = sorted(
            (term for term in self.all_glossary if term.pinned or term.slug in used),
            key=lambda term: (term.term.casefold(), term.term),
        )
        for term in glossary:
            _set(term, meaning=prose_plain(term.explanation))
        return glossary

    @cached_property
    def glossary_matcher(self) -> GlossaryMatcher:
        """Finds the listed glossary terms in a page's text, to mark them."""
        return GlossaryMatcher(self.glossary)

    @property
    def home_heading(self) -> str:
        """The council's own heading for the home page, else what the site is for."""
        place = self.details.area_name or self.details.council_name
        return self.details.home_heading or (
            f"Short breaks for disabled children and young people in {place}"
        )

    @property
    def has_needs_page(self) -> bool:
        """What families need: figures, what families told us, or sections put there."""
        return bool(self.figures or self.family_views or self.needs_sections)

    @cached_property
    def figure_columns(self) -> dict[str, bool]:
        """Which of the figures table's optional columns any figure fills."""
        return {
            "year": any(f.year for f in self.figures),
            "source": any(f.source or f.source_url for f in self.figures),
        }

    def tier(self, slug: str) -> Tier | None:
        return self._tiers_by_slug.get(slug)

    def service(self, slug: str) -> Service | None:
        return self._services_by_slug.get(slug)

    def provider(self, slug: str) -> Provider | None:
        return self._providers_by_slug.get(slug)

    def record(self, kind: str, uid: str) -> Any:
        """A record by its kind ('tier', 'service', 'provider'...) and permanent id."""
        return self.by_id[kind].get(uid)

    @property
    def sections_before(self) -> list[Section]:
        """The council's own text that comes before the levels in the whole statement."""
        return self._sections(SectionPosition.BEFORE)

    @property
    def sections_after(self) -> list[Section]:
        """The council's own text that comes after the levels in the whole statement."""
        return self._sections(SectionPosition.AFTER)

    def _sections(self, position: str) -> list[Section]:
        # A section placed on a level's page is read with that level.
        return [s for s in self.sections if s.position == position and s.place != SectionPlace.TIER]

    def sections_in(self, place: str) -> list[Section]:
        """The sections the council placed on the home page, the 'what families need'
        page..."""
        return [s for s in self.sections if s.place == place]

    @property
    def home_sections(self) -> list[Section]:
        return self.sections_in(SectionPlace.HOME)

    @property
    def needs_sections(self) -> list[Section]:
        return self.sections_in(SectionPlace.NEEDS)

    def section_page(self, slug: str) -> Section | None:
        """A section the council gave a page of its own, by its address."""
        return self._section_pages.get(slug)

    @cached_property
    def _section_pages(self) -> dict[str, Section]:
        return {s.slug: s for s in self.sections_in(SectionPlace.OWN_PAGE)}

    @cached_property
    def offered_services(self) -> list[Service]:
        """Services families can have now, in the statement's order."""
        return [service for service in self.services if service.offered]

    @cached_property
    def ages_served(self) -> Ages | None:
        """The ages the offer is for, as far as the statement says: from the youngest
        age any service on offer is for to the oldest. An end is unstated (None) when
        any service leaves it open or does not say, so no age is ever turned away on a
        limit the council did not give."""
        ages = [service.ages for service in self.offered_services]
        if not ages or any(a is None for a in ages):
            return None
        lows = [a.low for a in ages]
        highs = [a.high for a in ages]
        return ages_stated(
            None if None in lows else min(lows), None if None in highs else max(highs)
        )

    @cached_property
    def provider_groups(self) -> list[dict[str, Any]]:
        """Providers under each kind the council gave them (a provider of several kinds
        is under each), kinds in alphabetical order, then any with no kind."""
        groups: dict[str, list] = {}
        unsorted = []
        for provider in self.providers:
            for kind in provider.kinds:
                groups.setdefault(kind.name, []).append(provider)
            if not provider.kinds:
                unsorted.append(provider)
        ordered = [
            {"heading": name, "providers": groups[name]}
            for name in sorted(groups, key=str.casefold)
        ]
        if unsorted:
            ordered.append({"heading": "Other providers" if ordered else "", "providers": unsorted})
        return ordered


def _decide(service: Service, decided: dict[tuple, dict[str, Any]] | None = None) -> None:
    """What every reader needs to know about a service, decided once, here (`decided`
    keeps the answers for services whose rules, level, ways in, ages, status and cost
    are the same)."""
    key = (
        tuple(service.rule_ids),
        tuple(service.route_ids),
        service.tier.id if service.tier else None,
        service.own_rules_only,
        service.status,
        service.min_age,
        service.max_age,
        service.cost_kind,
        bool(service.cost),
        service.direct_payment,
    )
    found = decided.get(key) if decided is not None else None
    if found is None:
        rules = _applicable_rules(service)
        # Its own ways in, else its level's (which then apply to every service in it).
        ways_in = service.referral_routes or (service.tier.referral_routes if service.tier else [])
        found = {
            "offered": service.status in OFFERED,
            "applicable_rules": rules,
            "ages": _ages(service, rules),
            "no_assessment": _no_assessment(rules),
            "ways_in": ways_in,
            "costs_nothing": _costs_nothing(service),
            "takes_direct_payment": {"yes": True, "no": False}.get(service.direct_payment),
        }
        if decided is not None:
            decided[key] = found
    _set(service, **found)


def _costs_nothing(service: Service) -> bool | None:
    """Yes when the statement says it is free; not stated (ask) when it says nothing or
    that the cost depends on the family's assessment; otherwise no."""
    if service.cost_kind == CostKind.FREE:
        return True
    if service.cost_kind == CostKind.ASSESSED or not (service.cost_kind or service.cost):
        return None
    return False


def _applicable_rules(service: Service) -> list[EligibilityRule]:
    """Who can get a service: its own rules, then its tier's, each once. Both apply: a
    service's rules add to its tier's (see Service.eligibility_rules), so a family meets
    them all, and 'no assessment needed' means none of them asks for one. A service still
    being developed, or one the statement says is reached differently from its level
    (own_rules_only), has only its own rules."""
    rules = list(service.eligibility_rules)
    own_only = service.own_rules_only or service.status == ServiceStatus.PLANNED
    if service.tier is not None and not own_only:
        rules += service.tier.eligibility_rules
    return list({rule.id: rule for rule in rules}.values())


def _ages(service: Service, rules: list[EligibilityRule]) -> Ages | None:
    """The ages a service is for: its own, as the council gave them; else, when it gives
    none, those of the rules that apply to it, which a family meets all of (the highest
    youngest age, the lowest oldest age); else not stated (None). Rules that cannot all
    be met state nothing about ages a family could have."""
    own = ages_stated(service.min_age, service.max_age)
    if own is not None:
        return own
    stated = [rule.ages for rule in rules if rule.ages is not None]
    if not stated:
        return None
    lows = [ages.low for ages in stated if ages.low is not None]
    highs = [ages.high for ages in stated if ages.high is not None]
    ages = Ages(low=max(lows) if lows else None, high=min(highs) if highs else None)
    if ages.low is not None and ages.high is not None and ages.low > ages.high:
        return None
    return ages


def _no_assessment(rules: list[EligibilityRule]) -> bool | None:
    """Whether a family can use the service with no assessment: True when every rule
    that applies says none is needed, False when any names one, None (ask) when the
    service has no rules or a rule does not say."""
    if any(rule.assessment and not rule.assessment.none_needed for rule in rules):
        return False
    if rules and all(rule.assessment for rule in rules):
        return True
    return None


def _grouped(services: list[Service]) -> list[ServiceGroup]:
    """Services under their group headings, in the order the groups first appear, each
    with an anchor a link can land on."""
    groups: dict[str, list[Service]] = {}
    for service in services:
        groups.setdefault(service.group, []).append(service)
    return [
        ServiceGroup(heading=heading, services=items, anchor=f"group-{number}")
        for number, (heading, items) in enumerate(groups.items(), start=1)
    ]
