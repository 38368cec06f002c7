"""The feed's query parameters as forms, as the finder's are: each parameter checked on
the server, and the first problem (in the order below) reported to the developer in
words that say what to send instead."""

import datetime
import math
import re
import uuid

from django import forms
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

PER_PAGE = 50
MAX_PER_PAGE = 500
MAX_SEARCH = 200

# Filters the profile defines that our data cannot answer honestly: asking for one is
# an error rather than an unfiltered answer that looks filtered.
_NO_TIMES = "Short breaks record when they happen (such as weekends), not opening times."
_NO_DAYS = "Short breaks record when they happen (such as weekends), not days of the week."
_NO_MAP = "This feed has no map data. Use service_areas to see where a service runs."
UNSUPPORTED = {
    "start_time": _NO_TIMES,
    "end_time": _NO_TIMES,
    "day": _NO_DAYS,
    "postcode": _NO_MAP,
    "proximity": _NO_MAP,
}


class _Parameter(forms.Field):
    """A query parameter as typed, without surrounding spaces; absent or empty means
    `empty`. Subclasses turn the text into a value, with a message naming the parameter
    (the form tells each field its name)."""

    name = ""

    def __init__(self, *, empty=None):
        super().__init__(required=False)
        self.empty = empty

    def to_python(self, value):
        text = (value or "").strip()
        return self.empty if not text else self.parse(text)

    def parse(self, text: str):
        return text

    def fail(self, message: str):
        raise forms.ValidationError(message, code="invalid")


class _WholeNumber(_Parameter):
    def __init__(self, *, default: int, low: int, high: int):
        super().__init__(empty=default)
        self.low, self.high = low, high

    def parse(self, text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            self.fail(f"{self.name} must be a whole number, like {self.name}={self.empty}.")
        if not self.low <= value <= self.high:
            self.fail(f"{self.name} must be from {self.low} to {self.high}.")
        return value


class _Age(_Parameter):
    def parse(self, text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or value < 0:
            self.fail(f"{self.name} must be an age in years, like {self.name}=5.")
        return value


class _Uuid(_Parameter):
    def parse(self, text: str) -> str:
        try:
            return str(uuid.UUID(text))
        except ValueError:
            self.fail(f"{self.name} must be a UUID, as given by /taxonomy_terms.")


class _Moment(_Parameter):
    def to_python(self, value):
        # A '+' in an offset that was not URL-encoded arrives as a space: put it back.
        return super().to_python(re.sub(r" (\d{2}:?\d{2})$", r"+\1", (value or "").strip()))

    def parse(self, text: str) -> datetime.datetime:
        try:
            when = parse_datetime(text)
            if when is None and (day := parse_date(text)) is not None:
                when = datetime.datetime.combine(day, datetime.time())
        except ValueError:  # well formed but impossible, such as 2026-02-30
            when = None
        if when is None:
            self.fail(
                f"{self.name} must be an ISO 8601 date or date and time, like 2026-04-01T09:00:00Z."
            )
        return timezone.make_aware(when) if timezone.is_naive(when) else when


class _Refused(_Parameter):
    """A filter this feed cannot answer: any value is an error saying why."""

    def parse(self, text: str):
        self.fail(f"This feed cannot filter by {self.name}. {UNSUPPORTED[self.name]}")


class _Format(_Parameter):
    def parse(self, text: str) -> str:
        if text != "json":
            self.fail("format must be json: this feed has no other format.")
        return text


class _Search(_Parameter):
    def __init__(self):
        super().__init__(empty="")

    def parse(self, text: str) -> str:
        if len(text) > MAX_SEARCH:
            self.fail(f"{self.name} must be {MAX_SEARCH} characters or fewer.")
        return text


class QueryForm(forms.Form):
    """Any list: which page, and how many records a page."""

    page = _WholeNumber(default=1, low=1, high=1_000_000)
    per_page = _WholeNumber(default=PER_PAGE, low=1, high=MAX_PER_PAGE)

    def __init__(self, data):
        super().__init__(data)
        for name, field in self.fields.items():
            field.name = name

    def first_problem(self) -> str:
        """The first parameter's problem, in the order the fields are declared."""
        for name in self.fields:
            if name in self.errors:
                return self.errors[name][0]
        return ""


class ServiceQueryForm(QueryForm):
    """The services list's filters (and `/service_at_locations`'), checked before the
    page asked for."""

    start_time = _Refused()
    end_time = _Refused()
    day = _Refused()
    postcode = _Refused()
    proximity = _Refused()
    format = _Format()
    search = _Search()
    taxonomy_term_id = _Uuid()
    taxonomy_id = _Uuid()
    minimum_age = _Age()
    maximum_age = _Age()
    modified_after = _Moment()

    # The page comes last: a bad filter is the problem to report first.
    field_order = [
        *UNSUPPORTED,
        "format",
        "search",
        "taxonomy_term_id",
        "taxonomy_id",
        "minimum_age",
        "maximum_age",
        "modified_after",
        "page",
        "per_page",
    ]
