"""A feed's services brought into the working copy, in step with what the officers did
since the last import (imports/sync.py), all in one transaction: a dry run, or a feed
that cannot be read, saves nothing."""

import json
import urllib.parse
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.text import slugify

from contacts.models import Contact
from core.slugs import SlugAllocator
from offer.choices import OFFERED
from offer.history import history_scope
from offer.models import (
    Area,
    BreakTime,
    EligibilityRule,
    Need,
    ReferralRoute,
    Service,
    Statement,
    Tier,
    Venue,
)
from providers.models import Provider

from ..models import ImportRun
from ..sync import FeedSync
from .mapping import WEBSITE_ROUTE, RecordReader, Related, ServiceIn
from .report import FeedReport, RecordChanges

Record = dict[str, Any]


@dataclass
class Selection:
    """Which of a feed's new services join the statement: every one, none, those with
    any of the chosen taxonomy terms, or those whose name or description holds any of
    the chosen words. The rest come in out of the statement, to be added later."""

    everything: bool = False
    terms: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)

    def includes(self, service: ServiceIn) -> bool:
        if self.everything:
            return True
        chosen = {term.casefold() for term in self.terms}
        if chosen & {term.casefold() for term in service.terms}:
            return True
        text = " ".join(
            [service.name, service.values.get("summary", ""), service.values.get("description", "")]
        ).casefold()
        return any(word.casefold() in text for word in self.words if word.strip())


EVERYTHING = Selection(everything=True)


def feed_source(location: str) -> str:
    """The name a feed is known by between imports: its services address, or a file's
    name."""
    if location.startswith(("http://", "https://")):
        parts = urllib.parse.urlsplit(location)
        path = parts.path.rstrip("/")
        if not path.endswith("/services"):
            path += "/services"
        return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))
    return location.replace("\\", "/").rsplit("/", 1)[-1]


def feed_import(
    *,
    services: list[Record],
    dry_run: bool,
    by: AbstractBaseUser | None = None,
    source: str,
    selection: Selection = EVERYTHING,
    progress: Callable[[str, int, int | None], None] | None = None,
) -> FeedReport:
    """Bring the feed's services into the working copy, all in one transaction, and (unless
    it is a dry run) keep an account of the run (ImportRun). `progress(stage, done,
    total)` hears how far it has got, a service at a time."""
    source = feed_source(source)
    report = FeedReport(dry_run=dry_run, source=source)
    with transaction.atomic(), history_scope(by=by, why=f"Imported from {source}", detailed=False):
        run = None if dry_run else ImportRun.objects.create(source=source[:500], run_by=_user(by))
        importer = _Importer(report=report, by=by, source=source, run=run, selection=selection)
        tracked = {key for kind, key in importer.sync.records if kind == "service"}
        for number, (key, record) in enumerate(_keyed(services, report, tracked), start=1):
            importer.service(record, key)
            if progress is not None:
                progress("Checking the services", number, len(services))
        importer.finish()
        if run is not None:
            report.run_id = run.pk
            run.added, run.changed = len(report.added), len(report.changed)
            run.unchanged, run.left = len(report.unchanged), len(report.left)
            run.conflicts = len(report.conflicts)
            run.report = report.as_data()
            run.save()
        if dry_run:
            transaction.set_rollback(True)
    return report


def _user(by: AbstractBaseUser | None) -> AbstractBaseUser | None:
    return by if by is not None and by.is_authenticated else None


def _keyed(
    services: list[Record], report: FeedReport, tracked: set[str]
) -> list[tuple[str, Record]]:
    """Each record with the key it is known by: its id. A feed that lists one id twice:
    the same record twice comes in once; two different records are both kept, the later
    known by its id and name ('s3#sitting-service'), which it keeps while it has that
    name, even once the other has gone. Both are reported."""
    keyed: list[tuple[str, Record]] = []
    seen: dict[str, list[str]] = {}
    for record in services:
        raw = record.get("id")
        name = str(record.get("name") or "")
        if raw in (None, ""):
            key = f"name:{name}"
            report.problem(
                "no id",
                name or "(no name)",
                "Has no id in the feed: it is matched by its name when the feed is imported again.",
            )
        else:
            key = str(raw)
        body = json.dumps(record, sort_keys=True, default=str)
        bodies = seen.setdefault(key, [])
        if body in bodies:
            report.problem(
                "duplicate id",
                name,
                f"Listed twice with id {key}, the same both times: brought in once.",
            )
            continue
        bodies.append(body)
        named = f"{key}#{slugify(name) or len(bodies)}"
        if len(bodies) > 1:
            report.problem(
                "duplicate id",
                name,
                f"Shares id {key} with another service in the feed: both are kept, this one "
                f"known here as {named}. Ask the directory to give each its own id.",
            )
        keyed.append((named if len(bodies) > 1 or named in tracked else key, record))
    return keyed


def _same_id(model, key: str) -> dict[str, uuid.UUID]:
    """A feed that names its records by permanent id (ours, or any that uses UUIDs): the
    new record keeps it, so links that name it (a family's list) keep working here."""
    try:
        uid = uuid.UUID(key)
    except ValueError:
        return {}
    return {} if model.objects.filter(uid=uid).exists() else {"uid": uid}


def _free_slug(model, name: str, given: dict, length: int = 100) -> str:
    """An address for a new record of `model` from its name, free in the working copy
    and among those this import gave already (one allocator per model per import)."""
    allocator = given.get(model)
    if allocator is None:
        allocator = given[model] = SlugAllocator(model, length=length)
    return allocator.free(name)


def _route_before(values: dict[str, Any]) -> ReferralRoute | None:
    """A route an import made before imports were tracked: the same words and link (a
    website route is every such service's own)."""
    if values["title"] == WEBSITE_ROUTE:
        return None
    return ReferralRoute.objects.filter(title=values["title"], link=values["link"]).first()


class _Importer:
    def __init__(self, *, report: FeedReport, by, source: str, run, selection: Selection):
        self.report = report
        self.selection = selection
        host = urllib.parse.urlsplit(source).netloc if "://" in source else ""
        self.reader = RecordReader(report=report, source_host=host)
        self.sync = FeedSync(source=source, by=by, run=run)
        self.slugs: dict[type, SlugAllocator] = {}
        statement = Statement.load()
        self.whole_area_names = (
            {n.casefold() for n in (statement.area_name, statement.council_name) if n}
            if statement
            else set()
        )
        self.terms = Counter()
        # The lists a feed's words are matched against, by name (any capitals), read once.
        self.named = {
            "needs": {n.name.casefold(): n for n in Need.objects.all()},
            "times": {t.name.casefold(): t for t in BreakTime.objects.all()},
            "time slugs": {t.slug: t for t in BreakTime.objects.all()},
            "levels": {t.name.casefold(): t for t in Tier.objects.all()},
            "areas": {a.name.casefold(): a for a in Area.objects.all()},
        }

    # Records a service links to --------------------------------------------------------

    def _related(self, kind: str, model, item: Related, make, adopt=lambda: None):
        outcome = self.sync.bring(
            kind=kind, key=item.key, model=model, values=item.values, make=make, adopt=adopt
        )
        if outcome.changes or outcome.added:
            self._note(kind, outcome)
        return outcome.record

    def _note(self, kind: str, outcome) -> None:
        """A record's changes for the run's page (an added record's fields are on its
        own history page)."""
        self.report.changes.append(
            RecordChanges(
                kind=str(type(outcome.record)._meta.verbose_name),
                name=str(outcome.record),
                action="added" if outcome.added else "changed",
                fields=[] if outcome.added else outcome.changes,
                object_id=outcome.record.pk,
            )
        )

    def _provider(self, item: Related | None) -> list[int]:
        if item is None:
            return []
        provider = self._related(
            "provider",
            Provider,
            item,
            make=lambda: Provider(
                **_same_id(Provider, item.key),
                source_id=item.key[:200],
                slug=_free_slug(Provider, item.values["name"], self.slugs, 50),
            ),
            adopt=lambda: Provider.objects.filter(source_id=item.key[:200]).first(),
        )
        return [provider.pk] if provider else []

    def _contacts(self, items: list[Related]) -> dict[str, int]:
        found = {}
        for item in items:
            name, email = item.values["name"], item.values["email"]
            contact = self._related(
                "contact",
                Contact,
                item,
                make=lambda name=name, item=item: Contact(
                    source_id=item.key[:200], slug=_free_slug(Contact, name, self.slugs)
                ),
                # A contact brought in before imports were tracked, or the same team
                # under another service of the feed with another id: its name and email.
                adopt=lambda name=name, email=email, item=item: (
                    Contact.objects.filter(source_id=item.key[:200]).first()
                    or Contact.objects.filter(name=name, email=email).first()
                ),
            )
            if contact is not None:
                found[item.key] = contact.pk
        return found

    def _routes(self, items: list[Related], contacts: dict[str, int]) -> list[int]:
        found = []
        for item in items:
            values = {
                **item.values,
                "contacts": sorted({contacts[k] for k in item.contact_keys if k in contacts}),
            }
            route = self._related(
                "route",
                ReferralRoute,
                Related(key=item.key, values=values),
                make=lambda item=item: ReferralRoute(**_same_id(ReferralRoute, item.key)),
                adopt=lambda values=values: _route_before(values),
            )
            if route is not None:
                found.append(route.pk)
        return sorted(set(found))

    def _rule(self, item: Related | None) -> list[int]:
        if item is None:
            return []
        rule = self._related(
            "rule",
            EligibilityRule,
            item,
            make=EligibilityRule,
            adopt=lambda: EligibilityRule.objects.filter(title=item.values["title"]).first(),
        )
        return [rule.pk] if rule else []

    # Needs, times, areas and levels, by their names here ----------------------------------

    def _terms(self, incoming: ServiceIn) -> dict[str, Any]:
        needs, times, areas, tier = set(), set(), set(), None
        whole_area, any_time = False, False
        named = self.named
        for label in incoming.times:
            time = named["times"].get(label.casefold()) or named["time slugs"].get(label)
            if time:
                times.add(time.pk)
        notes = []
        for words, rest in incoming.schedules:
            label, _, said = words.partition(":")
            time = named["times"].get(label.strip().casefold())
            if time is not None:
                times.add(time.pk)
                # Our own feed writes each time's standard description after its name.
                said = "" if said.strip() == time.description.strip() else said.strip()
                words = f"{time.name}: {said}" if said else ""
            elif words.strip().casefold() == "arranged to suit the family":
                any_time, words = True, ""
            line = "; ".join(part for part in (words, rest) if part)
            if line and line not in notes:
                notes.append(line)
        for name in incoming.areas:
            if name.casefold() in self.whole_area_names:
                whole_area = True
                continue
            area = named["areas"].get(name.casefold())
            if area is None:
                area = Area.objects.create(
                    name=name[:100], slug=_free_slug(Area, name, self.slugs, 60)
                )
                named["areas"][name.casefold()] = area
            areas.add(area.pk)
        for name in incoming.terms:
            self.terms[name] += 1
            key = name.casefold()
            if key in named["needs"]:
                needs.add(named["needs"][key].pk)
            elif key in named["times"]:
                times.add(named["times"][key].pk)
            elif key in named["levels"]:
                tier = named["levels"][key].pk
            elif key not in named["areas"]:
                self.report.not_brought(
                    "taxonomy term", name, "matches no need, time of break, area or level here"
                )
        when = "; ".join(notes)
        if len(when) > 500:
            self.report.problem(
                "too long",
                incoming.name,
                f"Its days and times are {len(when)} characters, more than the 500 kept "
                f"here: cut at a word. The whole text: {when}",
            )
            when = when[:499].rsplit(" ", 1)[0] + "…"
        values = {
            "needs": sorted(needs),
            "times": sorted(times),
            "any_time": any_time and not times,
            "when_note": when,
            "areas": sorted(areas),
            "whole_area": whole_area and not areas,
        }
        if tier is not None:
            values["tier"] = tier
        return values

    # A service ----------------------------------------------------------------------------

    def service(self, data: Record, key: str) -> None:
        incoming = self.reader.service(data, key)
        if incoming is None:
            return
        if incoming.status_skipped:
            self.report.skipped.append(f"{incoming.name} (status '{incoming.status_skipped}')")
            return
        providers = self._provider(incoming.provider)
        contacts = self._contacts(incoming.contacts)
        routes = self._routes(incoming.routes, contacts)
        on_routes = {k for route in incoming.routes for k in route.contact_keys}
        values = {
            **incoming.values,
            **self._terms(incoming),
            "providers": providers,
            "referral_routes": routes,
            "eligibility_rules": self._rule(incoming.rule),
            # Contacts not already on a way in: the service's other contacts.
            "contacts": sorted({pk for k, pk in contacts.items() if k not in on_routes}),
        }
        joins = self.selection.includes(incoming)
        # Families can have it now, but there is no way to: it waits out of the statement.
        if joins and not routes and values["status"] in OFFERED:
            self.report.problem(
                "no way in",
                incoming.name,
                "Has no way in (no contact, web address or how to apply), so it came in out "
                "of the statement: add a referral route, then put it in.",
            )
            joins = False
        name = incoming.values["name"]
        outcome = self.sync.bring(
            kind="service",
            key=key,
            model=Service,
            values=values,
            make=lambda: Service(
                **_same_id(Service, key),
                source_id=key[:200],
                slug=_free_slug(Service, name, self.slugs),
            ),
            adopt=lambda: Service.objects.filter(source_id=key[:200]).first(),
            on_create={"include_in_statement": joins},
        )
        if outcome.deleted_here:
            self.report.problem(
                "deleted here",
                name,
                "An officer deleted this service; the feed still lists it. It was not "
                "brought back.",
            )
            return
        service = outcome.record
        places_changed = self._places(service, incoming)
        if outcome.added:
            self.report.added.append(name)
            self.report.joining += joins
            self.report.not_joining += not joins
            self._note("service", outcome)
        elif outcome.changes or places_changed:
            self.report.changed.append(name)
            if outcome.changes:
                self._note("service", outcome)
        else:
            self.report.unchanged.append(name)

    def _places(self, service: Service, incoming: ServiceIn) -> bool:
        changed = False
        for order, item in enumerate(incoming.places, start=1):
            outcome = self.sync.bring(
                kind="place",
                key=item.key,
                model=Venue,
                values={**item.values, "order": order},
                make=lambda item=item: Venue(service=service, source_id=item.key[:200]),
                adopt=lambda item=item: Venue.objects.filter(
                    service=service, source_id=item.key[:200]
                ).first(),
            )
            if outcome.added or outcome.changes:
                changed = True
                self._note("place", outcome)
        return changed

    def finish(self) -> None:
        """Places that left the feed go if no officer changed them; services that left it
        are listed for withdrawal, never deleted."""
        for record in self.sync.gone("place"):
            venue = Venue.objects.filter(pk=record.object_id).first()
            if venue is None:
                continue
            reader = self.sync.reader(Venue)
            if all(reader.current(venue, f) == v for f, v in record.values.items()):
                venue.delete()
                record.delete()
                self.sync.records.pop((record.kind, record.key), None)
        for record in self.sync.gone("service"):
            service = Service.objects.filter(pk=record.object_id).first()
            if service is not None:
                self.report.left.append(
                    {
                        "id": service.pk,
                        "name": service.name,
                        "in_statement": service.include_in_statement,
                    }
                )
        self.sync.finish()
        self.report.conflicts = [
            {"record": c.name, "field": c.label, "officer": c.officer, "feed": c.feed}
            for c in self.sync.conflicts
        ]
        self.report.terms = dict(self.terms.most_common())
