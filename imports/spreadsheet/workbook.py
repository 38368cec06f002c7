"""The offer spreadsheet: read a workbook (XLSX, a sheet per kind) or one CSV (one kind),
import every sheet in one transaction (rolled back for a dry run, or if any row is
wrong), report what would be added, changed or is wrong by row and column; and write the
working copy, or an empty template, in the same shape."""

import csv
import io
import zipfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

import openpyxl
import openpyxl.styles
import tablib
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from core.cells import spreadsheet_safe, spreadsheet_text
from offer.history import history_scope

from .resources import SEPARATOR, SHEETS, Choice, Named, OfferResource, YesNo

# What a council could reasonably upload: bigger is refused before it is read.
MAX_BYTES = 5 * 1024 * 1024
ABOUT_SHEET = "About this file"
# A hidden sheet with the allowed values the drop-down lists offer.
LISTS_SHEET = "Allowed values"
# Drop-down lists reach this far below the last record, for rows an officer adds.
ROWS_FOR_NEW = 500
FORMATS = ("xlsx", "csv")


class UnreadableFile(Exception):
    """The file is not a spreadsheet we can read; the message says what to do."""


@dataclass
class RowProblem:
    row: int  # as the spreadsheet numbers it: the header is row 1
    column: str
    message: str


@dataclass
class SheetReport:
    title: str
    added: list[str] = field(default_factory=list)
    changed: list[tuple[str, list[str]]] = field(default_factory=list)
    unchanged: int = 0
    problems: list[RowProblem] = field(default_factory=list)


@dataclass
class ImportReport:
    sheets: list[SheetReport]
    ignored_sheets: list[str]
    dry_run: bool

    @property
    def has_problems(self) -> bool:
        return any(sheet.problems for sheet in self.sheets)

    @property
    def saved(self) -> bool:
        return not self.dry_run and not self.has_problems

    @property
    def counts(self) -> tuple[int, int, int]:
        """How many records are added, changed and unchanged in all."""
        return (
            sum(len(s.added) for s in self.sheets),
            sum(len(s.changed) for s in self.sheets),
            sum(s.unchanged for s in self.sheets),
        )

    def as_data(self) -> dict:
        """The report as JSON-ready data (kept with a background import, imports/jobs.py)."""
        return asdict(self)

    @classmethod
    def from_data(cls, data: dict) -> "ImportReport":
        return cls(
            sheets=[
                SheetReport(
                    title=sheet["title"],
                    added=sheet["added"],
                    changed=[(name, columns) for name, columns in sheet["changed"]],
                    unchanged=sheet["unchanged"],
                    problems=[RowProblem(**problem) for problem in sheet["problems"]],
                )
                for sheet in data["sheets"]
            ],
            ignored_sheets=data["ignored_sheets"],
            dry_run=data["dry_run"],
        )


def _sheet_for(title: str) -> type[OfferResource] | None:
    wanted = title.strip().lower()
    for name, resource in SHEETS:
        if name.lower() == wanted or name.lower().replace(" ", "_") == wanted:
            return resource
    return None


def kind_from_filename(filename: str) -> str | None:
    """'services.csv' or 'Referral routes.csv' -> the sheet it fills, if any."""
    stem = filename.rsplit("/", 1)[-1].rsplit(".", 1)[0].replace("-", " ").replace("_", " ")
    return next((name for name, _ in SHEETS if name.lower() == stem.strip().lower()), None)


def _datasets(content: bytes, filename: str, kind: str | None) -> list[tuple[str, tablib.Dataset]]:
    """The sheets in the file, by title: a workbook's own, or one CSV's `kind`."""
    if len(content) > MAX_BYTES:
        raise UnreadableFile(
            f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB. Split the offer into "
            "smaller files (for example one sheet at a time)."
        )
    if not content.strip():
        raise UnreadableFile("The file is empty.")
    if filename.lower().endswith(".csv"):
        kind = kind or kind_from_filename(filename)
        if kind is None:
            names = ", ".join(f"'{name.lower()}.csv'" for name, _ in SHEETS)
            raise UnreadableFile(
                f"Say which sheet this CSV file is: name it after one ({names}) or choose it."
            )
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UnreadableFile("Save the CSV file as UTF-8 and upload it again.") from None
        try:
            read = tablib.Dataset().load(text, format="csv")
        except (csv.Error, tablib.InvalidDimensions) as error:
            raise UnreadableFile(f"We could not read the CSV file: {error}.") from None
        _refuse_too_many_rows(len(read), kind)
        # The export quoted what a spreadsheet would run as a formula: unquoted here.
        dataset = tablib.Dataset(headers=read.headers)
        for row in read:
            dataset.append([spreadsheet_text(v) if isinstance(v, str) else v for v in row])
        return [(kind, dataset)]
    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise UnreadableFile(
            "We could not read this file. Upload the offer as an Excel workbook (.xlsx) or "
            "as a CSV file, saved from the template."
        )
    _refuse_unzipping_too_much(content)
    try:
        book = tablib.Databook().load(content, format="xlsx")
    except Exception:  # openpyxl raises many kinds for a damaged workbook
        raise UnreadableFile(
            "We could not read this workbook: it may be damaged. Save it again as .xlsx "
            "and upload it."
        ) from None
    for sheet in book.sheets():
        _refuse_too_many_rows(len(sheet), sheet.title or "A sheet")
    return [(sheet.title or "", sheet) for sheet in book.sheets()]


def _refuse_too_many_rows(rows: int, sheet: str) -> None:
    """More rows than any council's offer has is refused before any is checked."""
    most = settings.IMPORT_MOST_ROWS
    if rows > most:
        raise UnreadableFile(
            f"{sheet} has {rows:,} rows: more than the {most:,} one import takes. Split it "
            "into smaller files."
        )


def _refuse_unzipping_too_much(content: bytes) -> None:
    """A workbook is a zip file: what its parts unzip to is read from its directory
    and refused, before anything is unzipped, if it is more than IMPORT_UNZIPPED_BYTES
    (a small file that unzips to gigabytes would fill a worker's memory)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as workbook:
            unzipped = sum(part.file_size for part in workbook.infolist())
            parts = len(workbook.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UnreadableFile(
            "We could not read this workbook: it may be damaged. Save it again as .xlsx "
            "and upload it."
        ) from None
    most = settings.IMPORT_UNZIPPED_BYTES
    if unzipped > most or parts > 10_000:
        raise UnreadableFile(
            f"This workbook unzips to more than {most // (1024 * 1024)} MB, far more than "
            "an offer needs. Save only the offer's sheets as a new workbook, or upload CSV "
            "files."
        )


def offer_import(
    *,
    content: bytes,
    filename: str,
    dry_run: bool,
    by: AbstractBaseUser | None = None,
    kind: str | None = None,
    progress: Callable[[str, int, int | None], None] | None = None,
) -> ImportReport:
    """Import the file's sheets in order, all or nothing: a dry run, or any row with a
    problem, saves nothing. Raises UnreadableFile when the file cannot be read at all.
    `progress(stage, done, total)` hears how far it has got, a row at a time."""
    found = _datasets(content, filename, kind)
    by_title = {}
    ignored = []
    for title, dataset in found:
        resource = _sheet_for(title)
        if resource is None:
            if title.strip().lower() not in (ABOUT_SHEET.lower(), LISTS_SHEET.lower()):
                ignored.append(title)
            continue
        by_title[resource] = (title, dataset)
    if not by_title:
        names = ", ".join(name for name, _ in SHEETS)
        raise UnreadableFile(f"The file has none of the sheets of the offer ({names}).")

    reports = []
    total = sum(len(dataset) for _, dataset in by_title.values())
    done = 0
    with transaction.atomic(), history_scope(by=by, why=f"Imported from {filename}"):
        for name, resource_class in SHEETS:
            if resource_class not in by_title:
                continue
            title, dataset = by_title[resource_class]
            resource = resource_class(by=by, source=filename)
            if progress is not None:
                resource.row_done = lambda at=done, sheet=name, rows=resource: progress(
                    f"Checking the {sheet} sheet", at + rows.rows_done, total
                )
            report = SheetReport(title=name)
            _drop_blank_rows(dataset)
            result = resource.import_data(
                dataset, dry_run=False, use_transactions=True, raise_errors=False
            )
            _fill_report(report, result, resource)
            reports.append(report)
            done += len(dataset)
        outcome = ImportReport(sheets=reports, ignored_sheets=ignored, dry_run=dry_run)
        if dry_run or outcome.has_problems:
            transaction.set_rollback(True)
    return outcome


def _drop_blank_rows(dataset: tablib.Dataset) -> None:
    """Spreadsheets keep empty rows below the data; they are not records."""
    for index in reversed(range(len(dataset))):
        if not any(str(cell or "").strip() for cell in dataset[index]):
            del dataset[index]


def _fill_report(report: SheetReport, result, resource: OfferResource) -> None:
    columns = {f.attribute: f.column_name for f in resource.get_import_fields() if f.attribute}
    columns["phones"] = "Phones"
    for error in result.base_errors:
        report.problems.append(RowProblem(1, "", _plain(error.error)))
    for number, row in enumerate(result.rows, start=2):
        name = str(row.object_repr or "")
        if row.import_type == "new":
            report.added.append(name)
        elif row.import_type == "update":
            report.changed.append((name, getattr(row, "changed_columns", [])))
        elif row.import_type == "skip":
            report.unchanged += 1
        elif row.import_type == "invalid":
            for attribute, messages in _messages(row.validation_error).items():
                for message in messages:
                    report.problems.append(RowProblem(number, columns.get(attribute, ""), message))
        else:
            for error in row.errors:
                report.problems.append(RowProblem(number, "", _plain(error.error)))
    # import-export lists invalid rows apart from the others in some versions.
    for invalid in getattr(result, "invalid_rows", []):
        for attribute, messages in invalid.error_dict.items():
            for message in messages:
                problem = RowProblem(invalid.number + 1, columns.get(attribute, ""), str(message))
                if problem not in report.problems:
                    report.problems.append(problem)
    report.problems.sort(key=lambda problem: problem.row)


def _messages(error: ValidationError | None) -> dict[str, list[str]]:
    if error is None:
        return {}
    if hasattr(error, "error_dict"):
        return {
            key: [str(m) for e in errors for m in e.messages]
            for key, errors in error.error_dict.items()
        }
    return {"": list(error.messages)}


def _plain(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return "; ".join(error.messages)
    return str(error) or error.__class__.__name__


# Writing ------------------------------------------------------------------------------

_ABOUT = [
    "This workbook holds the short breaks offer, a sheet for each kind of record, in the "
    "order they are read: a sheet may name records of the sheets before it.",
    "Each row is one record, found by its Id (the first column, as the export writes it): "
    "keep the Id to change that record. A row with no Id is found by its name: a name "
    "already in the offer changes that record; a new name adds one. Rows are never "
    "deleted by importing.",
    f"Where a cell names other records (needs, contacts, routes...), separate them with "
    f"'{SEPARATOR}' and use their names as in their own sheet or in the admin (capitals "
    "and spaces may differ). Where two records share a name, the export writes the id in "
    "brackets after it, 'Reception [id]': keep it.",
    "Text pasted from a web page or Word keeps its paragraphs, lists and links; its "
    "formatting is taken out.",
    "Ticks are yes or no. Ages are whole numbers; leave them blank when the statement does "
    "not say. Dates are written 2027-03-31. Cells with a drop-down list offer the allowed "
    "values; they are listed below too.",
    "The Statement sheet has one row: the council's own details. Sections are the "
    "statement's own text, in the order of their rows.",
    "Upload it in the admin (Import or export the offer), which shows what would change "
    "and any problem by row and column before anything is saved.",
]


def _choices_of(column) -> list[str] | None:
    """The values a column allows, if it is one of a fixed list."""
    widget = column.widget
    if isinstance(widget, YesNo):
        return ["yes", "no"]
    if isinstance(widget, Choice):
        return [str(value) for value in dict.fromkeys(widget.values.values()) if value != ""]
    return None


def _allowed_lines() -> list[str]:
    """'Services, Status: available, planned, pilot, paused' for every fixed list."""
    lines = []
    for name, resource_class in SHEETS:
        for column in resource_class().get_export_fields():
            allowed = _choices_of(column)
            if allowed and not isinstance(column.widget, YesNo):
                labels = column.widget.labels
                blank = f" Blank: {labels['']}." if "" in labels else ""
                lines.append(
                    f"{name}, {column.column_name}: "
                    + "; ".join(f"{value} ({labels[value]})" for value in allowed)
                    + "."
                    + blank
                )
    return lines


def _sheets(empty: bool) -> list[tablib.Dataset]:
    books = []
    lines = [*_ABOUT, "Allowed values:", *_allowed_lines()]
    about = tablib.Dataset(*[(line,) for line in lines], headers=["How to fill this in"])
    about.title = ABOUT_SHEET
    books.append(about)
    for name, resource_class in SHEETS:
        resource = resource_class()
        if empty:
            dataset = tablib.Dataset(headers=resource.get_export_headers())
        else:
            dataset = resource.export(queryset=resource_class._meta.model.objects.all())
        dataset.title = name
        books.append(dataset)
    return books


def _book(datasets: list[tablib.Dataset]) -> openpyxl.Workbook:
    """The sheets as a workbook: headings in bold and kept in view. A cell is always
    words, never a formula, whatever it starts with (an officer's '=' or '+' is text,
    and a cell a feed wrote cannot run anything when the file is opened)."""
    book = openpyxl.Workbook(write_only=False)
    book.remove(book.active)
    bold = openpyxl.styles.Font(bold=True)
    for dataset in datasets:
        sheet = book.create_sheet(dataset.title)
        sheet.append(list(dataset.headers or []))
        for cell in sheet[1]:
            cell.font = bold
        sheet.freeze_panes = "A2"
        for row in dataset:
            sheet.append(["" if value is None else value for value in row])
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    return book


def _with_drop_downs(book: openpyxl.Workbook) -> bytes:
    """The workbook with a drop-down list on every column of a fixed list (a tick, a
    status...) and every column naming one record of another sheet (a level of support,
    the first contact), which offers that sheet's own names, new rows included. A value
    typed that is not in the list is warned about, not refused: the import checks it."""
    lists = book.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    sheet_of = {resource._meta.model: name for name, resource in SHEETS}
    name_letter = {}
    for name, resource_class in SHEETS:
        headers = resource_class().get_export_headers()
        index = headers.index(resource_class.name_column) + 1
        name_letter[name] = get_column_letter(index)
    list_column = 0
    for name, resource_class in SHEETS:
        sheet = book[name]
        last = sheet.max_row + ROWS_FOR_NEW
        headers = resource_class().get_export_headers()
        for column in resource_class().get_export_fields():
            allowed = _choices_of(column)
            if allowed is not None:
                list_column += 1
                letter = get_column_letter(list_column)
                for row, value in enumerate(allowed, start=1):
                    lists.cell(row=row, column=list_column, value=value)
                source = f"'{LISTS_SHEET}'!${letter}$1:${letter}${len(allowed)}"
            elif type(column.widget) is Named and column.widget.model in sheet_of:
                other = sheet_of[column.widget.model]
                letter = name_letter[other]
                source = f"'{other}'!${letter}$2:${letter}${book[other].max_row + ROWS_FOR_NEW}"
            else:
                continue
            at = get_column_letter(headers.index(column.column_name) + 1)
            check = DataValidation(
                type="list", formula1=f"={source}", allow_blank=True, errorStyle="warning"
            )
            check.error = f"Choose {column.column_name.lower()} from the list."
            sheet.add_data_validation(check)
            check.add(f"{at}2:{at}{last}")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def offer_workbook(*, empty: bool = False) -> bytes:
    """The working copy (or, `empty`, just the columns) as an Excel workbook, with
    drop-down lists of the allowed values."""
    return _with_drop_downs(_book(_sheets(empty)))


def offer_csv(*, kind: str, empty: bool = False) -> bytes:
    """One sheet of the working copy (or its columns) as a CSV file, UTF-8 with a byte
    order mark so spreadsheet programs read accented letters right."""
    for dataset in _sheets(empty):
        if dataset.title == kind:
            # No cell a spreadsheet would run as a formula (read back by the import).
            safe = tablib.Dataset(headers=dataset.headers)
            for row in dataset:
                safe.append([spreadsheet_safe(v) if isinstance(v, str) else v for v in row])
            return ("\ufeff" + safe.export("csv")).encode("utf-8")
    raise KeyError(kind)


def offer_sheet_names() -> list[str]:
    return [name for name, _ in SHEETS]
