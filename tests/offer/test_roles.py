"""The Editor and Publisher groups: editors edit and preview, only publishers publish."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from editions.models import Edition
from editions.publishing import PublishNotAllowed, edition_publish
from offer.models import Service
from offer.roles import EDITOR, PUBLISHER
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _officer(role: str, username: str):
    return UserFactory(username=username, roles=[role])


def test_the_migration_creates_both_roles():
    editor = set(Group.objects.get(name=EDITOR).permissions.values_list("codename", flat=True))
    publisher = set(
        Group.objects.get(name=PUBLISHER).permissions.values_list("codename", flat=True)
    )
    assert {"change_service", "add_service", "change_contact", "preview_statement"} <= editor
    assert "publish_edition" not in editor
    assert publisher == editor | {"publish_edition"}


def test_an_editor_can_edit_a_service_in_the_admin(client, durham_edition):
    client.force_login(_officer(EDITOR, "eddie"))
    service = Service.objects.get(slug="virtual-activities")
    assert client.get(reverse("admin:offer_service_change", args=[service.pk])).status_code == 200


def test_an_editor_cannot_publish_in_the_admin(client, durham_edition):
    client.force_login(_officer(EDITOR, "eddie"))
    changelist = client.get(reverse("admin:editions_edition_changelist")).content.decode()
    assert "Publish a new edition" not in changelist

    page = client.get(reverse("admin:editions_edition_publish"))
    assert page.status_code == 403
    assert "eddie cannot publish: only officers with the Publisher role can." in (
        page.content.decode()
    )
    today = timezone.localdate()
    response = client.post(
        reverse("admin:editions_edition_publish"),
        {"label": "x", "reviewed_on": today, "next_review_due": today.replace(year=today.year + 1)},
    )
    assert response.status_code == 403
    assert Edition.objects.count() == 1


def test_an_editor_cannot_publish_from_the_command_line(durham_edition):
    _officer(EDITOR, "eddie")
    with pytest.raises(
        CommandError, match="eddie cannot publish: only officers with the Publisher"
    ):
        call_command("publish_statement", "--by", "eddie")
    assert Edition.objects.count() == 1


def test_the_service_layer_refuses_an_editor_too(durham_edition):
    with pytest.raises(PublishNotAllowed):
        edition_publish(published_by=_officer(EDITOR, "eddie"))


def test_a_publisher_can_publish_from_the_admin_and_the_command_line(client, durham_edition):
    publisher = _officer(PUBLISHER, "pat")
    call_command("publish_statement", "--by", "pat", verbosity=0)
    assert Edition.objects.get(version=2).published_by == publisher

    client.force_login(publisher)
    page = client.get(reverse("admin:editions_edition_publish"))
    assert page.status_code == 200
    today = timezone.localdate()
    response = client.post(
        reverse("admin:editions_edition_publish"),
        {
            "label": "2026 to 2027, update 2",
            "reviewed_on": today.isoformat(),
            "next_review_due": today.replace(year=today.year + 1).isoformat(),
            "working_copy": page.context["working_copy"],
        },
    )
    assert response.status_code == 302
    assert Edition.objects.count() == 3
