"""python manage.py load_demo [council]: demo content for a fresh database, once."""

import tomllib

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from editions.models import Edition
from offer.models import Service

# Each demo's own edition dates, where its source gives them (see the file).
DEMO_EDITIONS = "demo-editions.toml"


def _edition_options(council: str) -> dict[str, str]:
    for directory in settings.FIXTURE_DIRS:
        path = directory / DEMO_EDITIONS
        if path.exists():
            with path.open("rb") as file:
                options = tomllib.load(file).get(council, {})
                options.pop("seed_says", None)  # for the tests that check it
                return options
    return {}


class Command(BaseCommand):
    help = (
        "Load a council's statement from fixtures/<council>.json and publish it, but only "
        "into an empty database, so running the demo twice changes nothing. The edition's "
        "label and review dates come from the options, else from fixtures/"
        f"{DEMO_EDITIONS}, where its seed gives them; no date is assumed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("council", nargs="?", default="durham")
        parser.add_argument("--label", help="as for publish_statement")
        parser.add_argument("--reviewed-on", help="as for publish_statement")
        parser.add_argument("--next-review-due", help="as for publish_statement")

    def handle(self, *args, council: str, **options) -> None:
        if Service.objects.exists() or Edition.objects.exists():
            self.stdout.write("The database already holds a statement; leaving it as it is.")
            return
        edition = _edition_options(council)
        for name in ("label", "reviewed_on", "next_review_due"):
            if options[name]:
                edition[name] = options[name]
        call_command("loaddata", council, verbosity=options["verbosity"])
        call_command("publish_statement", stdout=self.stdout, stderr=self.stderr, **edition)
