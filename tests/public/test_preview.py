"""Officers preview the working copy through the public templates; nobody else can."""

import pytest
from django.urls import reverse

from editions.publishing import edition_publish
from offer.models import Service
from offer.roles import EDITOR
from tests.factories import ServiceFactory, StatementFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    return UserFactory(username="eddie", roles=[EDITOR])


@pytest.fixture
def draft_edit(durham_edition):
    """An unpublished change: the working copy differs from the current edition."""
    Service.objects.filter(slug="virtual-activities").update(name="Online clubs (draft)")


PREVIEW_PAGES = [
    "/preview/",
    "/preview/statement/",
    "/preview/support/additional-support/",
    "/preview/services/virtual-activities/",
    "/preview/providers/",
    "/preview/providers/sendeic/",
    "/preview/contacts/",
]


@pytest.mark.parametrize("path", PREVIEW_PAGES)
def test_editors_see_the_working_copy_with_the_preview_banner(client, editor, draft_edit, path):
    client.force_login(editor)
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Preview - not published" in html
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_the_preview_shows_unpublished_edits_and_links_stay_in_the_preview(
    client, editor, draft_edit
):
    client.force_login(editor)
    html = client.get("/preview/support/additional-support/").content.decode()
    assert "Online clubs (draft)" in html
    assert 'href="/preview/services/virtual-activities/"' in html
    assert 'href="/services/virtual-activities/"' not in html
    # The public page still shows the published edition.
    client.logout()
    assert (
        "Online clubs (draft)" not in client.get("/services/virtual-activities/").content.decode()
    )


def test_a_preview_of_a_draft_that_was_never_published_works(client, editor, durham_edition):
    from tests.factories import ServiceFactory

    ServiceFactory(name="Brand new club", slug="brand-new-club", tier=Service.objects.first().tier)
    client.force_login(editor)
    assert "Brand new club" in client.get("/preview/services/brand-new-club/").content.decode()
    assert client.get("/services/brand-new-club/").status_code == 404


@pytest.mark.parametrize("path", PREVIEW_PAGES)
def test_anonymous_visitors_get_no_draft_and_no_pointer_to_the_admin(client, draft_edit, path):
    response = client.get(path)
    assert response.status_code == 403
    assert "Location" not in response
    admin_path = reverse("admin:index")
    assert admin_path not in response.content.decode()
    assert "Online clubs (draft)" not in response.content.decode()


def test_logged_in_non_staff_are_refused(client, draft_edit):
    client.force_login(UserFactory(is_staff=False))
    response = client.get("/preview/services/virtual-activities/")
    assert response.status_code == 403


def test_staff_without_a_role_are_refused(client, draft_edit):
    client.force_login(UserFactory())  # staff, but neither Editor nor Publisher
    response = client.get("/preview/services/virtual-activities/")
    assert response.status_code == 403
    assert "Online clubs (draft)" not in response.content.decode()


def test_the_preview_shows_the_pages_reading_age_and_its_long_sentences(client, editor, db):
    StatementFactory(reading_age_target=9)
    long = (
        "This sentence about a holiday club goes on for far too long because it lists "
        "every single thing that a family might ever want to know before they ask."
    )
    short = "We meet on Saturdays. Bring a packed lunch. Parents can stay. It is in the park."
    ServiceFactory(slug="club", summary="A club.", description=f"{long} {short}")
    edition_publish(label="2026")
    client.force_login(editor)
    html = client.get("/preview/services/club/").content.decode()
    banner = html.split('id="main-content"')[0]
    assert "Reading age: about" in banner
    assert "target of 9" in banner
    assert "Sentences over 25 words (1)" in banner
    assert f"<li>{long}</li>" in banner
    # Families never see it.
    public = client.get("/services/club/")
    assert public.status_code == 200
    assert "Reading age" not in public.content.decode()
