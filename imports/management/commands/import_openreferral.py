"""python manage.py import_openreferral URL-or-FILE [--dry-run] [--include ...]: the
services of an Open Referral UK feed into the working copy, in step with officers' edits
since the last import."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from imports.openreferral import (
    FeedProblem,
    FeedReport,
    Selection,
    feed_from_file,
    feed_from_url,
    feed_import,
    report_csv,
)


class Command(BaseCommand):
    help = (
        "Import the services of an Open Referral UK feed (its address, or a JSON file of "
        "its services) into the working copy. Importing again brings the working copy in "
        "step: fields officers changed are kept and listed where the feed changed them too."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="the feed's address (https://...) or a JSON file")
        parser.add_argument("--dry-run", action="store_true", help="report, save nothing")
        parser.add_argument(
            "--include",
            choices=["all", "none"],
            help="which new services join the statement: all (the default unless terms or "
            "words are given) or none (all come in out of it, to be added later)",
        )
        parser.add_argument(
            "--include-term",
            action="append",
            default=[],
            metavar="TERM",
            help="new services with this taxonomy term join the statement (repeatable)",
        )
        parser.add_argument(
            "--include-word",
            action="append",
            default=[],
            metavar="WORD",
            help="new services whose name or description holds this word join (repeatable)",
        )
        parser.add_argument(
            "--report", metavar="FILE.csv", help="write what was not brought in, and the "
            "problems found, to this CSV file"
        )  # fmt: skip

    def handle(self, *args, source: str, dry_run: bool, **options) -> None:
        terms, words = options["include_term"], options["include_word"]
        if options["include"] and (terms or words):
            raise CommandError("Give --include, or terms and words to choose by, not both.")
        selection = Selection(
            everything=options["include"] == "all" or not (options["include"] or terms or words),
            terms=terms,
            words=words,
        )
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
        report = feed_import(services=services, dry_run=dry_run, source=source, selection=selection)
        self._summary(report)
        if options["report"]:
            Path(options["report"]).write_text(report_csv(report.as_data()), encoding="utf-8")
            self.stdout.write(f"What was not brought in, and the problems: {options['report']}")
        self.stdout.write(
            "Dry run: nothing saved." if dry_run else "Imported into the working copy."
        )

    def _summary(self, report: FeedReport) -> None:
        write = self.stdout.write
        write(
            f"{len(report.added)} to add ({report.joining} joining the statement, "
            f"{report.not_joining} out of it), {len(report.changed)} to update, "
            f"{len(report.unchanged)} unchanged"
            + (f", {len(report.skipped)} left out" if report.skipped else "")
            + (f", {len(report.left)} no longer in the feed" if report.left else "")
            + (f", {len(report.conflicts)} officers' edits kept" if report.conflicts else "")
        )
        for name in report.skipped:
            write(f"  left out: {name}")
        for service in report.left:
            write(f"  no longer in the feed (withdraw it from the admin): {service['name']}")
        for conflict in report.conflicts:
            write(
                f"  kept an officer's edit: {conflict['record']}, {conflict['field']} "
                f"(the feed now says: {conflict['feed']})"
            )
        for problem in report.problems:
            write(f"  problem: {problem.service}: {problem.message}")
        for line in report.not_mapped_lines:
            write(f"  not brought in: {line}")
