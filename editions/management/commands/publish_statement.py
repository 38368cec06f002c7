"""python manage.py publish_statement: publish the working copy as the next edition."""

import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from editions.publishing import (
    PublishNotAllowed,
    PublishRefused,
    edition_publish,
    statement_warnings,
)


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"'{value}' is not a date: write it as YYYY-MM-DD.") from None


class Command(BaseCommand):
    help = (
        "Publish the working copy as the next edition of the statement. Refuses, listing "
        "what is missing, if the working copy is incomplete."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--label", help="e.g. '2026 to 2027' (default: this year to next)")
        parser.add_argument("--reviewed-on", help="YYYY-MM-DD (default: today)")
        parser.add_argument("--next-review-due", help="YYYY-MM-DD (default: a year from today)")
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
        try:
            edition = edition_publish(
                label=label,
                reviewed_on=_date(reviewed_on) if reviewed_on else None,
                next_review_due=_date(next_review_due) if next_review_due else None,
                published_by=publisher,
            )
        except PublishNotAllowed as denied:
            raise CommandError(f"Nothing was published. {denied}") from None
        except PublishRefused as refused:
            lines = "\n".join(f"  - {problem.message}" for problem in refused.problems)
            raise CommandError(f"Nothing was published. Put these right first:\n{lines}") from None
        for warning in statement_warnings():
            self.stderr.write(self.style.WARNING(f"Worth checking: {warning.message}"))
        self.stdout.write(
            self.style.SUCCESS(
                f"Published edition {edition.version} ({edition.label}) with "
                f"{len(edition.snapshot['services'])} services. "
                f"Next review due {edition.next_review_due:%d %B %Y}."
            )
        )
