"""A council's directory brought in whole and read on a phone: long words and addresses
wrap instead of pushing the page sideways at 320 px, and a service's first screen gives
the way in, a number to tap and the cost."""

import pytest

from editions.publishing import edition_publish
from imports.openreferral import feed_from_url, feed_import
from tests.factories import StatementFactory
from tests.imports.directory_feeds import SATURDAY_CLUB, WHOLE, exampleshire_pages, served

pytestmark = pytest.mark.django_db(transaction=True)

LONG_WORD = "Supercalifragilistic" * 8
LONG_URL = "https://www.exampleshire-club.example/" + "very-long-path-segment/" * 12


@pytest.fixture
def directory_site(live_server):
    club = {
        **SATURDAY_CLUB,
        "description": SATURDAY_CLUB["description"]
        + f"<p>{LONG_WORD} and {LONG_URL}</p><p>See <a href='{LONG_URL}'>{LONG_URL}</a></p>",
    }
    services = [club, *(s for s in WHOLE if s is not SATURDAY_CLUB)]
    with served(exampleshire_pages(services)) as url:
        feed_import(services=feed_from_url(url), dry_run=False, source=url)
    StatementFactory(council_name="Exampleshire Council", area_name="Exampleshire")
    edition_publish(label="From the directory")
    return live_server.url


def test_nothing_brought_in_scrolls_sideways_at_320px(browser, directory_site):
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    for path in ("/", "/services/saturday-club/", "/find/?q=saturday", "/statement/"):
        page.goto(directory_site + path)
        overflow = page.evaluate("document.documentElement.scrollWidth") - 320
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px wide"
    context.close()


def test_a_services_first_screen_gives_the_way_in_a_number_and_the_cost(browser, directory_site):
    context = browser.new_context(
        viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(directory_site + "/services/saturday-club/")
    first = page.locator(".app-first-steps")
    box = first.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 812, box
    assert first.locator("a[href^='tel:']").count() == 1
    assert "Cost: £5 a session" in first.inner_text()
    context.close()
