"""On a phone (375 by 812 CSS pixels): a family sees the answer and a way in on the first
screen, wherever they arrive."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 812}


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    opened = context.new_page()
    yield opened
    context.close()


def in_first_screen(locator) -> bool:
    """Wholly within the first screen of the page, as it loaded (not scrolled)."""
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]


def in_view(page, locator) -> bool:
    """Wholly within the screen as it is scrolled now (a pixel's rounding allowed)."""
    return locator.evaluate(
        """el => { const r = el.getBoundingClientRect();
                   return r.top >= -1 && r.bottom <= window.innerHeight + 1; }"""
    )


def test_home_shows_both_starts_and_a_number_to_tap_on_the_first_screen(phone, council_site):
    base = council_site("durham")
    phone.goto(base + "/")
    assert phone.evaluate("window.scrollY") == 0
    first_number = phone.locator("main a[href^='tel:']").first
    assert in_first_screen(first_number), first_number.bounding_box()
    assert in_first_screen(phone.get_by_role("link", name="Find a short break", exact=True))
    assert in_first_screen(phone.get_by_role("link", name="What could we get?"))


def test_after_a_search_the_results_heading_is_in_view_and_read_out(phone, council_site):
    base = council_site("durham")
    phone.goto(base + "/find/")
    phone.get_by_label("Search").fill("holiday")
    phone.get_by_role("button", name="Show services").click()
    phone.wait_for_url("**/find/?*#results")
    heading = phone.locator("#results")
    # Focus on the heading has a screen reader read how many were found.
    expect(heading).to_be_focused()
    expect(heading).to_contain_text("service")
    assert in_view(phone, heading)
    # The filters have folded away, so the results are not pushed down the page.
    assert phone.locator("details.app-filters").get_attribute("open") is None


def test_the_checkers_start_here_box_comes_first(phone, council_site):
    base = council_site("durham")
    phone.goto(
        base + "/check/result/?age=10&social_worker=yes&ehcp=no&when=weekends&tried_community=yes"
    )
    start = phone.locator("#start-here")
    assert in_first_screen(start.get_by_role("heading", name="Start here"))
    # Nothing but the page heading comes before it in the main content.
    before = phone.evaluate(
        """() => { const start = document.getElementById('start-here');
                   return [...document.querySelectorAll('main h2, main h3, main p')]
                     .filter(el => el.checkVisibility())
                     .filter(el => el.compareDocumentPosition(start)
                                   & Node.DOCUMENT_POSITION_FOLLOWING)
                     .map(el => el.textContent.trim()); }"""
    )
    assert before == [], before


def test_a_link_to_how_to_get_it_in_an_earlier_edition_lands_on_a_warning(phone, council_site):
    base = council_site("durham")  # two editions: the first is now an earlier one
    phone.goto(base + "/statement/1/services/overnight-respite-care/#how-to-get-it")
    notice = phone.locator("#how-to-get-it ~ .app-edition-notice").first
    expect(notice).to_contain_text("edition, which may be out of date")
    assert in_view(phone, notice)
    assert in_view(phone, phone.locator("#how-to-get-it"))


@pytest.mark.parametrize("council", ["durham", "dorset", "leicestershire"])
def test_every_service_page_shows_its_way_in_and_cost_on_the_first_screen(
    phone, council_site, council
):
    """For every service on offer with a way in: the 'To get it' box, with the number,
    email or link to tap and the cost, is wholly on the first screen of a phone."""
    from editions.selectors import statement_current

    base = council_site(council)
    _, statement = statement_current()
    services = [s for s in statement.offered_services if s.ways_in]
    assert services
    late = []
    for service in services:
        phone.goto(f"{base}/services/{service.slug}/")
        box = phone.locator(".app-first-steps")
        tap = box.locator("a[href^='tel:'], a[href^='mailto:'], a[href^='http']").first
        target = tap if tap.count() else box.locator("a").first
        if not (in_first_screen(box.get_by_text("Cost:")) and in_first_screen(target)):
            late.append((service.slug, box.bounding_box()))
    assert late == [], late


SERVICES = ["School holiday clubs", "Keeping families connected", "Overnight respite care"]


def _add_three(page, base: str) -> None:
    """Each found with the finder's search box and added, as a family would."""
    page.goto(base + "/find/")
    for name in SERVICES:
        page.get_by_label("Search").fill(name)
        page.get_by_role("button", name="Show services").click()
        page.get_by_role("link", name=f"Add {name} to my list").click()
        expect(page.get_by_role("link", name=f"Remove {name} from my list")).to_be_visible()


def _list_shown(page) -> None:
    expect(page.locator("#my-list")).to_contain_text("Your list (3)")


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_the_list_survives_home_find_a_service_and_home(browser, council_site, javascript):
    base = council_site("durham")
    context = browser.new_context(viewport=PHONE, is_mobile=True, java_script_enabled=javascript)
    phone = context.new_page()
    _add_three(phone, base)
    phone.locator("header a").first.click()  # the council's name: home
    phone.wait_for_url(lambda url: url.split("?")[0].rstrip("/") == base)
    _list_shown(phone)
    phone.get_by_role("link", name="Find a short break", exact=True).first.click()
    _list_shown(phone)
    phone.get_by_label("Search").fill("overnight")
    phone.get_by_role("button", name="Show services").click()
    _list_shown(phone)
    phone.get_by_role("link", name="Overnight respite care", exact=True).click()
    expect(phone.locator("h1")).to_have_text("Overnight respite care")
    _list_shown(phone)
    expect(
        phone.get_by_role("link", name="Remove Overnight respite care from my list")
    ).to_be_visible()
    phone.locator("header a").first.click()
    _list_shown(phone)
    if javascript:
        # Typed in afresh, with nothing in the address: the browser's own storage.
        phone.goto(base + "/")
        _list_shown(phone)
    phone.locator("#my-list a").click()
    expect(phone.locator("h2 a")).to_have_text(SERVICES)
    context.close()


def test_your_list_stays_in_view_while_a_family_scrolls(phone, council_site):
    base = council_site("durham")
    _add_three(phone, base)
    phone.goto(base + "/statement/")
    _list_shown(phone)
    phone.evaluate("window.scrollTo(0, 3000)")
    assert phone.evaluate("window.scrollY") > 2000
    assert in_view(phone, phone.locator("#my-list a"))
