"""Browser tests: Playwright for Python driving Debian's Chromium against a live server.

Never `playwright install`: the browser is the system's (`apt-get install chromium`).
Without it these tests skip with one line saying so, unless REQUIRE_BROWSER is set (CI
sets it), when a missing browser is a failure.
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import council_publish

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
ARTEFACTS = Path(os.environ.get("BROWSER_ARTEFACTS", "test-artefacts"))

# Playwright's sync API runs an event loop in this thread; the test's own database
# calls are still synchronous, so tell Django they are safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if CHROMIUM:
        return
    if os.environ.get("REQUIRE_BROWSER"):
        raise pytest.UsageError("REQUIRE_BROWSER is set but Chromium is not installed.")
    skip = pytest.mark.skip(reason="Chromium is not installed (apt-get install chromium)")
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


@pytest.fixture
def council_site(transactional_db, live_server):
    """A function: council name -> the live server's address, with that council
    published (see tests.conftest.council_publish)."""

    def load(council: str) -> str:
        council_publish(council)
        return live_server.url

    return load
