"""python manage.py import_openreferral URL-or-FILE [--dry-run]: the services of an Open
Referral UK feed into the working copy."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from imports.openreferral import FeedProblem, feed_from_file, feed_from_url, feed_import


class Command(BaseCommand):
    help = (
        "Import the services of an Open Referral UK feed (its address, or a JSON file of "
        "its services) into the working copy. Importing again updates what it added."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="the feed's address (https://...) or a JSON file")
        parser.add_argument("--dry-run", action="store_true", help="report, save nothing")

    def handle(self, *args, source: str, dry_run: bool, **options) -> None:
        try:
            if source.startswith(("http://", "https://")):
                services = feed_from_url(source)
            else:
                try:
                    content = Path(source).read_bytes()
                except OSError as error:
                    raise CommandError(f"Cannot read {source}: {error.strerror}.") from None
                services = feed_from_file(content, name=source)
        except FeedProblem as problem:
            raise CommandError(f"Nothing was imported. {problem}") from None
        report = feed_import(services=services, dry_run=dry_run, source=source)
        self.stdout.write(
            f"{len(report.added)} to add, {len(report.updated)} to update"
            + (f", {len(report.skipped)} left out" if report.skipped else "")
        )
        for name in report.skipped:
            self.stdout.write(f"  left out: {name}")
        for line in report.not_mapped_lines:
            self.stdout.write(f"  not brought in: {line}")
        self.stdout.write(
            "Dry run: nothing saved." if dry_run else "Imported into the working copy."
        )
