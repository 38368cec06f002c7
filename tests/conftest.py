import io

import pytest
from django.core.management import call_command

from editions.publishing import edition_publish

from .factories import StatementFactory, TierFactory


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, so counts kept there (such as the
    feedback rate limit) cannot leak from one test into another."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def durham_edition(db):
    """The Durham seed loaded and published, as a new user would after set-up."""
    call_command("loaddata", "durham", verbosity=0)
    return edition_publish(label="2025 to 2026")


# A Durham service that council_publish drops in a second edition, so its address
# answers 410 and the changes page has something to list.
WITHDRAWN = "virtual-activities"


def council_publish(council: str) -> None:
    """Load a council's fixture and publish it; for Durham, then publish a second
    edition without one service."""
    from offer.models import Service

    call_command("loaddata", council, verbosity=0)
    call_command("publish_statement", stdout=io.StringIO())
    if council == "durham":
        Service.objects.filter(slug=WITHDRAWN).update(include_in_statement=False)
        edition_publish(label="2027 to 2028")


@pytest.fixture
def statement_details(db):
    return StatementFactory()


@pytest.fixture
def tier(db):
    return TierFactory(name="Help for everyone", slug="help-for-everyone")


def pytest_report_header(config):
    from django.db import connection

    return f"database: {connection.vendor} ({connection.settings_dict['NAME']})"
