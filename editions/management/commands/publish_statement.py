"""python manage.py publish_statement: publish the working copy as the next edition."""

import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.wording import date_from_stated
from editions.publishing import (
    PublishNotAllowed,
    PublishRefused,
    edition_dates_stated,
    edition_publish,
    problems_listed,
    statement_warnings,
)


def _date(value: str | None) -> tuple[datetime.date | None, str]:
    """A date as exactly as the statement gives it: YYYY-MM-DD, YYYY-MM or YYYY."""
    if not value:
        return None, "day"
    try:
        return date_from_stated(value)
    except ValueError:
        raise CommandError(
            f"'{value}' is not a date: write it as YYYY-MM-DD, or YYYY-MM or YYYY when the "
            "statement gives only the month or the year."
        ) from None


class Command(BaseCommand):
    help = (
        "Publish the working copy as the next edition of the statement. Refuses, listing "
        "what is missing, if the working copy is incomplete."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--label", help="e.g. '2026 to 2027' (default: the day it is published)"
        )
        parser.add_argument(
            "--reviewed-on",
            help="only if the statement says when the offer was last reviewed: YYYY-MM-DD, "
            "or YYYY-MM or YYYY as it gives it (default: the date in the statement's details, "
            "else none, and no page gives a date)",
        )
        parser.add_argument(
            "--next-review-due",
            help="only if the statement says when it will next be reviewed: YYYY-MM-DD, "
            "YYYY-MM or YYYY (default: the statement details' date, else none)",
        )
        parser.add_argument(
            "--by", metavar="USERNAME", help="the officer publishing it (needs the Publisher role)"
        )

    def handle(self, *args, label=None, reviewed_on=None, next_review_due=None, by=None, **kw):
        publisher = None
        if by:
            User = get_user_model()
            try:
                publisher = User.objects.get(**{User.USERNAME_FIELD: by})
            except User.DoesNotExist:
                raise CommandError(f"There is no user called '{by}'.") from None
        # A date not given here is the one the statement gives, if it gives one.
        dates = edition_dates_stated()
        for name, given in (("reviewed_on", reviewed_on), ("next_review_due", next_review_due)):
            if given:
                dates[name], dates[f"{name}_shown_as"] = _date(given)
        try:
            edition = edition_publish(label=label, published_by=publisher, **dates)
        except PublishNotAllowed as denied:
            raise CommandError(f"Nothing was published. {denied}") from None
        except PublishRefused as refused:
            listed = problems_listed(refused.problems)
            lines = "\n".join(f"  - {problem['message']}" for problem in listed)
            raise CommandError(f"Nothing was published. Put these right first:\n{lines}") from None
        for warning in problems_listed(statement_warnings()):
            self.stderr.write(self.style.WARNING(f"Worth checking: {warning['message']}"))
        due = edition.next_review_due_text
        self.stdout.write(
            self.style.SUCCESS(
                f"Published edition {edition.version} ({edition.label}) with "
                f"{len(edition.snapshot_read().services)} services. "
                + (f"Next review due {due}." if due else "It gives no date for its next review.")
            )
        )
