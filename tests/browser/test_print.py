"""The whole statement and service pages print cleanly: printed to PDF by Chromium."""

import io
import re

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.django_db(transaction=True)

NAVIGATION = ["Skip to main content", "Find a short break", "What could we get?", "All editions"]


def _printed(page, url: str) -> list[str]:
    page.goto(url)
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=False)
    return [sheet.extract_text() for sheet in PdfReader(io.BytesIO(pdf)).pages]


def test_the_whole_statement_prints_each_tier_on_a_new_page_in_20_pages(page, council_site):
    base = council_site("durham")
    sheets = _printed(page, base + "/statement/")
    assert len(sheets) <= 20
    text = "\n".join(sheets)
    for words in NAVIGATION:
        assert words not in text
    assert f"Printed from {base}/statement/" in text.replace("\n", "")
    tops = [" ".join(sheet.split())[:200] for sheet in sheets]
    for tier in (
        "Advice, signposting and enabling access",
        "Additional support",
        "Specialist support",
    ):
        assert any(tier in top for top in tops), f"{tier} does not start a page"
    # Links within the site print with their full address.
    assert f"({base}/services/" in text.replace("\n", "")
    # Nothing is lost: every service, and each contact's number, is there.
    flat = " ".join(text.split())
    for words in ("Hospice care", "Pilot personalisation pot", "03000 260 270", "03000 051 213"):
        assert words in flat


def test_a_service_page_prints_without_navigation_and_with_its_phone_number(page, council_site):
    base = council_site("durham")
    sheets = _printed(page, base + "/services/overnight-respite-care/")
    text = " ".join(" ".join(sheets).split())
    for words in NAVIGATION:
        assert words not in text
    assert "Overnight respite care" in text
    assert "03000 267 979" in text
    assert len(sheets) <= 3
    # Which statement, edition and date it is from; a glossary word prints no address.
    assert re.search(r"2027 to 2028 edition, published \d{1,2} \w+ \d{4}\. Printed from", text)
    assert "/glossary/" not in text


def test_a_shortlist_built_without_javascript_prints_its_services(browser, council_site):
    base = council_site("durham")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "/find/?q=holiday")
    page.get_by_role("link", name="Add School holiday clubs to my list").click()
    page.get_by_role("link", name="Add Keeping families connected to my list").click()
    assert "Your list (2)" in page.locator("#my-list").inner_text()
    page.locator("#my-list a").click()
    assert page.locator("h1").inner_text() == "Your list of short breaks"
    sheets = _printed(page, page.url)
    text = " ".join(" ".join(sheets).split())
    for words in NAVIGATION + ["Email this list", "Remove"]:
        assert words not in text
    for words in ("School holiday clubs", "Keeping families connected", "How to get it", "Cost"):
        assert words in text
    context.close()
