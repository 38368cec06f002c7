from django.apps import AppConfig


class ImportsConfig(AppConfig):
    """A council's offer brought in from a spreadsheet or an Open Referral UK feed, and
    taken out to a spreadsheet: into the working copy, never straight to families."""

    name = "imports"
    verbose_name = "Importing the offer"
