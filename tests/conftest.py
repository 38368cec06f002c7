"""Shared fixtures, the markers that make the fast lane, and the Hypothesis profiles.

`make test-fast` leaves out tests marked `browser` (everything under tests/browser) and
`slow` (HTML validation, two instances, the fuzz test, PDFs, the recorded pages, real
Redis faults, a backup restored). Hypothesis generates 1,000 requests for the fuzz test
by default and 10,000 when CI is set.
"""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, settings

from editions.publishing import edition_publish
from offer.models import Service

from .councils import council_load
from .factories import StatementFactory, TierFactory

BUILT_CSS = Path(__file__).resolve().parent.parent / "static" / "dist" / "main.css"

# One example is a handful of requests (tests/test_fuzz.py).
settings.register_profile(
    "dev",
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile("ci", settings.get_profile("dev"), max_examples=2_000)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


def pytest_sessionstart(session):
    """Without the built front end the browser tests cannot pass: say so at once."""
    config = session.config
    if hasattr(config, "workerinput") or BUILT_CSS.exists():
        return  # an xdist worker: its controller has checked
    if "not browser" in (config.option.markexpr or ""):
        return
    pytest.exit("static/dist/main.css is missing: run make css first.", returncode=4)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in item.path.as_posix():
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, so counts kept there (such as the
    feedback rate limit) cannot leak from one test into another."""
    from django.core.cache import cache

    from editions.selectors import edition_current_forget
    from public.page_cache import kept_pages_forget

    cache.clear()
    kept_pages_forget()
    # A rolled-back test's edition must not be remembered as the current one.
    edition_current_forget()


@pytest.fixture
def durham_edition(db):
    """The Durham seed loaded and published, as a new user would after set-up."""
    council_load("durham")
    return edition_publish(label="2025 to 2026")


# A Durham service that council_publish drops in a second edition, so its address
# answers 410 and the changes page has something to list.
WITHDRAWN = "virtual-activities"


def council_publish(council: str) -> None:
    """Load a council's fixture and publish it; for Durham, then publish a second
    edition without one service."""
    council_load(council)
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
