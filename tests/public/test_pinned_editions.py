import pytest

from editions.publishing import edition_publish
from offer.models import Service

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_editions(durham_edition):
    """Edition 1 as loaded; edition 2 after 'Virtual activities' was renamed."""
    Service.objects.filter(slug="virtual-activities").update(name="Online clubs")
    return durham_edition, edition_publish(label="2026 to 2027")


def test_editions_page_lists_every_edition_newest_first_with_the_current_marked(
    client, two_editions
):
    html = client.get("/statement/editions/").content.decode()
    newer = html.index('href="/statement/2/">2026 to 2027</a>')
    older = html.index('href="/statement/1/">2025 to 2026</a>')
    assert newer < older
    assert html.count(">Current</strong>") == 1
    assert html.index(">Current</strong>") < older


@pytest.mark.parametrize(
    "path",
    [
        "",
        "support/additional-support/",
        "services/virtual-activities/",
        "providers/",
        "providers/sendeic/",
        "contacts/",
    ],
)
def test_every_page_of_an_earlier_edition_renders_with_the_banner(client, two_editions, path):
    response = client.get(f"/statement/1/{path}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "This is the 2025 to 2026 edition." in html
    assert "See the current statement</a>" in html


def test_an_earlier_edition_shows_what_was_published_then(client, two_editions):
    html = client.get("/statement/1/services/virtual-activities/").content.decode()
    assert '<h1 class="govuk-heading-xl">Virtual activities</h1>' in html
    assert 'href="/services/virtual-activities/">See the current statement' in html
    current = client.get("/services/virtual-activities/").content.decode()
    assert '<h1 class="govuk-heading-xl">Online clubs</h1>' in current


def test_links_inside_a_pinned_edition_stay_in_that_edition(client, two_editions):
    html = client.get("/statement/1/support/additional-support/").content.decode()
    assert 'href="/statement/1/services/virtual-activities/"' in html
    assert 'href="/services/virtual-activities/"' not in html


def test_the_current_edition_pinned_has_no_banner(client, two_editions):
    html = client.get("/statement/2/services/virtual-activities/").content.decode()
    assert "Online clubs" in html
    assert "Earlier edition" not in html


@pytest.mark.parametrize(
    "path",
    [
        "/statement/9/",
        "/statement/9/services/virtual-activities/",
        "/statement/99999999999999999999999/",  # beyond any database integer
    ],
)
def test_an_unknown_edition_gets_a_helpful_404(client, two_editions, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "We could not find that edition of the statement." in response.content.decode()


def test_a_service_missing_from_a_pinned_edition_is_404(client, two_editions):
    assert client.get("/statement/1/services/no-such-thing/").status_code == 404


def test_editions_page_before_anything_is_published(client):
    response = client.get("/statement/editions/")
    assert response.status_code == 200
    assert "has not been published yet" in response.content.decode()


def test_an_earlier_editions_warning_is_where_a_professionals_link_lands(client, two_editions):
    html = client.get("/statement/1/services/virtual-activities/").content.decode()
    main = html[html.index('<main class="govuk-main-wrapper"') : html.index("</main>")]
    assert "Earlier edition" in main  # the banner is in main, read with the page
    how = main.split('id="how-to-get-it"')[1]
    notice = how[: how.index("</p>")]
    assert "From the 2025 to 2026 edition, which may be out of date." in notice
    assert 'href="/services/virtual-activities/#how-to-get-it"' in notice
    for anchor in ("eligibility", "contacts"):
        section = main.split(f'id="{anchor}"')[1][:600]
        assert "From the 2025 to 2026 edition" in section
    current = client.get("/services/virtual-activities/").content.decode()
    assert "From the 2025 to 2026 edition" not in current
    assert 'data-copy-section="how-to-get-it" hidden>' in current  # shown by JavaScript
