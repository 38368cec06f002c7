"""The Content Security Policy blocks nothing the site itself needs: public pages, the
copy-link script and the admin's own scripts (the Markdown preview too) run with no
violation reported."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC = ["/", "/find/?when=overnight", "/services/overnight-respite-care/", "/check/"]
PUBLIC += ["/what-families-need/", "/statement/", "/glossary/"]


def _violations(page) -> list[str]:
    found: list[str] = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('Content Security Policy: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    return found


def test_public_pages_run_without_a_policy_violation(page, council_site):
    base = council_site("durham")
    found = _violations(page)
    for path in PUBLIC:
        page.goto(base + path)
        page.wait_for_load_state("load")
    # The module script ran: the share button is shown only by JavaScript.
    page.goto(base + "/services/overnight-respite-care/")
    assert page.locator("[data-copy-link]").is_visible()
    assert found == []


def test_the_admin_runs_without_a_policy_violation(page, council_site):
    base = council_site("durham")
    UserFactory(username="csp-officer", is_superuser=True)
    found = _violations(page)
    page.goto(base + "/admin/login/")
    page.fill("#id_username", "csp-officer")
    page.fill("#id_password", "correct horse battery staple")
    page.click("input[type=submit]")
    page.wait_for_url(base + "/admin/")
    # A change form with search choosers, prepopulated slugs and an inline.
    page.goto(base + "/admin/offer/service/add/")
    page.locator("#id_name").press_sequentially("Saturday club")
    assert page.input_value("#id_slug") == "saturday-club"
    assert page.locator(".select2-container").first.is_visible()
    assert page.get_by_label("Search Referral routes").is_visible()
    # The Markdown preview follows the officer's typing (its script and its request).
    page.locator("#id_description").fill("Ring 01632 960 001 or **ask** us.")
    page.locator("#id_description + details summary").click()
    preview = page.locator("#id_description + details .app-prose-preview__body")
    preview.locator("a[href='tel:+441632960001']").wait_for(timeout=5000)
    assert preview.locator("strong").inner_text() == "ask"
    # A list ordered by dragging (django-admin-sortable2's script) and Move buttons.
    page.goto(base + "/admin/offer/tier/")
    assert page.locator("#result_list .handle, #result_list .drag").first.is_visible()
    assert page.get_by_role("button", name="Move up").first.is_visible()
    page.goto(base + "/admin/two-factor/")
    assert page.locator("img[src^='data:image/svg+xml']").is_visible()
    assert found == []


def test_officers_markup_never_runs_in_a_browser(page, council_site):
    """The payload in every public text field, published: no page runs it, with the
    policy's protection and the escaping's both in place."""
    from editions.publishing import edition_publish
    from tests.test_xss import fill_every_field_with_the_payload

    base = council_site("durham")
    fill_every_field_with_the_payload()
    edition_publish(label="Poisoned")
    page.add_init_script("window.__ran = []; window.xss = () => window.__ran.push(location.href);")
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in PUBLIC + ["/providers/", "/contacts/", "/faq/", "/stories/", "/statement/changes/"]:
        page.goto(base + path)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__ran") == [], path
        # The officer's text is on the page, as text.
        assert "xss()" in page.inner_text("body"), path
    assert dialogs == []
