"""An Open Referral UK feed (HSDS 3.0 UK profile; version 1's names where simple:
`content`, `last`/`totalPages`, `fees`, `eligibilitys`, `physical_addresses`) into the
working copy: services, their organisations (as providers),
contacts and phones, eligibility and ages, costs, times, areas, places and needs.

Each record keeps the feed's id (`source_id`), so importing the feed again updates what
it added rather than adding it twice. What has no place here is reported, never guessed
at. Everything goes in one transaction: a dry run, or a feed that cannot be read, saves
nothing.
"""

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.text import slugify

from contacts.models import Contact, ContactPhone
from contacts.validators import phone_digits
from offer.choices import ServiceStatus
from offer.history import history_record
from offer.models import (
    Area,
    BreakTime,
    EligibilityRule,
    Need,
    RecordChange,
    ReferralRoute,
    Service,
    Statement,
    Tier,
    Venue,
)
from providers.models import Provider

Record = dict[str, Any]

TIMEOUT_SECONDS = 15
MAX_BYTES = 20 * 1024 * 1024  # one answer from the feed, or one uploaded file
PER_PAGE = 100
MAX_PAGES = 500

_STATUS = {
    "active": ServiceStatus.AVAILABLE,
    "inactive": ServiceStatus.PLANNED,
    "temporarily closed": ServiceStatus.PAUSED,
}
# Fields of a service we read; any other with a value is reported as not brought in.
_READ = {
    "id", "name", "description", "status", "email", "url", "organization", "organization_id",
    "contacts", "phones", "cost_options", "schedules", "service_areas", "service_at_locations",
    "attributes", "eligibility_description", "minimum_age", "maximum_age", "last_modified",
    "assured_date", "application_process", "fees", "fees_description", "eligibility",
    "service_attributes", "taxonomy_terms", "alternate_name", "eligibilitys",
}  # fmt: skip


class FeedProblem(Exception):
    """The feed cannot be read; the message says why, in plain words."""


# Reading ------------------------------------------------------------------------------


def _get_json(url: str) -> Any:
    request = urllib.request.Request(
        url, headers={"Accept": "application/json", "User-Agent": "short-breaks-statement"}
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:
            body = answer.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise FeedProblem(
            f"The feed answered {url} with an error ({error.code} {error.reason}). Check "
            "the address, or try again later."
        ) from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, TimeoutError) or "timed out" in str(reason):
            raise FeedProblem(
                f"The feed did not answer {url} within {TIMEOUT_SECONDS} seconds."
            ) from None
        raise FeedProblem(f"We could not reach {url}: {reason}.") from None
    return _parse(body, where=url)


def _parse(body: bytes, *, where: str) -> Any:
    if len(body) > MAX_BYTES:
        raise FeedProblem(f"{where} is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    try:
        return json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise FeedProblem(
            f"{where} did not send JSON: is it the address of an Open Referral UK feed "
            "(ending /services or the feed's root)?"
        ) from None


def _items(page: Any, *, where: str) -> list[Record]:
    """The services on one page: {"contents": [...]} (v3), {"content": [...]} or a
    list (v1), or one service on its own."""
    if isinstance(page, list):
        items = page
    elif isinstance(page, dict) and isinstance(page.get("contents"), list):
        items = page["contents"]
    elif isinstance(page, dict) and isinstance(page.get("content"), list):
        items = page["content"]
    elif isinstance(page, dict) and "name" in page and "id" in page:
        items = [page]
    else:
        raise FeedProblem(f"{where} is JSON, but not a list of Open Referral UK services.")
    if not all(isinstance(item, dict) and item.get("id") for item in items):
        raise FeedProblem(f"{where} lists services without an id.")
    return items


def _services_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    path = parts.path.rstrip("/")
    if not path.endswith("/services"):
        path += "/services"
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def feed_from_url(url: str) -> list[Record]:
    """Every service of the feed at `url` (its root or /services), page by page, each
    whole (a list that gives only summaries is followed to /services/{id})."""
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise FeedProblem("Give the feed's web address, starting https://.")
    base = _services_url(url)
    services: list[Record] = []
    for number in range(1, MAX_PAGES + 1):
        page_url = f"{base}?{urllib.parse.urlencode({'page': number, 'per_page': PER_PAGE})}"
        page = _get_json(page_url)
        items = _items(page, where=page_url)
        for item in items:
            if "contacts" not in item and "service_at_locations" not in item:
                detail_url = f"{base}/{urllib.parse.quote(str(item['id']))}"
                item = _get_json(detail_url)
                if not isinstance(item, dict) or not item.get("id"):
                    raise FeedProblem(f"{detail_url} did not give the whole service.")
            services.append(item)
        # Version 3 says last_page and total_pages; version 1, last and totalPages.
        last = (
            not isinstance(page, dict) or page.get("last_page", page.get("last", True)) or not items
        )
        total = page.get("total_pages", page.get("totalPages")) if isinstance(page, dict) else None
        if last or (isinstance(total, int) and number >= total):
            return services
    raise FeedProblem(f"The feed has more than {MAX_PAGES} pages; import it in parts.")


def feed_from_file(content: bytes, *, name: str = "the file") -> list[Record]:
    """The services in an uploaded JSON file (a page of the feed, a list or one)."""
    if not content.strip():
        raise FeedProblem(f"{name} is empty.")
    return _items(_parse(content, where=name), where=name)


# Bringing it in ----------------------------------------------------------------------


@dataclass
class FeedReport:
    dry_run: bool
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    # What could not be brought in, in words, with how many services it was.
    not_mapped: Counter = field(default_factory=Counter)

    @property
    def not_mapped_lines(self) -> list[str]:
        return [
            f"{what} ({count} service{'s' if count != 1 else ''})"
            for what, count in self.not_mapped.most_common()
        ]


def feed_import(
    *, services: list[Record], dry_run: bool, by: AbstractBaseUser | None = None, source: str
) -> FeedReport:
    """Bring the feed's services into the working copy, all in one transaction."""
    report = FeedReport(dry_run=dry_run)
    with transaction.atomic():
        importer = _Importer(report=report, by=by, source=source)
        for record in services:
            importer.service(record)
        if dry_run:
            transaction.set_rollback(True)
    return report


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


class _Importer:
    def __init__(self, *, report: FeedReport, by, source: str):
        self.report = report
        self.by = by
        self.source = source
        statement = Statement.load()
        self.whole_area_names = (
            {n.casefold() for n in (statement.area_name, statement.council_name) if n}
            if statement
            else set()
        )

    def _note(self, record, *, added: bool) -> None:
        history_record(
            record=record,
            action=RecordChange.Action.ADDED if added else RecordChange.Action.CHANGED,
            by=self.by,
            fields=[{"field": "Imported from", "old": "", "new": self.source}],
        )

    def service(self, data: Record) -> None:
        name = _text(data.get("name"))
        status = _text(data.get("status")).lower() or "active"
        if not name:
            self.report.not_mapped["A service with no name was left out"] += 1
            return
        if status not in _STATUS:
            self.report.skipped.append(f"{name} (status '{status}')")
            return
        for key, value in data.items():
            if key not in _READ and value not in (None, "", [], {}):
                self.report.not_mapped[f"'{key}' has no place here"] += 1
        if _text(data.get("url")):
            self.report.not_mapped["A service's own web address (url) has no place here"] += 1

        service = Service.objects.filter(source_id=str(data["id"])).first()
        added = service is None
        if added:
            service = Service(source_id=str(data["id"]), include_in_statement=True)
            service.slug = _free_slug(Service, name)
        summary, description = _summary_and_description(_text(data.get("description")), name)
        service.name = name[:200]
        service.summary = summary or name
        service.description = description
        service.status = _STATUS[status]
        v1_rules = [e for e in data.get("eligibilitys") or [] if isinstance(e, dict)]
        if v1_rules and data.get("minimum_age") is None and data.get("maximum_age") is None:
            data = {
                **data,
                "minimum_age": v1_rules[0].get("minimum_age"),
                "maximum_age": v1_rules[0].get("maximum_age"),
            }
        low, high = _age(data.get("minimum_age")), _age(data.get("maximum_age"))
        if low is not None and high is not None and low > high:
            low = high = None
            self.report.not_mapped["Ages where the youngest is older than the oldest"] += 1
        service.min_age, service.max_age = low, high
        for key in ("minimum_age", "maximum_age"):
            if data.get(key) not in (None, "") and _age(data.get(key)) is None:
                self.report.not_mapped["Ages outside 0 to 25"] += 1
        self._costs(service, data.get("cost_options") or [])
        if not data.get("cost_options") and _text(data.get("fees")):
            service.cost = _text(data["fees"])[:300]  # version 1: fees in words
        service.save()
        self._note(service, added=added)

        provider = self._provider(data.get("organization"))
        service.providers.set([provider] if provider else [])
        contacts = self._contacts(data, name)
        service.contacts.set(contacts)
        service.referral_routes.set(self._routes(data, name, contacts))
        rule = self._rule(data, name)
        service.eligibility_rules.set([rule] if rule else [])
        self._terms(service, data)
        self._places(service, data.get("service_at_locations") or [])
        (self.report.added if added else self.report.updated).append(name)

    def _costs(self, service: Service, options: list[Record]) -> None:
        words, service.free, service.direct_payment = [], False, ""
        for option in options:
            if not isinstance(option, dict):
                continue
            if _text(option.get("option")).lower() == "direct payment":
                service.direct_payment = "yes"
                continue
            described = _text(option.get("amount_description"))
            amount = option.get("amount")
            if described.lower() == "free" or (amount == 0 and not described):
                service.free = True
                continue
            if described:
                words.append(described)
            elif isinstance(amount, int | float):
                words.append(f"£{amount:,.2f}".replace(".00", ""))
        service.cost = "; ".join(words)[:300]

    def _provider(self, data: Any) -> Provider | None:
        if not isinstance(data, dict) or not _text(data.get("name")):
            return None
        source = str(data.get("id") or data["name"])
        provider = Provider.objects.filter(source_id=source).first()
        added = provider is None
        if added:
            provider = Provider(source_id=source, slug=_free_slug(Provider, data["name"], 50))
        provider.name = _text(data["name"])[:200]
        provider.description = _text(data.get("description"))
        provider.website = _url(data.get("website") or data.get("url"))
        provider.save()
        if added:
            self._note(provider, added=True)
        return provider

    def _contacts(self, data: Record, service_name: str) -> list[Contact]:
        found = []
        for item in data.get("contacts") or []:
            if isinstance(item, dict) and _text(item.get("name")):
                found.append(self._contact(item, item["name"]))
        phones = [p for p in data.get("phones") or [] if isinstance(p, dict)]
        email = _text(data.get("email"))
        listed = {(c.email or "").lower() for c in found}
        if phones or (email and email.lower() not in listed):
            # The service's own phone numbers and email: a contact named after it.
            record = {"id": f"{data['id']}:service", "email": email, "phones": phones}
            found.append(self._contact(record, service_name))
        return found

    def _contact(self, data: Record, name: str) -> Contact:
        source = str(data.get("id") or name)
        email = _text(data.get("email"))
        email = email if "@" in email else ""
        # A feed may give the same team a different id under each service: the same
        # name and email is the same contact.
        contact = (
            Contact.objects.filter(source_id=source).first()
            or Contact.objects.filter(name=_text(name)[:200], email=email).first()
        )
        added = contact is None
        if added:
            contact = Contact(source_id=source, slug=_free_slug(Contact, name))
        contact.name = _text(name)[:200]
        contact.email = email
        contact.save()
        numbers = []
        for phone in data.get("phones") or []:
            number = _text(phone.get("number")) if isinstance(phone, dict) else ""
            if phone_digits(number):
                numbers.append((number, _text(phone.get("description"))[:100]))
            elif number:
                self.report.not_mapped["A phone number that is not a UK number"] += 1
        contact.phones.all().delete()
        ContactPhone.objects.bulk_create(
            ContactPhone(contact=contact, number=number, label=label, order=order)
            for order, (number, label) in enumerate(numbers, start=1)
        )
        if added:
            self._note(contact, added=True)
        return contact

    def _routes(self, data: Record, name: str, contacts: list[Contact]) -> list[ReferralRoute]:
        """How to get it: the feed's application process if it gives one, else getting
        in touch with each of its contacts (one route per contact, shared)."""
        process = _text(data.get("application_process"))
        if process:
            route, _ = ReferralRoute.objects.get_or_create(
                title=f"How to apply for {name}"[:200], defaults={"steps": process}
            )
            route.contacts.set(contacts)
            return [route]
        routes = []
        for contact in contacts:
            route, _ = ReferralRoute.objects.get_or_create(title=f"Contact {contact.name}"[:200])
            route.contacts.set([contact])
            routes.append(route)
        return routes

    def _rule(self, data: Record, name: str) -> EligibilityRule | None:
        criteria = _text(data.get("eligibility_description")) or "\n\n".join(
            _text(e.get("eligibility"))
            for e in data.get("eligibilitys") or []  # version 1
            if isinstance(e, dict) and _text(e.get("eligibility"))
        )
        if not criteria:
            return None
        rule, _ = EligibilityRule.objects.get_or_create(title=f"Who can use {name}"[:200])
        rule.criteria = criteria
        rule.save()
        return rule

    def _terms(self, service: Service, data: Record) -> None:
        """Needs, times, areas and the level, by their names in the working copy."""
        needs, times, areas, tier = [], [], [], None
        whole_area = False
        for schedule in data.get("schedules") or []:
            words = _text(schedule.get("description")) if isinstance(schedule, dict) else ""
            label = words.split(":")[0].strip()
            time = BreakTime.objects.filter(name__iexact=label).first()
            if time:
                times.append(time)
            elif label.lower() == "arranged to suit the family":
                service.any_time = True
            elif words:
                self.report.not_mapped["A schedule that names none of our times of break"] += 1
        for area_data in data.get("service_areas") or []:
            area_name = _text(area_data.get("name")) if isinstance(area_data, dict) else ""
            if not area_name:
                continue
            if area_name.casefold() in self.whole_area_names:
                whole_area = True
                continue
            area = Area.objects.filter(name__iexact=area_name).first()
            if area is None:
                area = Area.objects.create(name=area_name[:100], slug=_free_slug(Area, area_name))
            areas.append(area)
        for attribute in data.get("attributes") or []:
            term = attribute.get("taxonomy_term") if isinstance(attribute, dict) else None
            term_name = _text(term.get("name")) if isinstance(term, dict) else ""
            if not term_name:
                continue
            need = Need.objects.filter(name__iexact=term_name).first()
            time = BreakTime.objects.filter(name__iexact=term_name).first()
            level = Tier.objects.filter(name__iexact=term_name).first()
            if need:
                needs.append(need)
            elif time:
                times.append(time)
            elif level:
                tier = level
            elif not Area.objects.filter(name__iexact=term_name).exists():
                self.report.not_mapped["A taxonomy term that matches no need, time or level"] += 1
        service.needs.set(needs)
        service.times.set(set(times))
        service.areas.set(areas)
        service.whole_area = whole_area and not areas
        if tier is not None:
            service.tier = tier
        service.save()

    def _places(self, service: Service, items: list[Record]) -> None:
        kept = []
        for item in items:
            location = item.get("location") if isinstance(item, dict) else None
            if not isinstance(location, dict):
                continue
            found = location.get("addresses") or location.get("physical_addresses") or []
            addresses = [a for a in found if isinstance(a, dict)]
            address = addresses[0] if addresses else {}
            source = str(location.get("id") or item.get("id") or "")
            venue = Venue.objects.filter(service=service, source_id=source).first() or Venue(
                service=service, source_id=source
            )
            venue.name = _text(location.get("name"))[:200] or service.name[:200]
            venue.address = _text(address.get("address_1"))[:200]
            venue.town = _text(address.get("city"))[:100]
            venue.postcode = _text(address.get("postal_code"))[:10]
            access = [a for a in location.get("accessibility") or [] if isinstance(a, dict)]
            venue.accessibility = _text(access[0].get("description"))[:300] if access else ""
            venue.order = len(kept) + 1
            venue.save()
            kept.append(venue.pk)
        service.venues.exclude(pk__in=kept).delete()


def _summary_and_description(text: str, name: str) -> tuple[str, str]:
    """The first paragraph as the summary, the rest as the description (less the line
    our own feed adds naming the providers)."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    if paragraphs and re.fullmatch(r"Provided by .+\.", paragraphs[-1]):
        paragraphs.pop()
    if not paragraphs:
        return "", ""
    return paragraphs[0], "\n\n".join(paragraphs[1:])


def _age(value: Any) -> int | None:
    try:
        age = int(value)
    except (TypeError, ValueError):
        return None
    return age if 0 <= age <= 25 else None


def _url(value: Any) -> str:
    text = _text(value)
    return text if re.match(r"https?://", text) else ""


def _free_slug(model, name: str, length: int = 100) -> str:
    base = (slugify(name) or "item")[: length - 6]
    candidate, number = base, 1
    while model.objects.filter(slug=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate
