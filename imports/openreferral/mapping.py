"""One record of an Open Referral UK feed (version 1 or 3, a list entry or a whole
record) read into what the working copy holds, field by field, before anything is saved.

Text arrives as HTML as often as not: long text becomes officers' Markdown, names and
short facts plain words (core/from_html.py). Each field goes where the working copy has
a place for it; whatever has none is counted in the report with examples, and values of
the wrong type are reported, never guessed at.
"""

import datetime
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from contacts.validators import phone_digits
from core.from_html import markdown_from_html, summary_and_description, text_from_html
from offer.choices import Attendance, CostKind, PlaceFeature, ServiceStatus
from offer.models import postcode_normalised

from .fetch import DETAILS_MISSING
from .report import FeedReport, Fields

Values = dict[str, Any]

# The longest each text the working copy keeps may be (the models' own limits).
NAME_CHARACTERS = 200
COST_CHARACTERS = 300
WHEN_CHARACTERS = 500
ACCESS_CHARACTERS = 300

STATUSES = {
    "active": ServiceStatus.AVAILABLE,
    "inactive": ServiceStatus.PLANNED,
    "temporarily closed": ServiceStatus.PAUSED,
}
# Version 1's attending_access, and words a version 3 feed uses for it.
_ATTENDANCE = {
    "drop-in": Attendance.DROP_IN,
    "drop in": Attendance.DROP_IN,
    "appointment": Attendance.APPOINTMENT,
    "referral": Attendance.REFERRAL,
    "membership": Attendance.MEMBERSHIP,
}
# Version 1's attending_type: where a service happens.
_ATTENDING = {
    "venue": "away_from_home",
    "in person": "away_from_home",
    "home visit": "in_family_home",
    "home": "in_family_home",
    "online": "online",
    "phone": "by_phone",
    "telephone": "by_phone",
}
# Words a place's accessibility gives for what families of disabled children ask about.
_FEATURES = [
    (PlaceFeature.STEP_FREE, r"step[- ]?free|wheelchair (accessible|access)|level access"),
    (PlaceFeature.CHANGING_PLACES, r"changing places"),
    (PlaceFeature.HOIST, r"\bhoists?\b"),
    (PlaceFeature.HEARING_LOOP, r"hearing loop|induction loop|\bloop system"),
]
_FEATURE_NAMES = {label.casefold() for label in PlaceFeature.labels}
_DAYS = {
    "MO": "Mondays", "TU": "Tuesdays", "WE": "Wednesdays", "TH": "Thursdays",
    "FR": "Fridays", "SA": "Saturdays", "SU": "Sundays",
}  # fmt: skip
# Standard times of break (offer/standard_lists.py) a schedule states in its own terms.
WEEKENDS, EVENINGS = "weekends", "evenings"
# The way in of a service a directory gives only a web address for.
WEBSITE_ROUTE = "Visit their website"


@dataclass
class Related:
    """A record the service links to (a provider, contact, route, rule or place): its
    key in the feed and its fields as the working copy holds them."""

    key: str
    values: Values
    # A route's contacts, by their keys among the service's contacts.
    contact_keys: list[str] = field(default_factory=list)


@dataclass
class ServiceIn:
    """A feed's service, read and ready to compare with the working copy."""

    key: str
    name: str
    values: Values
    provider: Related | None = None
    contacts: list[Related] = field(default_factory=list)
    routes: list[Related] = field(default_factory=list)
    rule: Related | None = None
    places: list[Related] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)
    times: list[str] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)  # every taxonomy term, for choosing
    # Each schedule's own words and what its days and times say: the words may name a
    # time of break ('Weekends: ...'), and whatever is left is the days and times.
    schedules: list[tuple[str, str]] = field(default_factory=list)
    whole_area_named: bool = False
    status_skipped: str = ""  # a status we do not bring in ('defunct'): left out


def _cut(text: str, limit: int, *, what: str, service: str, report: FeedReport) -> str:
    if len(text) <= limit:
        return text
    report.problem(
        "too long",
        service,
        f"The {what} is {len(text)} characters, more than the {limit} kept here: it was cut "
        f"at a word and ends with '…'. The whole {what}: {text}",
    )
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _web_address(value: str) -> str:
    text = value.strip()
    if text.lower().startswith("www."):
        text = "https://" + text
    parts = urlsplit(text)
    return text if parts.scheme in ("http", "https") and parts.netloc and " " not in text else ""


def _date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _age(number: int | None) -> int | None:
    return number if number is not None and 0 <= number <= 25 else None


def _hour_of(value: str) -> int:
    match = re.match(r"\s*(\d{1,2}):", value)
    return int(match[1]) if match else -1


def _hour(value: str) -> str:
    """'16:00:00' -> '4pm', '09:30' -> '9:30am' ('' if it is not a time)."""
    match = re.fullmatch(r"(\d{1,2}):(\d{2})(?::\d{2})?", value.strip())
    if not match:
        return ""
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59:
        return ""
    suffix = "am" if hour < 12 else "pm"
    shown = hour % 12 or 12
    return f"{shown}{suffix}" if minute == 0 else f"{shown}:{minute:02d}{suffix}"


class RecordReader:
    """Reads one feed record; `source_host` is the feed's own site, whose pages are the
    directory's pages about a service, not the service's own website."""

    def __init__(self, *, report: FeedReport, source_host: str = ""):
        self.report = report
        self.source_host = source_host

    def service(self, data: dict[str, Any], key: str) -> ServiceIn | None:
        report = self.report
        raw_name = data.get("name")
        label = text_from_html(str(raw_name)) if isinstance(raw_name, str | int) else ""
        record = Fields(data, "", report, label or f"id {key}")
        name = text_from_html(record.text("name"))
        if not name:
            report.problem(
                "no name", f"id {key}", "A service with no name was left out: name it in the feed."
            )
            return None
        service = ServiceIn(key=key, name=name, values={})
        if data.get(DETAILS_MISSING):
            report.problem(
                "no details",
                name,
                "The feed would not give this service's whole record: only what its list "
                "says was brought in.",
            )
        values = service.values
        values["name"] = _cut(name, NAME_CHARACTERS, what="name", service=name, report=report)
        service.name = name = values["name"]  # as the officer will know it here
        # Where and how it happens: unstated unless the feed says (_attending, _schedules).
        values.update(
            online=False,
            by_phone=False,
            in_family_home=False,
            away_from_home=False,
            attendance=Attendance.NOT_STATED,
        )
        status = record.text("status").lower() or "active"
        if status not in STATUSES:
            service.status_skipped = status
            return service
        values["status"] = STATUSES[status]

        description = markdown_from_html(record.text("description"))
        summary, rest = summary_and_description(_without_provided_by(description))
        if not summary:
            report.problem(
                "no words",
                name,
                "Has no description once its formatting is taken out: write a summary before "
                "publishing.",
            )
        values["summary"], values["description"] = summary, rest
        self._website(record, values, name)
        reviewed = record.text("assured_date")
        if reviewed:
            date = _date(reviewed)
            if date is None:
                record.wrong("assured_date", reviewed, "a date")
            values["last_reviewed_on"] = date.isoformat() if date else None
        self._ages(record, values)
        self._cost(record, values, name)
        self._attending(record, values)
        self._schedules(record, service)
        service.provider = self._provider(record.object("organization"))
        self._contacts(record, service)
        self._routes(record, service)
        service.rule = self._rule(record, service)
        self._areas(record, service)
        self._taxonomy(record, service)
        self._places(record, service)
        record.skip("organization_id", "program_id", DETAILS_MISSING)
        record.done()
        return service

    # A service's own facts ---------------------------------------------------------

    def _website(self, record: Fields, values: Values, name: str) -> None:
        url = record.text("url")
        if not url:
            return
        address = _web_address(url)
        if not address:
            self.report.not_brought("url", url, "is not a web address")
        elif self.source_host and urlsplit(address).netloc == self.source_host:
            self.report.not_brought(
                "url", url, "is the directory's own page about the service, not its website"
            )
        else:
            values["website"] = address

    def _ages(self, record: Fields, values: Values) -> None:
        low, high = record.number("minimum_age"), record.number("maximum_age")
        for rule in record.objects("eligibilitys"):  # version 1 keeps ages here
            low = rule.number("minimum_age") if low is None else low
            high = rule.number("maximum_age") if high is None else high
            rule.skip("eligibility", "minimum_age", "maximum_age")
            rule.done()
        outside = [age for age in (low, high) if age is not None and _age(age) is None]
        if outside:
            self.report.not_brought(
                "minimum_age/maximum_age", outside, "is outside the 0 to 25 this statement covers"
            )
        low, high = _age(low), _age(high)
        if low is not None and high is not None and low > high:
            self.report.not_brought(
                "minimum_age/maximum_age", [low, high], "has the youngest older than the oldest"
            )
            low = high = None
        values["min_age"], values["max_age"] = low, high

    def _cost(self, record: Fields, values: Values, name: str) -> None:
        words, free, direct_payment = [], False, ""
        for option in record.objects("cost_options"):
            kind = text_from_html(option.text("option"))
            described = text_from_html(option.text("amount_description"))
            amount = option.raw("amount")
            option.skip("valid_from", "valid_to", "currency")
            option.done()
            if kind.lower() == "direct payment":
                direct_payment = "yes"
            elif described.lower() == "free" or (amount in (0, "0") and not described):
                free = True
            elif described:
                words.append(described)
            elif isinstance(amount, int | float) and not isinstance(amount, bool):
                words.append(f"£{amount:,.2f}".replace(".00", ""))
            elif _meaningful(amount):
                option.wrong("amount", amount, "a number")
        fees = text_from_html(record.text("fees_description") or record.text("fees"))
        if fees and fees not in words:
            if fees.lower() == "free":
                free = True
            else:
                words.append(fees)
        cost = "; ".join(words)
        values["cost"] = _cut(cost, COST_CHARACTERS, what="cost", service=name, report=self.report)
        values["cost_kind"] = CostKind.FREE if free else CostKind.NOT_STATED
        values["direct_payment"] = direct_payment

    def _attending(self, record: Fields, values: Values) -> None:
        for key in ("attending_type", "attending_access"):
            value = record.raw(key)
            words = value if isinstance(value, list) else [value]
            for word in (str(w).strip() for w in words if _meaningful(w)):
                if key == "attending_access" and word.lower() in _ATTENDANCE:
                    values["attendance"] = _ATTENDANCE[word.lower()]
                elif key == "attending_type" and word.lower() in _ATTENDING:
                    values[_ATTENDING[word.lower()]] = True
                else:
                    self.report.not_brought(key, word, "names nothing this statement says")

    def _schedules(self, record: Fields, service: ServiceIn) -> None:
        """Days and times in words; the standard times a schedule states (weekends,
        evenings) or names; where it happens (version 3's attending_type)."""
        schedules = [
            *record.objects("schedules"),
            *record.objects("regular_schedules"),
            *record.objects("holiday_schedules"),
        ]
        for place in record.data.get("service_at_locations") or []:
            if isinstance(place, dict):  # version 1 keeps a place's times with it
                for key in ("regular_schedule", "regular_schedules", "schedules"):
                    items = place.get(key)
                    items = [items] if isinstance(items, dict) else items or []
                    schedules += [
                        Fields(s, f"service_at_locations.{key}", self.report, service.name)
                        for s in items
                        if isinstance(s, dict)
                    ]
        for schedule in schedules:
            words = text_from_html(schedule.text("description"))
            days = [d.strip().upper() for d in schedule.text("byday").split(",") if d.strip()]
            opens, closes = _hour(schedule.text("opens_at")), _hour(schedule.text("closes_at"))
            if days and set(days) <= {"SA", "SU"}:
                service.times.append(WEEKENDS)
            if opens and _hour_of(schedule.text("opens_at")) >= 17:
                service.times.append(EVENINGS)
            built = " and ".join(_DAYS[d] for d in days if d in _DAYS)
            if opens and closes:
                built = f"{built}, {opens} to {closes}" if built else f"{opens} to {closes}"
            if schedule.data.get("closed") is True:
                built = f"Closed {built}" if built else ""
            notes = text_from_html(schedule.text("notes"))
            rest = "; ".join(part for part in (built, notes) if part)
            if words or rest:
                service.schedules.append((words, rest))
            attending = schedule.text("attending_type").lower()
            for word, name in (("online", "online"), ("video", "online"), ("phone", "by_phone")):
                if word in attending:
                    service.values[name] = True
            if attending and not any(w in attending for w in ("online", "video", "phone")):
                self.report.not_brought(f"{schedule.path}.attending_type", attending)
            schedule.skip("freq", "interval", "dtstart", "valid_from", "valid_to", "wkst")
            schedule.skip("timezone", "closed", "start_date", "end_date", "until", "count")
            schedule.done()

    # Who runs it and how to get it ---------------------------------------------------

    def _provider(self, organization: Fields | None) -> Related | None:
        if organization is None:
            return None
        name = text_from_html(organization.text("name"))
        website = _web_address(organization.text("website") or organization.text("url"))
        organization.skip("uri", "logo", "email", "organization_identifiers")
        description = markdown_from_html(organization.text("description"))
        organization.done()
        if not name:
            return None
        key = str(organization.data.get("id") or name)
        return Related(
            key=key,
            values={
                "name": name[:NAME_CHARACTERS],
                "description": description,
                "website": website,
            },
        )

    def _contact(self, data: Fields, name: str, key: str) -> Related:
        email = data.text("email")
        phones = []
        for phone in data.objects("phones"):
            number = text_from_html(phone.text("number"))
            label = text_from_html(phone.text("description"))[:100]
            phone.skip("type", "extension")
            phone.done()
            if phone_digits(number):
                phones.append([number, label])
            elif number:
                self.report.not_brought(f"{phone.path}.number", number, "is not a UK phone number")
        title = text_from_html(data.text("title"))
        values = {
            "name": name[:NAME_CHARACTERS],
            "email": email if "@" in email and " " not in email else "",
            "explanation": title,
            "phones": phones,
        }
        if email and not values["email"]:
            self.report.not_brought(f"{data.path}.email", email, "is not an email address")
        return Related(key=key, values=values)

    def _contacts(self, record: Fields, service: ServiceIn) -> None:
        for item in record.objects("contacts"):
            name = text_from_html(item.text("name"))
            if not name:
                item.done("has no name, so no contact was made")
                continue
            key = str(item.data.get("id") or f"{name}|{item.data.get('email') or ''}")
            service.contacts.append(self._contact(item, name, key))
            item.done()
        # The service's own phone numbers and email: a contact named after it.
        own = Fields(
            {"email": record.raw("email"), "phones": record.raw("phones")},
            "",
            self.report,
            service.name,
        )
        has_email = bool(own.text("email"))
        listed = {c.values["email"].lower() for c in service.contacts}
        if own.data.get("phones") or (has_email and own.text("email").lower() not in listed):
            contact = self._contact(own, service.name, f"{service.key}:service")
            if contact.values["email"] or contact.values["phones"]:
                service.contacts.append(contact)
        own.done()

    def _routes(self, record: Fields, service: ServiceIn) -> None:
        """How to get it. Our own feed says its ways in whole (`referral_routes`); another
        gives how to apply in words (`application_process`), or contacts, or only a web
        address, in that order of preference."""
        keys = {contact.key for contact in service.contacts}
        routes = record.objects("referral_routes")
        if routes:
            record.skip("application_process")  # our feed's words for the same routes
        for route in routes:
            title = text_from_html(route.text("title"))
            if not title:
                route.done()
                continue
            link = _web_address(route.text("link"))
            ids = route.raw("contact_ids")
            contact_keys = [str(i) for i in ids if str(i) in keys] if isinstance(ids, list) else []
            service.routes.append(
                _route(
                    str(route.data.get("id") or f"{service.key}:{title}"),
                    title,
                    steps=markdown_from_html(route.text("steps")),
                    link=link,
                    link_text=text_from_html(route.text("link_text"))[:150],
                    social_worker={"yes": "yes", "no": "no"}.get(route.text("for"), ""),
                    contact_keys=contact_keys,
                )
            )
            route.done()
        if service.routes:
            return
        process = markdown_from_html(
            record.text("application_process") or record.text("referral_process")
        )
        if process:
            service.routes.append(
                _route(
                    f"{service.key}:apply",
                    f"How to apply for {service.name}",
                    steps=process,
                    contact_keys=[contact.key for contact in service.contacts],
                )
            )
            return
        for contact in service.contacts:
            service.routes.append(
                _route(
                    f"contact:{contact.key}",
                    f"Contact {contact.values['name']}",
                    contact_keys=[contact.key],
                )
            )
        if not service.routes and service.values.get("website"):
            # Often a directory's only way in: the service's own website.
            service.routes.append(
                _route(f"{service.key}:website", WEBSITE_ROUTE, link=service.values["website"])
            )

    def _rule(self, record: Fields, service: ServiceIn) -> Related | None:
        texts = [markdown_from_html(record.text("eligibility_description"))]
        texts += [
            markdown_from_html(str(rule.get("eligibility") or ""))
            for rule in record.data.get("eligibilitys") or []
            if isinstance(rule, dict)
        ]
        title = f"Who can use {service.name}"[:NAME_CHARACTERS]
        # Our own feed starts each rule's words with its title: not part of who can use it.
        texts = [text.removeprefix(title).strip() for text in texts]
        criteria = "\n\n".join(dict.fromkeys(text for text in texts if text))
        if not criteria:
            return None
        return Related(
            key=f"{service.key}:eligibility", values={"title": title, "criteria": criteria}
        )

    # Where and what kind -------------------------------------------------------------

    def _areas(self, record: Fields, service: ServiceIn) -> None:
        value = record.raw("service_areas")
        items = value if isinstance(value, list) else [value] if value else []
        for item in items:
            if isinstance(item, str):
                name = text_from_html(item)  # a list of names, as some feeds give
            elif isinstance(item, dict):
                area = Fields(item, "service_areas", self.report, service.name)
                name = text_from_html(area.text("name") or area.text("service_area"))
                area.skip("name", "service_area", "extent", "extent_type", "uri")
                area.done()
            else:
                continue
            if name and name not in service.areas:
                service.areas.append(name)

    def _taxonomy(self, record: Fields, service: ServiceIn) -> None:
        names = []
        for attribute in record.objects("attributes"):  # version 3
            term = attribute.object("taxonomy_term")
            attribute.skip("taxonomy_term_id", "value", "label")
            attribute.done()
            if term is not None:
                names.append(text_from_html(term.text("name")))
                term.skip("description", "taxonomy", "term_uri", "term", "vocabulary", "code")
                term.done()
        for link in record.objects("service_taxonomys"):  # version 1
            taxonomy = link.object("taxonomy")
            link.done()
            if taxonomy is not None:
                names.append(text_from_html(taxonomy.text("name")))
                taxonomy.skip("vocabulary", "parent", "parent_name")
                taxonomy.done()
        for name in dict.fromkeys(n for n in names if n):
            service.terms.append(name)

    def _places(self, record: Fields, service: ServiceIn) -> None:
        for number, item in enumerate(record.objects("service_at_locations"), start=1):
            location = item.object("location")
            item.skip("regular_schedule", "regular_schedules", "schedules")
            item.done()
            if location is None:
                continue
            addresses = [*location.objects("addresses"), *location.objects("physical_addresses")]
            address = addresses[0] if addresses else None
            lines = {"address": "", "town": "", "postcode": ""}
            if address is not None:
                street = [text_from_html(address.text(k)) for k in ("address_1", "address_2")]
                postcode = text_from_html(address.text("postal_code"))
                lines = {
                    "address": ", ".join(part for part in street if part)[:300],
                    "town": text_from_html(address.text("city"))[:100],
                    "postcode": postcode_normalised(postcode),
                }
                if postcode and not lines["postcode"]:
                    self.report.not_brought(
                        f"{address.path}.postal_code", postcode, "is not a UK postcode"
                    )
                address.skip("state_province", "country", "region", "address_type", "attention")
                address.done()
            for extra in addresses[1:]:
                extra.done("is a second address of one place: only the first is kept")
            features = dict.fromkeys(PlaceFeature.values, False)
            words = []
            for access in [*location.objects("accessibility"),
                           *location.objects("accessibility_for_disabilities")]:  # fmt: skip
                said = text_from_html(
                    access.text("description") or access.text("accessibility")
                ).strip()
                details = text_from_html(access.text("details"))
                access.skip("url")
                access.done()
                found = [f for f, pattern in _FEATURES if re.search(pattern, said, re.I)]
                for feature in found:
                    features[feature] = True
                if said and said.casefold() not in _FEATURE_NAMES:
                    words.append(said)
                if details:
                    words.append(details)
            description = text_from_html(location.text("description"))
            if description and not description.startswith("Access: "):
                self.report.not_brought(f"{location.path}.description", description)
            location.skip("latitude", "longitude", "location_type", "external_identifier")
            location.skip("external_identifier_type", "url", "transportation", "alternate_name")
            location.done()
            name = text_from_html(location.text("name")) or service.name
            accessibility = "; ".join(dict.fromkeys(words))
            if not lines["postcode"]:
                self.report.problem(
                    "no postcode",
                    service.name,
                    f"The place '{name}' has no postcode: families cannot find it on a map.",
                )
            # A directory may share one location among services: each has its own place.
            where = location.data.get("id") or item.data.get("id") or number
            key = f"{service.key}:{where}"
            service.places.append(
                Related(
                    key=key,
                    values={
                        "name": name[:NAME_CHARACTERS],
                        **lines,
                        "accessibility": _cut(
                            accessibility,
                            ACCESS_CHARACTERS,
                            what="accessibility",
                            service=service.name,
                            report=self.report,
                        ),
                        **features,
                    },
                )
            )


def _route(
    key: str,
    title: str,
    *,
    steps: str = "",
    link: str = "",
    link_text: str = "",
    social_worker: str = "",
    contact_keys: list[str] | None = None,
) -> Related:
    """A way in, as a referral route holds it."""
    return Related(
        key=key,
        values={
            "title": title[:NAME_CHARACTERS],
            "steps": steps,
            "link": link,
            "link_text": link_text,
            "social_worker": social_worker,
        },
        contact_keys=contact_keys or [],
    )


def _meaningful(value: Any) -> bool:
    return value not in (None, "", [], {})


def _without_provided_by(text: str) -> str:
    """Our own feed adds a last line naming the providers: not part of the description."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    if paragraphs and re.fullmatch(r"Provided by .+\.", paragraphs[-1].strip()):
        paragraphs.pop()
    return "\n\n".join(paragraphs)
