"""axe-core finds no WCAG 2.2 A or AA problem on any kind of public page."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.conftest import WITHDRAWN

pytestmark = pytest.mark.django_db(transaction=True)

CHECK = "/check/result/?age=10&social_worker=yes&ehcp=no&when=weekends&tried_community=yes"
# A family's list: two of the first council's services (their permanent ids).
LIST = "/list/?s=8a83804a-0baa-4483-9d52-52a2d58b25f2&s=1b3abc06-424e-48d7-b0bb-981aa5faa12f"
PAGES = [
    ("durham", "/", 200),
    ("durham", "/support/additional-support/", 200),
    ("durham", "/services/pilot-personalisation-pot/", 200),
    ("durham", "/providers/", 200),
    ("leicestershire", "/providers/sense/", 200),
    ("durham", "/contacts/", 200),
    ("durham", "/statement/", 200),
    ("durham", "/statement/editions/", 200),
    ("durham", "/statement/changes/", 200),
    ("durham", "/find/?q=swimming", 200),
    ("durham", "/find/?q=zzzzzz", 200),
    ("durham", "/find/?age=abc", 400),
    ("durham", "/check/", 200),
    ("durham", CHECK, 200),
    ("durham", "/check/result/?age=abc", 400),
    ("durham", "/check/?step=need&age=9", 200),
    ("durham", LIST, 200),
    ("durham", "/list/", 200),
    ("durham", "/list/?s=not-a-service", 400),
    ("durham", "/find/?q=holiday&s=8a83804a-0baa-4483-9d52-52a2d58b25f2", 200),
    ("leicestershire", "/glossary/", 200),
    ("leicestershire", "/faq/", 200),
    ("leicestershire", "/stories/", 200),
    ("dorset", "/what-families-need/", 200),
    ("durham", "/accessibility/", 200),
    ("durham", "/feedback/?page=/find/&useful=no", 200),
    ("durham", "/feedback/thanks/?page=/find/", 200),
    ("durham", "/feedback/report/8a83804a-0baa-4483-9d52-52a2d58b25f2/?page=/", 200),
    ("durham", "/feedback/report/thanks/?page=/", 200),
    ("durham", "/no-such-page/", 404),
    ("durham", f"/services/{WITHDRAWN}/", 410),
]
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@pytest.mark.parametrize("council, path, status", PAGES, ids=[p for _, p, _ in PAGES])
def test_no_wcag_22_aa_violations(page, council_site, council, path, status):
    base = council_site(council)
    response = page.goto(base + path)
    assert response.status == status
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
    assert results.violations_count == 0, results.generate_report()


def test_axe_does_report_a_violation_when_there_is_one(page, live_server):
    # Proves the check above can fail: an image with no text alternative.
    page.set_content('<html lang="en"><title>t</title><main><img src="x.png"></main></html>')
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
    assert "image-alt" in {violation["id"] for violation in results.response["violations"]}


def test_a_glossary_meaning_opened_in_place_passes_axe_and_closes_with_escape(page, council_site):
    base = council_site("durham")
    page.goto(base + "/services/hospice-care/")
    button = page.locator(".app-term__button").first
    meaning = page.locator(".app-term__meaning").first
    assert not meaning.is_visible()
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    assert meaning.is_visible()
    # The term's own link to the glossary is still there, just before the button.
    assert "/glossary/#" in page.locator(".app-term a").first.get_attribute("href")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
    assert results.violations_count == 0, results.generate_report()
    page.keyboard.press("Escape")
    assert not meaning.is_visible()
    assert button.get_attribute("aria-expanded") == "false"


def _axe_clean(page) -> None:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def test_every_step_of_the_checker_passes_axe(page, council_site):
    """Start, each question (and one answered wrongly), check your answers, the result."""
    base = council_site("durham")
    page.goto(base + "/check/")
    _axe_clean(page)
    page.get_by_role("button", name="Start now").click()
    page.get_by_role("button", name="Continue").click()  # no age given
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    _axe_clean(page)
    page.get_by_label("How old is your child?").fill("9")
    page.get_by_role("button", name="Continue").click()
    while page.locator("input[name=from]").count():
        _axe_clean(page)
        radios = page.locator("input[type=radio]")
        if radios.count():
            radios.first.check()
        page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text("Check your answers")
    _axe_clean(page)
    page.get_by_role("button", name="See what we could get").click()
    expect(page.locator("h1")).to_have_text("What you could get")
    _axe_clean(page)
