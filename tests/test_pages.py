import pytest

pytestmark = pytest.mark.django_db


def test_accessibility_statement_has_the_parts_the_regulations_expect(client, durham_edition):
    response = client.get("/accessibility/")
    assert response.status_code == 200
    html = response.content.decode()
    for heading in [
        "Feedback and contact information",
        "Enforcement procedure",
        "Compliance status",
        "How we tested this website",
    ]:
        assert heading in html
    assert "Durham County Council" in html


def test_every_page_has_a_skip_link_the_council_name_and_footer_links(client, durham_edition):
    html = client.get("/services/virtual-activities/").content.decode()
    assert '<a href="#main-content" class="govuk-skip-link"' in html
    assert 'id="main-content"' in html
    assert 'class="app-header__council">Durham County Council</a>' in html
    assert 'href="/accessibility/">Accessibility statement</a>' in html
    assert 'href="/contacts/">Useful contacts</a>' in html
    assert 'aria-label="Breadcrumb"' in html
