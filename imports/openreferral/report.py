"""What an import tells the officer: what it added, changed and left alone, what it could
not bring in (each field of the feed with how many services gave it and examples), the
problems it found, the services that left the feed and the officers' edits it kept.

Every field of a feed record is read through `Fields`, which notes what was read: any
field with a value that nothing read is counted as not brought in, so nothing a feed
says is dropped without the officer seeing it.
"""

import csv
import io
from dataclasses import asdict, dataclass, field
from typing import Any

from core.cells import spreadsheet_safe

EXAMPLES = 3  # examples kept of each field not brought in
_EXAMPLE_CHARACTERS = 120
# Fields that are the feed's own bookkeeping, never something a family reads.
_BOOKKEEPING = {"id", "last_modified", "link_type", "link_id", "parent_id", "metadata"}


def _meaningful(value: Any) -> bool:
    return value not in (None, "", [], {}) and not (isinstance(value, str) and not value.strip())


def _example(value: Any) -> str:
    text = value if isinstance(value, str) else repr(value)
    text = " ".join(text.split())
    return text if len(text) <= _EXAMPLE_CHARACTERS else text[: _EXAMPLE_CHARACTERS - 1] + "…"


@dataclass
class NotBroughtIn:
    """One field of the feed that has no place here."""

    field: str
    why: str
    count: int = 0
    examples: list[str] = field(default_factory=list)


@dataclass
class Problem:
    """Something in the feed that needs an officer: a duplicate id, a record with no
    name, a name too long, a value of the wrong type, a service with no words..."""

    kind: str
    service: str
    message: str


@dataclass
class RecordChanges:
    """What an import did to one record: added, or each field changed."""

    kind: str
    name: str
    action: str  # "added" or "changed"
    fields: list[dict[str, str]]
    object_id: int | None = None


@dataclass
class FeedReport:
    """An import's account of itself; kept with the run (ImportRun.report) and shown on
    its page, so it holds only plain data."""

    dry_run: bool
    source: str = ""
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    left: list[dict[str, Any]] = field(default_factory=list)  # {"id": pk, "name": ...}
    conflicts: list[dict[str, str]] = field(default_factory=list)
    not_brought_in: dict[str, NotBroughtIn] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    changes: list[RecordChanges] = field(default_factory=list)
    # Taxonomy terms the feed gives, with how many services have each: what an officer
    # chooses from when deciding which services join the statement.
    terms: dict[str, int] = field(default_factory=dict)
    run_id: int | None = None  # the ImportRun that keeps this account (none in a dry run)
    joining: int = 0  # new services that join the statement
    not_joining: int = 0  # new services that come in out of it

    def not_brought(self, name: str, value: Any, why: str = "has no place here") -> None:
        entry = self.not_brought_in.setdefault(name, NotBroughtIn(field=name, why=why))
        entry.count += 1
        example = _example(value)
        if len(entry.examples) < EXAMPLES and example not in entry.examples:
            entry.examples.append(example)

    def problem(self, kind: str, service: str, message: str) -> None:
        self.problems.append(Problem(kind=kind, service=service, message=message))

    @property
    def not_brought_in_rows(self) -> list[NotBroughtIn]:
        return sorted(self.not_brought_in.values(), key=lambda row: (-row.count, row.field))

    @property
    def not_mapped_lines(self) -> list[str]:
        """Each field not brought in, in words, most frequent first."""
        return [
            f"{row.field}: {row.why} ({row.count} time{'s' if row.count != 1 else ''})"
            for row in self.not_brought_in_rows
        ]

    def as_data(self) -> dict[str, Any]:
        """The report as JSON-ready data (for ImportRun.report)."""
        data = asdict(self)
        data["not_brought_in"] = [asdict(row) for row in self.not_brought_in_rows]
        return data


def report_csv(data: dict[str, Any]) -> str:
    """What an import could not bring in, a row per field, and its problems, as CSV (the
    officer's download), from a report's data. Cells a spreadsheet would run as a
    formula are quoted."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["What", "Field or service", "Why", "How many", "Examples"])
    rows = [
        ["Not brought in", row["field"], row["why"], row["count"], " | ".join(row["examples"])]
        for row in data.get("not_brought_in", [])
    ]
    rows += [
        ["Problem", problem["service"], problem["message"], 1, ""]
        for problem in data.get("problems", [])
    ]
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) if isinstance(cell, str) else cell for cell in row])
    return out.getvalue()


class Fields:
    """One object of a feed record, read field by field. Reading notes the field; `done`
    counts every field with a value that was not read as not brought in, under its path
    (e.g. 'service_at_locations.location.latitude')."""

    def __init__(self, data: dict[str, Any], path: str, report: FeedReport, service: str):
        self.data = data
        self.path = path
        self.report = report
        self.service = service
        self.read: set[str] = set()

    def _where(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def has(self, key: str) -> bool:
        return _meaningful(self.data.get(key))

    def raw(self, key: str) -> Any:
        self.read.add(key)
        return self.data.get(key)

    def skip(self, *keys: str) -> None:
        """Fields read on purpose and left alone (they repeat what is read elsewhere)."""
        self.read.update(keys)

    def text(self, key: str) -> str:
        """A field expected to hold words; a number is taken as words, anything else is
        reported as the wrong type."""
        value = self.raw(key)
        if value is None:
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.wrong(key, value, "words")
            return ""
        return str(value).strip()

    def number(self, key: str) -> int | None:
        value = self.raw(key)
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            self.wrong(key, value, "a whole number")
            return None
        try:
            number = float(value)
        except (TypeError, ValueError):
            self.wrong(key, value, "a whole number")
            return None
        if number != int(number):
            self.wrong(key, value, "a whole number")
            return None
        return int(number)

    def objects(self, key: str) -> list["Fields"]:
        """A list of objects (a single object is taken as a list of one)."""
        value = self.raw(key)
        if value is None:
            return []
        if isinstance(value, dict):
            value = [value]
        if not isinstance(value, list):
            self.wrong(key, value, "a list")
            return []
        found = []
        for item in value:
            if isinstance(item, dict):
                found.append(Fields(item, self._where(key), self.report, self.service))
            elif _meaningful(item):
                self.report.not_brought(self._where(key), item, "is not an object")
        return found

    def object(self, key: str) -> "Fields | None":
        value = self.raw(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            if _meaningful(value):
                self.wrong(key, value, "an object")
            return None
        return Fields(value, self._where(key), self.report, self.service)

    def wrong(self, key: str, value: Any, expected: str) -> None:
        self.report.problem(
            "wrong type",
            self.service,
            f"'{self._where(key)}' should be {expected}, not {_example(value)!r}: left out.",
        )

    def done(self, why: str = "has no place here") -> None:
        for key, value in self.data.items():
            if key in self.read or key.startswith("_"):
                continue
            if key in _BOOKKEEPING or key.endswith("_id") or not _meaningful(value):
                continue
            self.report.not_brought(self._where(key), value, why)
