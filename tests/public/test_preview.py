"""Officers preview the working copy through the public templates; nobody else can."""

import pytest
from django.urls import reverse

from offer.models import Service
from offer.roles import EDITOR
from tests.factories import UserFactory

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
