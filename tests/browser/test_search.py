"""Parents' own words in the finder, typed into the search box in a browser on each
council's statement: ranked, relevant services, slips put right, a plain answer for a
condition no service names."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def _search(page, base: str, words: str) -> list[str]:
    page.goto(base + "/find/")
    page.get_by_label("Search").fill(words)
    page.get_by_role("button", name="Show services").click()
    page.wait_for_url("**/find/?*")
    return page.locator("#finder-results li h3 a, #finder-results li h4 a").all_inner_texts()


@pytest.mark.parametrize("council", ["durham", "dorset", "leicestershire"])
def test_parents_words_find_ranked_relevant_services(page, council_site, council):
    base = council_site(council)

    found = _search(page, base, "overnight")
    overnight = [name for name in found if "overnight" in name.casefold()]
    assert overnight and found[: len(overnight)] == overnight, found

    for words in ("autism", "autisim"):
        _search(page, base, words)
        expect(page.locator(".govuk-inset-text")).to_contain_text("whatever their diagnosis")
    expect(page.get_by_text(re.compile("Showing results for autism"))).to_be_visible()

    assert _search(page, base, "help at weekends"), "no service for weekends"
    assert _search(page, base, "someone to sit with him"), "no one to sit with him"
