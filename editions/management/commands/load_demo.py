"""python manage.py load_demo [council]: demo content for a fresh database, once."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from offer.models import Edition, Service


class Command(BaseCommand):
    help = (
        "Load a council's statement from fixtures/<council>.json and publish it, but only "
        "into an empty database, so running the demo twice changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("council", nargs="?", default="durham")

    def handle(self, *args, council: str, **options) -> None:
        if Service.objects.exists() or Edition.objects.exists():
            self.stdout.write("The database already holds a statement; leaving it as it is.")
            return
        call_command("loaddata", council, verbosity=options["verbosity"])
        call_command("publish_statement", stdout=self.stdout)
