"""python manage.py export_offer FILE [--kind SHEET] [--empty]: the working copy (or the
empty template) as the offer spreadsheet."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from imports.spreadsheet.workbook import offer_csv, offer_sheet_names, offer_workbook


class Command(BaseCommand):
    help = (
        "Write the working copy as a workbook (FILE.xlsx) or one sheet as CSV (FILE.csv "
        "with --kind); --empty writes just the columns, as a template."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--kind", choices=offer_sheet_names(), help="the sheet, for CSV")
        parser.add_argument("--empty", action="store_true", help="the columns only")

    def handle(self, *args, file: str, kind: str | None, empty: bool, **options) -> None:
        path = Path(file)
        if path.suffix.lower() == ".xlsx":
            content = offer_workbook(empty=empty)
        elif path.suffix.lower() == ".csv":
            if kind is None:
                raise CommandError("Say which sheet to write as CSV with --kind.")
            content = offer_csv(kind=kind, empty=empty)
        else:
            raise CommandError("Name the file .xlsx (the whole offer) or .csv (one sheet).")
        path.write_bytes(content)
        self.stdout.write(f"Wrote {path} ({len(content):,} bytes).")
