"""The published read model: an edition's snapshot made ready for the public pages and
the feed, kept per edition in each process; and the working copy read the same way for
the officers' preview."""

from functools import cached_property
from typing import Any

from core.prose import prose_plain
from core.wording import figure_text
from editions.cache import EditionMemo
from editions.models import Edition
from editions.selectors import edition_current
from editions.snapshot import snapshot_build, snapshot_upgrade
from offer.choices import OFFERED, SectionPlace, SectionPosition, ServiceStatus

from .figures import figure_charts
from .finder import FinderIndex, synonym_groups
from .glossary import GlossaryMatcher, terms_used

# The most services in no level the home page lists one by one.
HOME_SERVICES_LISTED = 30


class PublishedStatement:
    """A snapshot made ready for templates: references resolved into nested records and
    indexes by slug. Built once per edition and shared, so templates must not change it.
    """

    def __init__(self, data: dict[str, Any]):
        """`data` is this statement's own: its services are made ready in place (a
        large offer is not held twice while it is read)."""
        data = snapshot_upgrade(data)
        # Read first, while the snapshot's records still refer to each other by id.
        used = terms_used(GlossaryMatcher(data["glossary"]), data)
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
            tier["services"] = []  # offered now
            tier["planned"] = []  # being developed
            tier["paused"] = []
            tier["sections"] = []
        for section in self.sections:
            if section["place"] == SectionPlace.TIER and section["tier"] in tiers:
                tiers[section["tier"]]["sections"].append(section)

        # Services in no level (all of them, for a council that names no levels): read
        # like a level with nothing but a name and its services.
        untiered: dict[str, Any] = {
            **dict.fromkeys(
                ("caption", "summary", "who_it_is_for", "description", "stepping_up_and_down"), ""
            ),
            "eligibility_rules": [],
            "referral_routes": [],
            "sections": [],
            "slug": "services-in-no-level",
            "name": "Other short breaks" if tiers else "Short breaks",
            "services": [],
            "planned": [],
            "paused": [],
        }
        self.services: list[dict[str, Any]] = []
        for service in data["services"]:
            service["tier"] = tiers.get(service["tier"])
            for kind in ("needs", "times", "areas"):
                service[kind] = pick(terms[kind], service[kind])
            for kind, index in (
                ("providers", providers),
                ("eligibility_rules", rules),
                ("referral_routes", routes),
                ("contacts", contacts),
            ):
                service[kind] = pick(index, service[kind])
            service["applicable_rules"] = _applicable_rules(service)
            # Its own ways in, else its level's (which then apply to every service in it).
            service["ways_in"] = service["referral_routes"] or (
                service["tier"]["referral_routes"] if service["tier"] else []
            )
            service["offered"] = service["status"] in OFFERED
            service["ask_about_cost"] = _whom_to_ask(service)
            listed = "services" if service["offered"] else service["status"]
            (service["tier"] or untiered)[listed].append(service)
            for provider in service["providers"]:
                provider["services"].append(service)
            self.services.append(service)

        self.tiers = list(tiers.values())
        for tier in [*self.tiers, untiered]:
            tier["service_groups"] = _grouped(tier["services"])
        has_any = untiered["services"] or untiered["planned"] or untiered["paused"]
        self.services_without_tier = untiered if has_any else None
        # The levels in the whole statement's order, then the services in none.
        self.service_levels = [*self.tiers, *([untiered] if has_any else [])]
        self.providers = sorted(providers.values(), key=lambda p: p["name"].casefold())
        self.contacts = list(contacts.values())
        self.useful_contacts = [c for c in self.contacts if c["is_useful_contact"]]
        # Whom the home page says to call when a family is not sure where to start.
        self.first_contact = contacts.get(self.details.get("first_contact") or "")
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
                "anchor": f"story-{number}",
                "tiers": pick(tiers, story["tiers"]),
                "services": pick(services_by_id, story["services"]),
            }
            for number, story in enumerate(data["stories"], start=1)
        ]
        self.search_words = data["search_words"]
        # Only the terms some page uses, and any the council pinned, A to Z whatever
        # their capitals ("direct payment" before "EHCP"); only those are marked.
        self.glossary = sorted(
            (
                {**term, "meaning": prose_plain(term["explanation"])}
                for term in data["glossary"]
                if term["pinned"] or term["slug"] in used
            ),
            key=lambda term: (term["term"].casefold(), term["term"]),
        )
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
        if has_any:  # a page of its own, which the home page links to when it is long
            self._tiers_by_slug.setdefault(untiered["slug"], untiered)
        self._services_by_slug = {s["slug"]: s for s in self.services}
        self._providers_by_slug = {p["slug"]: p for p in self.providers}
        self._by_id = {
            "tier": tiers,
            "service": {s["id"]: s for s in self.services},
            "provider": providers,
        }

    @property
    def home_lists_services(self) -> bool:
        """Whether the home page lists the services in no level one by one; past
        HOME_SERVICES_LISTED (a directory brought in whole) it names their groups with
        counts and links to their own page instead."""
        untiered = self.services_without_tier
        return untiered is not None and len(untiered["services"]) <= HOME_SERVICES_LISTED

    @property
    def home_heading(self) -> str:
        """The council's own heading for the home page, else what the site is for."""
        place = self.details["area_name"] or self.details["council_name"]
        return self.details.get("home_heading") or (
            f"Short breaks for disabled children and young people in {place}"
        )

    def shows(self, page) -> bool:
        """Whether the statement has anything for `page` (a public.viewing.Page)."""
        return not page.shown_if or bool(getattr(self, page.shown_if))

    @property
    def has_needs_page(self) -> bool:
        """What families need: figures, what families told us, or sections put there."""
        return bool(self.figures or self.family_views or self.needs_sections)

    @cached_property
    def figure_columns(self) -> dict[str, bool]:
        """Which of the figures table's optional columns any figure fills."""
        return {
            "year": any(f["year"] for f in self.figures),
            "source": any(f["source"] or f["source_url"] for f in self.figures),
        }

    @cached_property
    def finder_index(self) -> FinderIndex:
        """The finder's lookups for the services offered now, made on the first search."""
        return FinderIndex(self.offered_services, synonym_groups(self.search_words))

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
        """The council's own text that comes before the levels in the whole statement."""
        return self._sections(SectionPosition.BEFORE)

    @property
    def sections_after(self) -> list[dict[str, Any]]:
        """The council's own text that comes after the levels in the whole statement."""
        return self._sections(SectionPosition.AFTER)

    def _sections(self, position: str) -> list[dict[str, Any]]:
        # A section placed on a level's page is read with that level.
        return [
            s
            for s in self.sections
            if s["position"] == position and s["place"] != SectionPlace.TIER
        ]

    def sections_in(self, place: str) -> list[dict[str, Any]]:
        """The sections the council placed on the home page, the 'what families need'
        page..."""
        return [s for s in self.sections if s["place"] == place]

    @property
    def home_sections(self) -> list[dict[str, Any]]:
        return self.sections_in(SectionPlace.HOME)

    @property
    def needs_sections(self) -> list[dict[str, Any]]:
        return self.sections_in(SectionPlace.NEEDS)

    def section_page(self, slug: str) -> dict[str, Any] | None:
        """A section the council gave a page of its own, by its address."""
        return self._section_pages.get(slug)

    @cached_property
    def _section_pages(self) -> dict[str, dict[str, Any]]:
        return {s["slug"]: s for s in self.sections_in(SectionPlace.OWN_PAGE)}

    @cached_property
    def offered_services(self) -> list[dict[str, Any]]:
        """Services families can have now, in the statement's order."""
        return [service for service in self.services if service["offered"]]

    @cached_property
    def provider_groups(self) -> list[dict[str, Any]]:
        """Providers under each kind the council gave them (a provider of several kinds
        is under each), kinds in alphabetical order, then any with no kind."""
        groups: dict[str, list] = {}
        unsorted = []
        for provider in self.providers:
            for kind in provider["kinds"]:
                groups.setdefault(kind["name"], []).append(provider)
            if not provider["kinds"]:
                unsorted.append(provider)
        ordered = [
            {"heading": name, "providers": groups[name]}
            for name in sorted(groups, key=str.casefold)
        ]
        if unsorted:
            ordered.append({"heading": "Other providers" if ordered else "", "providers": unsorted})
        return ordered


def _applicable_rules(service: dict[str, Any]) -> list[dict[str, Any]]:
    """Who can get a service: its own rules, then its tier's, each once. Both apply: a
    service's rules add to its tier's (see Service.eligibility_rules), so a family meets
    them all, and 'no assessment needed' means none of them asks for one. A service still
    being developed has only what the council says of it: its own rules."""
    rules = list(service["eligibility_rules"])
    if service["tier"] is not None and service["status"] != ServiceStatus.PLANNED:
        rules += service["tier"]["eligibility_rules"]
    return list({rule["id"]: rule for rule in rules}.values())


def _whom_to_ask(service: dict[str, Any]) -> str:
    """Whom a family asks about what the statement does not say (such as the cost): the
    first contact named on its ways in, else its own first contact."""
    named = [c for route in service["ways_in"] for c in route["contacts"]] + service["contacts"]
    return named[0]["name"] if named else ""


def _grouped(services: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Services under their group headings, in the order the groups first appear, each
    with an anchor a link can land on."""
    groups: dict[str, list] = {}
    for service in services:
        groups.setdefault(service["group"], []).append(service)
    return [
        {"heading": heading, "services": items, "anchor": f"group-{number}"}
        for number, (heading, items) in enumerate(groups.items(), start=1)
    ]


# Parsed editions are the largest thing a worker keeps (the current one holds its
# finder index too): the current edition, and one earlier edition being read. A pinned
# page is kept in the page cache once rendered, so its edition is rarely parsed again;
# reading other earlier editions never pushes the current one out, and the earlier one
# kept goes before the next is read, so two are never held beside the current.
_current_statements = EditionMemo(size=1)
_earlier_statements = EditionMemo(size=1, make_room_first=True)


def edition_statement(*, edition: Edition) -> PublishedStatement:
    """The edition's content, ready for templates (loads the snapshot on first use)."""
    current = edition_current()
    memo = _current_statements if current and current.uid == edition.uid else _earlier_statements
    return memo.get_or_make(str(edition.uid), lambda: PublishedStatement(edition.snapshot))


def statement_current() -> tuple[Edition, PublishedStatement] | None:
    """The current edition and its content, or None before the first publish."""
    edition = edition_current()
    if edition is None:
        return None
    return edition, edition_statement(edition=edition)


def working_copy_statement() -> PublishedStatement:
    """The working copy as the public pages would show it if published now (preview)."""
    return PublishedStatement(snapshot_build())
