"""Journeys a family makes: by keyboard alone, without JavaScript, on a small phone."""

import pytest
from playwright.sync_api import expect

from .conftest import ARTEFACTS

pytestmark = pytest.mark.django_db(transaction=True)

# What has keyboard focus, and whether the focus can be seen (an outline or the GOV.UK
# box shadow; a checkbox or radio shows it on its label's ::before box).
FOCUS = """() => {
  const el = document.activeElement;
  let style = getComputedStyle(el);
  if (el.matches('input[type=checkbox], input[type=radio]')) {
    style = getComputedStyle(el.labels[0], '::before');
  }
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  return {
    visible: el !== document.body && (outline || shadow),
    tag: el.tagName,
    href: el.getAttribute('href') || '',
    value: el.value || '',
    text: (el.innerText || el.textContent || '').trim().slice(0, 60),
  };
}"""


def tab_to(page, wanted, limit=200):
    """Press Tab until `wanted(focused)` is true, checking focus is visible each time."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS)
        assert focused["visible"], f"focus cannot be seen on {focused}"
        if wanted(focused):
            return focused
    raise AssertionError("never reached the element by pressing Tab")


def test_keyboard_only_from_home_to_a_referral_phone_number(page, council_site):
    base = council_site("durham")
    page.goto(base + "/")
    tab_to(page, lambda f: f["text"] == "Find a short break")
    page.keyboard.press("Enter")
    page.wait_for_url("**/find/")
    tab_to(page, lambda f: f["tag"] == "INPUT" and f["value"] == "overnight")
    page.keyboard.press("Space")
    # Shift+Tab back and forth must keep the choice and the visible focus.
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(FOCUS)["visible"]
    tab_to(page, lambda f: f["text"] == "Show services")
    page.keyboard.press("Enter")
    page.wait_for_url("**/find/?*when=overnight*")
    tab_to(page, lambda f: f["text"] == "Overnight respite care")
    page.keyboard.press("Enter")
    page.wait_for_url("**/services/overnight-respite-care/")
    focused = tab_to(page, lambda f: f["href"].startswith("tel:"))
    assert focused["href"] == "tel:+443000051213"
    assert page.locator("a[href='tel:+443000267979']").is_visible()


@pytest.fixture
def no_js_page(browser):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    yield context.new_page()
    context.close()


def test_every_page_works_without_javascript(no_js_page, council_site):
    page = no_js_page
    base = council_site("durham")
    for path in [
        "/",
        "/support/additional-support/",
        "/services/hospice-care/",
        "/providers/",
        "/contacts/",
        "/statement/",
        "/statement/editions/",
        "/statement/changes/",
        "/glossary/",
        "/what-families-need/",
        "/accessibility/",
    ]:
        response = page.goto(base + path)
        assert response.status == 200, path
        assert page.locator("h1").count() == 1, path
    # This statement has no questions or stories: those pages are not there.
    for path in ("/faq/", "/stories/"):
        assert page.goto(base + path).status == 404, path
        assert page.locator("h1").count() == 1, path
    # The finder: tick a filter, submit, follow a result.
    page.goto(base + "/find/")
    page.get_by_label("Overnight").check()
    page.get_by_role("button", name="Show services").click()
    page.wait_for_url("**/find/?*when=overnight*")
    page.get_by_role("link", name="Overnight respite care", exact=True).click()
    page.wait_for_url("**/services/overnight-respite-care/")
    # Services to ask about come a page at a time, through plain links.
    page.go_back()
    page.get_by_role("navigation", name="Pages of services to ask about").get_by_role(
        "link", name="Next page"
    ).click()
    page.wait_for_url("**/find/?*ask=2*")
    page.get_by_role("link", name="Hospice care", exact=True).click()
    page.wait_for_url("**/services/hospice-care/")
    # The checker: one question a page, check the answers, read the result, change one.
    page.goto(base + "/check/")
    page.get_by_role("button", name="Start now").click()
    page.get_by_label("How old is your child?").fill("9")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_contain_text("Does your child have a social worker?")
    while page.locator("input[name=from]").count():
        if page.locator("input[type=radio]").count():
            page.get_by_label("Yes").check()
        page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text("Check your answers")
    page.get_by_role("button", name="See what we could get").click()
    page.wait_for_url("**/check/result/?*")
    expect(page.locator("h1")).to_have_text("What you could get")
    # It leads with the services that suit, each with its way in; the rest is folded.
    best = page.locator("#best-matches + ul > li")
    assert 1 <= best.count() <= 3
    expect(best.first).to_contain_text("To get it:")
    expect(page.locator("#all-results")).not_to_have_attribute("open", "")
    page.get_by_role("link", name="Change your answer to: How old is your child?").click()
    expect(page.get_by_label("How old is your child?")).to_have_value("9")
    page.get_by_label("How old is your child?").fill("10")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text("Check your answers")
    expect(page.locator(".govuk-summary-list")).to_contain_text("10")


def test_copy_link_copies_the_address_with_javascript_and_hides_without(browser, council_site):
    base = council_site("durham")
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base + "/services/hospice-care/")
    page.get_by_role("button", name="Copy link", exact=True).click()
    # The copy is asynchronous: wait for the message rather than reading it at once.
    expect(page.locator("#copy-status")).to_have_text("Link copied.")
    assert page.evaluate("navigator.clipboard.readText()") == base + "/services/hospice-care/"
    context.close()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "/services/hospice-care/")
    assert not page.get_by_role("button", name="Copy link", exact=True).is_visible()
    assert page.locator("#page-address").inner_text() == base + "/services/hospice-care/"
    assert page.locator("#page-address").is_visible()
    context.close()


SCREENSHOT_PAGES = {
    "home": "/",
    "service": "/services/overnight-respite-care/",
    "finder": "/find/?when=overnight",
    "checker": "/check/",
    "checker-result": "/check/result/?age=9&social_worker=yes&ehcp=no&tried_community=yes",
}


@pytest.mark.parametrize("width", [320, 1280])
def test_nothing_scrolls_sideways_and_screenshots_are_saved(browser, council_site, width):
    base = council_site("durham")
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for name, path in SCREENSHOT_PAGES.items():
        page.goto(base + path)
        overflow = page.evaluate("document.documentElement.scrollWidth") - width
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px wide"
        page.screenshot(path=ARTEFACTS / f"{name}-{width}.png", full_page=True)
    context.close()
    for name in SCREENSHOT_PAGES:
        assert (ARTEFACTS / f"{name}-{width}.png").stat().st_size > 1000


def test_adding_to_the_list_with_javascript_stays_in_place_and_says_so(page, council_site):
    base = council_site("durham")
    page.goto(base + "/find/?q=holiday")
    add = page.get_by_role("link", name="Add School holiday clubs to my list")
    add.click()
    remove = page.get_by_role("link", name="Remove School holiday clubs from my list")
    expect(remove).to_be_focused()
    expect(page.locator("#shortlist-announce")).to_have_text(
        "School holiday clubs added to your list."
    )
    expect(page.locator("#my-list")).to_contain_text("Your list (1)")
    # The address bar holds the list, and the other links carry it too.
    assert "s=" in page.url and "#" not in page.url.split("?")[0]
    page.get_by_role("link", name="Add Keeping families connected to my list").click()
    expect(page.locator("#my-list")).to_contain_text("Your list (2)")
    page.locator("#my-list a").click()
    expect(page.locator("h1")).to_have_text("Your list of short breaks")
    expect(page.locator("h2 a")).to_have_text(
        ["School holiday clubs", "Keeping families connected"]
    )
