"""How numbers, ages and lists are said in words, written once for pages, the feed,
the change reports, the admin and emails."""

import datetime
import re
from decimal import Decimal
from typing import Any

from django.utils.dateformat import format as date_format
from django.utils.translation import ngettext


def ages_in_words(low: int | None, high: int | None) -> str:
    """'10 to 16 years', '8 years old' for a single age, 'up to 18 years' or 'from 5
    years' when only one end is stated, and '' when neither is: nothing is said for an
    age the statement does not give."""
    if low is None and high is None:
        return ""
    if low is None:
        return f"up to {high} years"
    if high is None:
        return f"from {low} years"
    if low == high:
        return f"{low} years old"
    return f"{low} to {high} years"


def home_or_away(service: Any) -> str:
    """Where a break happens, as the statement says: 'In your home', 'Away from home',
    both, or '' when it does not say."""
    places = []
    if service.in_family_home:
        places.append("In your home")
    if service.away_from_home:
        places.append("away from home" if places else "Away from home")
    return " or ".join(places)


def online_or_by_phone(service: Any) -> str:
    """'Online', 'By phone', 'Online or by phone', or '' when the statement does not say."""
    ways = []
    if service.online:
        ways.append("Online")
    if service.by_phone:
        ways.append("by phone" if ways else "By phone")
    return " or ".join(ways)


def address_lines(venue: Any) -> list[str]:
    """A place's address as the lines it has (a directory may give no town or postcode)."""
    lines = (venue.address, venue.town, venue.postcode)
    return [line for line in lines if line]


def web_address(url: str) -> str:
    """An address as people read it: 'example.org/clubs' for 'https://www.example.org/clubs/'."""
    text = re.sub(r"^https?://(www\.)?", "", url or "", flags=re.IGNORECASE)
    return text.rstrip("/")


def counted(count: int, singular: str, plural: str) -> str:
    """'1 item', '3 items': the count with the noun that agrees with it."""
    return f"{count} {ngettext(singular, plural, count)}"


def listed(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def number_text(value: str) -> str:
    """A snapshot's exact number as people read it: '3760' -> '3,760'; '11.5' -> '11.5'."""
    number = Decimal(value)
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number:,f}"


def figure_text(figure: Any) -> str:
    """A figure in words: 'about 3,760 children', '450 to 500 children', '11%'."""
    amount = number_text(figure.value)
    if figure.value_to is not None:
        amount = f"{amount} to {number_text(figure.value_to)}"
    unit = figure.unit.strip()
    text = f"{amount}{unit}" if unit == "%" else f"{amount} {unit}".strip()
    return f"about {text}" if figure.approximate else text


_DATE_FORMATS = {"day": "j F Y", "month": "F Y", "year": "Y"}


def date_as_stated(date: datetime.date | None, precision: str = "day") -> str:
    """'20 June 2024', 'June 2024' or '2024': a date no more exactly than it was given."""
    return date_format(date, _DATE_FORMATS[precision]) if date else ""


def date_as_stated_with_preposition(date: datetime.date, precision: str = "day") -> str:
    """'on 20 June 2024', 'in June 2024', 'in 2024'."""
    return f"{'on' if precision == 'day' else 'in'} {date_as_stated(date, precision)}"


_STATED_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def date_from_stated(text: str) -> tuple[datetime.date, str]:
    """'2027' -> (2027-01-01, 'year'); '2027-03' -> (2027-03-01, 'month'); '2027-03-31'
    -> (that day, 'day'). A month or year stands for its first day, so a reminder counts
    from the earliest it could mean. ValueError for anything else."""
    match = _STATED_DATE.fullmatch(text.strip())
    if not match:
        raise ValueError(text)
    year, month, day = match.groups()
    date = datetime.date(int(year), int(month or 1), int(day or 1))
    return date, "day" if day else "month" if month else "year"


def cost_words(service: Any) -> str:
    """What a family pays: the council's choice ('Free', '£5 a session') then its words;
    when the statement does not say, to ask (never a guess, and never a name the
    statement does not give as knowing the cost). `service`: a published service
    (editions.snapshot.records.Service)."""
    label, words = service.cost_label, service.cost.strip()
    if label and words and words.casefold().rstrip(" .") != label.casefold():
        return f"{label}. {words}"
    if label or words:
        return label or words
    return f"Not stated: {_ASK_ABOUT_COST}"


def cost_line(service: Any) -> str:
    """The cost as one line under a service in a list of results or an email."""
    if service.cost_label or service.cost.strip():
        return f"Cost: {cost_words(service)}"
    return f"Cost not stated: {_ASK_ABOUT_COST}"


_ASK_ABOUT_COST = "ask when you get in touch"
