"""Review dates: the 'Due for review' page, marking reviewed, and reminder emails."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from offer.models import ReviewReminder, Service
from tests.factories import ContactFactory, ProviderFactory, ServiceFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days_ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


@pytest.fixture
def owners(db):
    return UserFactory(username="olu", roles=["Editor"]), UserFactory(
        username="sam", roles=["Editor"]
    )


@pytest.fixture
def due(owners):
    """Overdue, never reviewed, due within 30 days, and not due yet."""
    olu, sam = owners
    return {
        "overdue": ServiceFactory(name="Overdue club", owner=olu, last_reviewed_on=days_ago(400)),
        "never": ProviderFactory(name="Never checked provider", owner=olu),
        "soon": ContactFactory(name="Due soon team", owner=sam, last_reviewed_on=days_ago(350)),
        "fine": ServiceFactory(name="Fine club", owner=sam, last_reviewed_on=days_ago(10)),
    }


def test_due_page_lists_overdue_and_soon_items_sorted(client, owners, due):
    client.force_login(owners[0])
    response = client.get(reverse("admin:due_for_review"))
    assert response.status_code == 200
    html = response.content.decode()
    never, overdue, soon = (
        html.index(name) for name in ("Never checked provider", "Overdue club", "Due soon team")
    )
    assert never < overdue < soon
    assert "Fine club" not in html
    assert "Never reviewed" in html and "Overdue</strong> since" in html


def test_due_page_can_show_only_my_items(client, owners, due):
    client.force_login(owners[1])
    html = client.get(reverse("admin:due_for_review") + "?show=mine").content.decode()
    assert "Due soon team" in html
    assert "Overdue club" not in html


def test_due_page_rejects_an_unknown_filter_clearly(client, owners, due):
    client.force_login(owners[0])
    response = client.get(reverse("admin:due_for_review") + "?show=<script>")
    assert response.status_code == 400
    assert "That filter is not one of the choices" in response.content.decode()


def test_marking_items_reviewed_removes_them_from_the_list(client, owners, due):
    client.force_login(owners[0])
    keys = [f"offer.service:{due['overdue'].pk}", f"providers.provider:{due['never'].pk}"]
    response = client.post(reverse("admin:due_for_review"), {"item": keys}, follow=True)
    html = response.content.decode()
    assert "Marked 2 items reviewed today." in html
    assert "Overdue club" not in html and "Never checked provider" not in html
    due["overdue"].refresh_from_db()
    assert due["overdue"].last_reviewed_on == TODAY


def test_marking_reviewed_needs_change_permission_and_changes_nothing_otherwise(client, due):
    client.force_login(UserFactory(is_staff=True))  # no role
    assert client.get(reverse("admin:due_for_review")).status_code == 403

    viewer = UserFactory()
    from django.contrib.auth.models import Permission

    viewer.user_permissions.set(Permission.objects.filter(codename="view_service"))
    client.force_login(viewer)
    response = client.post(
        reverse("admin:due_for_review"), {"item": [f"offer.service:{due['overdue'].pk}"]}
    )
    assert response.status_code == 400
    assert "You do not have permission to change services." in response.content.decode()
    due["overdue"].refresh_from_db()
    assert due["overdue"].last_reviewed_on == days_ago(400)


@pytest.mark.parametrize(
    "key",
    [
        "editions.edition:1",
        "offer.service:abc",
        "nonsense",
        "offer.service:999999",
        "offer.service:²",  # a digit to Python, not a record's number
        "offer.service:١٢",
    ],
)
def test_marking_reviewed_with_a_bad_item_is_refused_whole(client, owners, due, key):
    client.force_login(owners[0])
    response = client.post(
        reverse("admin:due_for_review"), {"item": [f"offer.service:{due['overdue'].pk}", key]}
    )
    assert response.status_code == 400
    assert "Nothing was marked reviewed." in response.content.decode()
    due["overdue"].refresh_from_db()
    assert due["overdue"].last_reviewed_on == days_ago(400)


def test_mark_reviewed_is_also_an_action_on_the_services_list(client, owners, due):
    client.force_login(owners[0])
    client.post(
        reverse("admin:offer_service_changelist"),
        {"action": "mark_reviewed", "_selected_action": [due["overdue"].pk]},
    )
    assert Service.objects.get(pk=due["overdue"].pk).last_reviewed_on == TODAY


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("admin:due_for_review"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_reminders_send_each_owner_one_digest_of_their_items(owners, due, capsys):
    call_command("send_review_reminders")
    assert sorted(message.to[0] for message in mail.outbox) == [
        "olu@example.gov.uk",
        "sam@example.gov.uk",
    ]
    olu = next(m for m in mail.outbox if m.to == ["olu@example.gov.uk"])
    assert olu.subject == "Short breaks statement: 2 items due for review"
    assert "Overdue club" in olu.body and "Never checked provider" in olu.body
    assert "Due soon team" not in olu.body  # sam's
    assert f"/admin/offer/service/{due['overdue'].pk}/change/" in olu.body
    assert "Sent olu@example.gov.uk a reminder of 2 items." in capsys.readouterr().out


def test_running_reminders_twice_the_same_day_sends_nothing_twice(owners, due, capsys):
    call_command("send_review_reminders")
    call_command("send_review_reminders")
    assert len(mail.outbox) == 2
    assert "Skipped olu@example.gov.uk: already sent a reminder today." in capsys.readouterr().out
    assert ReviewReminder.objects.count() == 2


def test_reminders_go_again_on_a_later_day(owners, due):
    call_command("send_review_reminders")
    ReviewReminder.objects.update(sent_on=days_ago(1))
    call_command("send_review_reminders")
    assert len(mail.outbox) == 4


def test_a_failed_email_is_tried_again_on_the_next_run(owners, due, monkeypatch):
    from offer import reviews

    def broken(**kwargs):
        raise ConnectionError("mail server down")

    monkeypatch.setattr(reviews, "send_mail", broken)
    with pytest.raises(ConnectionError):
        call_command("send_review_reminders")
    assert not ReviewReminder.objects.exists()
    monkeypatch.undo()
    call_command("send_review_reminders")
    assert len(mail.outbox) == 2


def test_unowned_items_are_reported_not_lost(capsys, db):
    ServiceFactory(name="Orphan club")
    call_command("send_review_reminders")
    assert not mail.outbox
    assert "1 due item has no owner" in capsys.readouterr().err


def test_publishers_are_reminded_of_the_statements_own_review(durham_edition):
    from editions.models import Edition
    from editions.publishing import edition_publish

    UserFactory(username="pat", roles=["Publisher"])
    Service.objects.update(last_reviewed_on=TODAY)
    assert Edition.objects.get().next_review_due is None  # the seed gives no date
    call_command("send_review_reminders")
    assert not mail.outbox  # nothing is due when the statement gives no date
    edition_publish(label="Due later", next_review_due=TODAY + datetime.timedelta(days=60))
    call_command("send_review_reminders")
    assert not mail.outbox  # not due yet
    edition_publish(label="Due soon", next_review_due=TODAY + datetime.timedelta(days=5))
    call_command("send_review_reminders")
    assert len(mail.outbox) == 1
    assert "The statement's own review is due on" in mail.outbox[0].body


def test_owner_and_review_date_are_edited_on_the_service_page(client, owners, due):
    client.force_login(owners[0])
    html = client.get(
        reverse("admin:offer_service_change", args=[due["overdue"].pk])
    ).content.decode()
    assert 'name="owner"' in html and 'name="last_reviewed_on"' in html


def test_every_admin_page_links_to_due_for_review_and_preview(client, owners):
    client.force_login(owners[0])
    html = client.get(reverse("admin:index")).content.decode()
    assert f'href="{reverse("admin:due_for_review")}">Due for review</a>' in html
    assert 'href="/preview/">Preview</a>' in html


def test_a_long_due_list_comes_a_page_at_a_time(client, owners, due, monkeypatch):
    from shortbreaks import review_page

    monkeypatch.setattr(review_page, "DUE_PER_PAGE", 2)
    client.force_login(owners[0])
    first = client.get(reverse("admin:due_for_review") + "?show=all").content.decode()
    second = client.get(reverse("admin:due_for_review") + "?show=all&page=2").content.decode()
    assert "3 items; showing 1 to 2." in first and "Page 1 of 2" in first
    assert 'href="?show=all&amp;page=2" rel="next"' in first
    names = ("Never checked provider", "Overdue club", "Due soon team")
    assert {n for n in names if n in first} | {n for n in names if n in second} == set(names)
    assert not {n for n in names if n in first} & {n for n in names if n in second}
    assert client.get(reverse("admin:due_for_review") + "?page=9").status_code == 404


def _still_correct_link(owner_email: str, name: str) -> str:
    message = next(m for m in mail.outbox if m.to == [owner_email])
    lines = message.body.splitlines()
    at = next(i for i, line in enumerate(lines) if name in line)
    link = lines[at + 1].split("Confirm it: ", 1)[1]
    return link.split("://", 1)[-1].split("/", 1)[-1] if "://" in link else link


def test_a_reminders_still_correct_link_marks_the_item_checked(client, owners, due):
    olu, _ = owners
    olu.email = "olu@example.gov.uk"
    olu.save()
    call_command("send_review_reminders", stdout=io.StringIO())
    link = _still_correct_link("olu@example.gov.uk", "Overdue club")
    link = "/" + link.lstrip("/")
    client.force_login(olu)
    page = client.get(link)
    assert page.status_code == 200
    assert "Yes, it is still correct" in page.content.decode()
    assert Service.objects.get(name="Overdue club").last_reviewed_on == days_ago(400)  # a GET
    response = client.post(link)
    assert response.status_code == 302
    assert Service.objects.get(name="Overdue club").last_reviewed_on == TODAY
    # Due for review says who was asked, and when.
    html = client.get(reverse("admin:due_for_review")).content.decode()
    assert "Owner reminded" in html


def test_a_still_correct_link_is_refused_changed_or_for_another_officer(client, owners, due):
    olu, sam = owners
    olu.email = "olu@example.gov.uk"
    olu.save()
    call_command("send_review_reminders", stdout=io.StringIO())
    link = "/" + _still_correct_link("olu@example.gov.uk", "Overdue club").lstrip("/")
    client.force_login(sam)
    assert client.post(link).status_code == 403
    client.force_login(olu)
    assert client.post(link.rstrip("/") + "x/").status_code == 400
    assert Service.objects.get(name="Overdue club").last_reviewed_on == days_ago(400)
