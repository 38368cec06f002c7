import pytest
from django.core.management import call_command

from offer.services import edition_publish

from .factories import StatementFactory, TierFactory


@pytest.fixture
def durham_edition(db):
    """The Durham seed loaded and published, as a new user would after set-up."""
    call_command("loaddata", "durham", verbosity=0)
    return edition_publish(label="2025 to 2026")


@pytest.fixture
def statement_details(db):
    return StatementFactory()


@pytest.fixture
def tier(db):
    return TierFactory(name="Help for everyone", slug="help-for-everyone")


def pytest_report_header(config):
    from django.db import connection

    return f"database: {connection.vendor} ({connection.settings_dict['NAME']})"
