"""An officer's afternoon, in a real browser: bring a small council's offer in from the
spreadsheet (dry run first, one mistake put right), copy a service, put two tiers in
order by keyboard and publish; and the admin pages we built pass axe."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from editions.models import Edition
from offer.models import Service, Tier
from tests.factories import UserFactory
from tests.imports.test_spreadsheet import A_SMALL_OFFER, filled_template

pytestmark = pytest.mark.django_db(transaction=True)

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
PASSWORD = "correct horse battery staple"


def sign_in(page, base: str, username: str) -> None:
    page.goto(base + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(base + "/admin/")


def two_tiers() -> dict:
    """The small offer with a second tier, and one mistake: a service names a tier
    that is not there."""
    offer = {key: list(value) for key, value in A_SMALL_OFFER.items()}
    offer["Tiers"] = [
        *offer["Tiers"],
        {"Name": "Extra help", "Level": "targeted", "Summary": "More support.",
         "Referral routes": "Email the team"},
    ]  # fmt: skip
    offer["Services"] = [
        *offer["Services"],
        {"Name": "Youth group", "Level of support": "Extra hlep", "Summary": "Tuesdays.",
         "In the statement": "yes"},
    ]  # fmt: skip
    return offer


def test_an_officer_brings_in_an_offer_copies_orders_and_publishes(page, live_server, tmp_path):
    base = live_server.url
    UserFactory(username="officer", roles=["Editor", "Publisher"])
    sign_in(page, base, "officer")
    assert page.locator("h2", has_text="Before the first publish").is_visible()

    page.get_by_role("link", name="Import or export the offer (spreadsheet)").first.click()
    mistaken = tmp_path / "offer.xlsx"
    mistaken.write_bytes(filled_template(two_tiers()))
    page.set_input_files("#id_file", str(mistaken))
    page.get_by_role("button", name="Check the file").click()
    problems = page.locator("table", has_text="Problems in Services")
    assert problems.locator("td", has_text="There is no tier called 'Extra hlep'.").is_visible()
    assert not Service.objects.exists()

    fixed = two_tiers()
    fixed["Services"][-1] = {**fixed["Services"][-1], "Level of support": "Extra help"}
    mistaken.write_bytes(filled_template(fixed))
    page.set_input_files("#id_file", str(mistaken))
    page.get_by_role("button", name="Check the file").click()
    assert page.get_by_text("Nothing is saved yet").is_visible()
    page.get_by_role("button", name="Import these changes").click()
    page.wait_for_url(base + "/admin/")
    assert Service.objects.count() == 3 and Tier.objects.count() == 2

    # The statement's own details, which the spreadsheet does not hold.
    page.goto(base + "/admin/offer/statement/add/")
    page.fill("#id_council_name", "Exampleshire Council")
    page.fill("#id_title", "Short breaks in Exampleshire")
    page.fill("#id_summary", "Breaks for disabled children and their families.")
    page.get_by_role("button", name="Save", exact=True).click()

    # Copy a service as a starting point.
    club = Service.objects.get(name="Saturday club")
    page.goto(f"{base}/admin/offer/service/{club.pk}/change/")
    page.get_by_role("button", name="Copy this service").click()
    assert page.locator("#id_name").input_value() == "Saturday club (copy)"
    assert Service.objects.filter(name="Saturday club (copy)").exists()

    # Put "Extra help" first, by keyboard.
    page.goto(base + "/admin/offer/tier/")
    move_up = page.get_by_role("button", name="Move up Extra help")
    move_up.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert [tier.name for tier in Tier.objects.all()] == ["Extra help", "Help for everyone"]

    # Publish from Start here.
    page.goto(base + "/admin/")
    page.get_by_role("link", name="Publish a new edition").click()
    page.get_by_role("button", name="Publish this edition").click()
    page.wait_for_url(base + "/admin/editions/edition/")
    edition = Edition.objects.get()
    assert [tier["name"] for tier in edition.snapshot["tiers"]] == [
        "Extra help",
        "Help for everyone",
    ]
    page.goto(base + "/")
    assert page.locator("h3", has_text="Extra help").first.is_visible()


# Each page, and the part of it we build (the Django admin's own header, menu and list
# filters are not ours to change).
ADMIN_PAGES = [
    ("/admin/", "#content"),
    ("/admin/offer-spreadsheet/", "#content"),
    ("/admin/offer-openreferral/", "#content"),
    ("/admin/offer/tier/", "#result_list"),
    ("/admin/offer/service/add/", "#content"),
    ("/admin/editions/edition/add/", "#content"),
]


@pytest.mark.parametrize("path, part", ADMIN_PAGES, ids=[path for path, _ in ADMIN_PAGES])
def test_the_admin_pages_we_built_pass_axe(page, council_site, path, part):
    base = council_site("durham")
    UserFactory(username="axe-officer", is_superuser=True)
    sign_in(page, base, "axe-officer")
    response = page.goto(base + path)
    assert response.status == 200
    results = Axe().run(page, context=part, options={"runOnly": {"type": "tag", "values": TAGS}})
    assert results.violations_count == 0, results.generate_report()


def test_an_import_report_passes_axe(page, council_site, tmp_path):
    base = council_site("durham")
    UserFactory(username="axe-officer", is_superuser=True)
    sign_in(page, base, "axe-officer")
    page.goto(base + "/admin/offer-spreadsheet/")
    bad = tmp_path / "services.csv"
    bad.write_text("Name,Summary,Status\nClub,x,soon\n", encoding="utf-8")
    page.set_input_files("#id_file", str(bad))
    page.get_by_role("button", name="Check the file").click()
    assert page.get_by_text("Nothing was saved").is_visible()
    results = Axe().run(
        page, context="#content", options={"runOnly": {"type": "tag", "values": TAGS}}
    )
    assert results.violations_count == 0, results.generate_report()
