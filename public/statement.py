"""The published read model: an edition's snapshot made ready for the public pages and
the feed, kept per edition in each process; and the working copy read the same way for
the officers' preview."""

from functools import cached_property
from typing import Any

from core.wording import figure_text
from editions.cache import EditionMemo
from editions.selectors import edition_current
from editions.snapshot import snapshot_build, snapshot_upgrade
from offer.choices import SectionKind
from offer.models import Edition

from .figures import figure_charts
from .finder import FinderIndex, searchable_text
from .glossary import GlossaryMatcher

_SECTIONS_BEFORE_TIERS = {
    SectionKind.INTRODUCTION,
    SectionKind.WHAT_SHORT_BREAKS_ARE,
    SectionKind.HOW_TO_GET,
}


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
            service["applicable_rules"] = _applicable_rules(service)
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


def _applicable_rules(service: dict[str, Any]) -> list[dict[str, Any]]:
    """Who can get a service: its own rules, then its tier's, each once. Both apply: a
    service's rules add to its tier's (see Service.eligibility_rules), so a family meets
    them all, and 'no assessment needed' means none of them asks for one."""
    rules = list(service["eligibility_rules"])
    if service["tier"] is not None:
        rules += service["tier"]["eligibility_rules"]
    return list({rule["id"]: rule for rule in rules}.values())


def _grouped(services: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Services under their group headings, in the order the groups first appear."""
    groups: dict[str, list] = {}
    for service in services:
        groups.setdefault(service["group"], []).append(service)
    return [{"heading": heading, "services": items} for heading, items in groups.items()]


_statements = EditionMemo()


def edition_statement(*, edition: Edition) -> PublishedStatement:
    """The edition's content, ready for templates (loads the snapshot on first use)."""
    return _statements.get_or_make(str(edition.uid), lambda: PublishedStatement(edition.snapshot))


def statement_current() -> tuple[Edition, PublishedStatement] | None:
    """The current edition and its content, or None before the first publish."""
    edition = edition_current()
    if edition is None:
        return None
    return edition, edition_statement(edition=edition)


def working_copy_statement() -> PublishedStatement:
    """The working copy as the public pages would show it if published now (preview)."""
    return PublishedStatement(snapshot_build())
