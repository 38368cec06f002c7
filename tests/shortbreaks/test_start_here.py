"""The admin's home page, "Start here": the checklist before publishing, what is due,
feedback, the statutory coverage, and the menu in the order an officer works."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from feedback.models import PageFeedback
from tests.factories import UserFactory, officer_with

pytestmark = pytest.mark.django_db


def start_here(client, user=None) -> str:
    client.force_login(user or UserFactory(is_superuser=True))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return response.content.decode()


def test_an_empty_site_lists_what_is_missing_before_the_first_publish(client):
    page = start_here(client)
    assert "Before the first publish" in page
    assert '<a href="/admin/offer/statement/add/">Add the statement details' in page
    assert '<a href="/admin/offer/service/add/">Add at least one service' in page
    # It leads with bringing in what the council already has.
    assert page.index('id="bring-in"') < page.index("Before the first publish")
    bring_in = page.split('id="bring-in"')[1].split("</div>")[0]
    assert 'href="/admin/offer-spreadsheet/?download=xlsx&amp;empty=1"' in bring_in
    assert 'href="/admin/offer-openreferral/"' in bring_in
    template = client.get("/admin/offer-spreadsheet/?download=xlsx&empty=1")
    assert template.status_code == 200 and template["Content-Type"].startswith("application/")


def test_once_there_is_an_offer_start_here_no_longer_leads_with_bringing_it_in(client):
    call_command("loaddata", "durham", verbosity=0)
    assert 'id="bring-in"' not in start_here(client)


@pytest.mark.parametrize("council", ["durham", "dorset", "leicestershire"])
def test_each_council_sees_its_checklist_and_coverage(client, council):
    call_command("loaddata", council, verbosity=0)
    page = start_here(client)
    assert "Nothing stops the working copy being published." in page
    assert "Services by kind of break and age" in page
    rows = re.findall(r'<th scope="row">([^<]+)</th>', page.split('id="coverage"')[1])
    assert "Overnight care elsewhere" in rows and "Breaks in the school holidays" in rows
    assert 'class="app-publish"' in page


def test_the_menu_goes_in_the_order_an_officer_works_with_plain_names(client):
    page = start_here(client)
    groups = re.findall(r'<caption>\s*<a href="[^"]*#menu-\d+"[^>]*>([^<]+)</a>', page)
    assert groups[:4] == [
        "The statement",
        "Who runs breaks and whom families contact",
        "Help for families",
        "Publishing and feedback",
    ]
    assert "Sign-in lockouts" in page and "Two-factor devices" in page
    words = re.sub(r"<[^>]+>", " ", page.split("<body")[1]).upper()  # what officers read
    assert "AXES" not in words and "OTP_TOTP" not in words and "TOTP DEVICES" not in words


def test_only_publishers_get_the_publish_button(client):
    editor = officer_with("view_service", "change_service")
    assert 'class="app-publish"' not in start_here(client, editor)


def test_it_counts_feedback_since_the_current_edition(client):
    call_command("load_demo", "leicestershire", stdout=None)
    PageFeedback.objects.create(path="/find/", useful=False, comment="")
    PageFeedback.objects.create(path="/", useful=True, comment="")
    page = start_here(client)
    assert "2 answers since the current edition was published, 1 saying a page was not useful" in (
        re.sub(r"\s+", " ", page)
    )


def test_start_here_counts_what_is_due_for_review_and_how_much_is_yours(client):
    import datetime

    from django.utils import timezone

    from tests.factories import ContactFactory, ServiceFactory

    me = UserFactory(roles=["Editor"])
    long_ago = timezone.localdate() - datetime.timedelta(days=400)
    ServiceFactory(name="Mine, overdue", owner=me, last_reviewed_on=long_ago)
    ServiceFactory(name="Nobody's, never checked", last_reviewed_on=None)
    ContactFactory(name="Mine, never checked", owner=me, last_reviewed_on=None)
    ServiceFactory(name="Checked last week", owner=me, last_reviewed_on=timezone.localdate())
    assert "Due for review</a>: 3 items, 2 of them yours." in start_here(client, me)


def test_staff_with_no_role_see_nothing_of_the_offer(client):
    """Not the names of services not yet published, not where a draft would live."""
    from django.contrib.contenttypes.models import ContentType

    from offer.models import Service

    call_command("loaddata", "durham", verbosity=0)
    draft = Service.objects.first()
    nobody = UserFactory(is_staff=True)
    page = start_here(client, nobody)
    assert "You have no role yet" in page
    assert draft.name not in page and "Before the first publish" not in page
    # From the database: the cache may hold ids from before another test flushed it.
    content_type = ContentType.objects.get(app_label="offer", model="service")
    assert client.get(f"/admin/r/{content_type.pk}/{draft.pk}/").status_code == 403
    client.force_login(UserFactory(roles=["Editor"]))
    assert client.get(f"/admin/r/{content_type.pk}/{draft.pk}/").status_code == 302
    assert client.get("/admin/r/999999/1/").status_code == 404
