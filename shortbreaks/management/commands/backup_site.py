"""Everything a council would lose with its database, in one compressed file.

    python manage.py backup_site                      # backups/shortbreaks-<time>.json.gz
    python manage.py backup_site -o /safe/place.json.gz

The working copy, every edition, old addresses, history, officers, roles and feedback.
Restore into an empty, migrated database with `python manage.py loaddata <file>`;
tests/test_backup.py proves every public page then reads byte for byte as before.
"""

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

# Rebuilt by `migrate` (content types, permissions) or on first use (editions' PDFs,
# made again byte for byte), or worthless in a restore (sessions, the admin's action
# log, counts of failed sign-ins and of feedback sent).
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "axes",
    "feedback.submissioncount",
    "editions.editiondocument",
]


class Command(BaseCommand):
    help = "Write the whole site's content to a compressed JSON file loaddata can restore."

    def add_arguments(self, parser):
        parser.add_argument(
            "-o",
            "--output",
            help="Where to write it; .json.gz compresses. Default: backups/shortbreaks-<time>.",
        )

    def handle(self, *args, output: str | None = None, **options):
        if output is None:
            stamp = timezone.localtime().strftime("%Y-%m-%dT%H%M%S")
            output = f"backups/shortbreaks-{stamp}.json.gz"
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        call_command(
            "dumpdata",
            natural_foreign=True,
            natural_primary=True,
            exclude=EXCLUDED,
            output=output,
            verbosity=0,
        )
        self.stdout.write(f"Backed up to {output}. Restore with: manage.py loaddata {output}")
