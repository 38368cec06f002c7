"""python manage.py import_offer FILE [--dry-run] [--kind SHEET]: the offer spreadsheet
into the working copy, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from imports.spreadsheet.report import report_lines
from imports.spreadsheet.workbook import UnreadableFile, offer_import, offer_sheet_names


class Command(BaseCommand):
    help = (
        "Import the offer from a workbook (.xlsx, a sheet per kind, as the template) or a "
        "CSV file (one kind). Nothing is saved if any row has a problem; --dry-run saves "
        "nothing and reports what would change."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="report, save nothing")
        parser.add_argument(
            "--kind",
            choices=offer_sheet_names(),
            help="which sheet a CSV file is (default: from its name, e.g. services.csv)",
        )

    def handle(self, *args, file: str, dry_run: bool, kind: str | None, **options) -> None:
        path = Path(file)
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from None
        try:
            report = offer_import(content=content, filename=path.name, dry_run=dry_run, kind=kind)
        except UnreadableFile as error:
            raise CommandError(str(error)) from None
        for line in report_lines(report):
            self.stdout.write(line)
        if report.has_problems:
            raise CommandError("Nothing was imported: put the problems above right first.")
