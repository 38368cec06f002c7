"""Publishing from the admin: the publish page lists what to put right, publishes only
for publishers, and editions stay read-only."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from editions.models import Edition
from tests.factories import (
    ContactFactory,
    EditionFactory,
    ReferralRouteFactory,
    ServiceFactory,
    StatementFactory,
    officer_with,
)

pytestmark = pytest.mark.django_db


def test_publishing_from_the_admin_lists_problems_then_publishes(client):
    publisher = officer_with("publish_edition", "view_edition")
    client.force_login(publisher)
    service = ServiceFactory(name="Holiday club", referral_routes=[])
    page = client.get(reverse("admin:editions_edition_publish")).content.decode()
    assert "cannot be published yet" in page
    assert "Service &quot;Holiday club&quot; has no referral route" in page

    service.referral_routes.set([ReferralRouteFactory()])
    StatementFactory()
    today = timezone.localdate()
    checked = client.get(reverse("admin:editions_edition_publish")).context["working_copy"]
    response = client.post(
        reverse("admin:editions_edition_publish"),
        {
            "label": "2026 to 2027",
            "reviewed_on": today.isoformat(),
            "next_review_due": today.replace(year=today.year + 1).isoformat(),
            "working_copy": checked,
        },
    )
    assert response.status_code == 302
    edition = Edition.objects.get()
    assert (edition.label, edition.published_by) == ("2026 to 2027", publisher)


def test_the_publish_page_warns_of_a_contact_families_cannot_reach_but_allows_it(client):
    client.force_login(officer_with("publish_edition", "view_edition"))
    StatementFactory()
    bare = ContactFactory(name="The directory", email="", website="")
    ServiceFactory(referral_routes=[ReferralRouteFactory(contacts=[bare])])
    page = client.get(reverse("admin:editions_edition_publish")).content.decode()
    assert "Contact &quot;The directory&quot; has no phone, email or website" in page
    assert f'href="/admin/contacts/contact/{bare.pk}/change/"' in page
    assert 'value="Publish this edition">' in page  # not disabled


def test_the_publish_form_assumes_no_review_date_and_says_what_each_claims(client):
    """No date is filled in for the officer (today would claim a review nobody stated);
    each date says what families will read it as; the label is the day of publishing."""
    client.force_login(officer_with("publish_edition", "view_edition"))
    page = client.get(reverse("admin:editions_edition_publish")).content.decode()
    assert re.search(r'<input type="date" name="reviewed_on"(?![^>]*value=)[^>]*>', page)
    assert re.search(r'<input type="date" name="next_review_due"(?![^>]*value=)[^>]*>', page)
    assert "Only if the statement says when the offer was last reviewed" in page
    assert "the council&#x27;s promise" in page
    today = timezone.localdate()
    assert f'name="label" value="{today.day} {today:%B %Y}"' in page


def test_an_edition_published_without_dates_states_none(client):
    client.force_login(officer_with("publish_edition", "view_edition"))
    StatementFactory()
    ServiceFactory()
    page = client.get(reverse("admin:editions_edition_publish"))
    response = client.post(
        reverse("admin:editions_edition_publish"),
        {"label": "First", "working_copy": page.context["working_copy"]},
    )
    assert response.status_code == 302, response.content.decode()
    edition = Edition.objects.get()
    assert (edition.reviewed_on, edition.next_review_due) == (None, None)
    statement = client.get("/statement/").content.decode()
    assert "Reviewed" not in statement and "review due" not in statement
    editions = client.get("/statement/editions/").content.decode()
    assert "Reviewed on" not in editions and "Next review due" not in editions


def test_a_review_due_in_a_year_is_published_as_that_year(client):
    client.force_login(officer_with("publish_edition", "view_edition"))
    StatementFactory()
    ServiceFactory()
    page = client.get(reverse("admin:editions_edition_publish"))
    assert 'name="next_review_due_shown_as"' in page.content.decode()
    response = client.post(
        reverse("admin:editions_edition_publish"),
        {
            "label": "2026 to 2027",
            "reviewed_on": "2026-09-01",
            "reviewed_on_shown_as": "day",
            "next_review_due": "2027-06-15",
            "next_review_due_shown_as": "year",
            "working_copy": page.context["working_copy"],
        },
    )
    assert response.status_code == 302
    edition = Edition.objects.get()
    assert str(edition.next_review_due) == "2027-01-01"  # reminders count from its start
    assert "Next review due 2027." in client.get("/statement/").content.decode()


def test_publish_form_rejects_bad_dates_without_publishing(client):
    client.force_login(officer_with("publish_edition", "view_edition"))
    StatementFactory()
    ServiceFactory()
    response = client.post(
        reverse("admin:editions_edition_publish"),
        {"label": "2026", "reviewed_on": "not a date", "next_review_due": "2020-01-01"},
    )
    assert response.status_code == 200
    assert "Enter a valid date." in response.content.decode()
    assert not Edition.objects.exists()


def test_officers_without_publish_permission_cannot_publish(client):
    client.force_login(officer_with("view_edition", "change_service"))
    assert client.get(reverse("admin:editions_edition_publish")).status_code == 403


def test_editions_are_read_only_in_the_admin(client, admin_user):
    StatementFactory()
    edition = EditionFactory()
    client.force_login(admin_user)
    change = client.get(reverse("admin:editions_edition_change", args=[edition.pk]))
    assert change.status_code == 200
    assert 'name="label"' not in change.content.decode()  # shown, not editable
    assert (
        client.post(
            reverse("admin:editions_edition_change", args=[edition.pk]), {"label": "changed"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("admin:editions_edition_delete", args=[edition.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert Edition.objects.get().label == edition.label


def test_the_editions_list_offers_to_publish_not_to_add(client):
    client.force_login(officer_with("publish_edition", "view_edition"))
    page = client.get(reverse("admin:editions_edition_changelist")).content.decode()
    assert 'class="addlink">Publish a new edition</a>' in page
    assert "Add edition" not in page
    client.force_login(officer_with("view_edition"))
    assert (
        "Publish a new edition"
        not in client.get(reverse("admin:editions_edition_changelist")).content.decode()
    )


def test_the_publish_page_shows_each_pages_reading_age_against_the_target(client):
    publisher = officer_with("publish_edition", "view_edition")
    client.force_login(publisher)
    StatementFactory(reading_age_target=9, summary="Short breaks give you a rest. " * 8)
    long = ("Eligibility determinations are undertaken following comprehensive "
            "multidisciplinary assessments incorporating safeguarding considerations, "
            "commissioning frameworks and individualised personalisation arrangements, "
            "notwithstanding organisational responsibilities regarding statutory "
            "interoperability for every family.")  # fmt: skip
    ServiceFactory(name="Holiday club", slug="holiday-club", description=f"{long} {long}")
    html = client.get(reverse("admin:editions_edition_publish")).content.decode()
    section = html.split('id="reading-age"')[1].split("</table>")[0]
    assert "aims for a reading age of 9 or under" in section
    home = section.split('href="/preview/"')[1].split("</tr>")[0]
    assert "above the target" not in home
    club = section.split('href="/preview/services/holiday-club/"')[1].split("</tr>")[0]
    assert "above the target" in club
    assert "<summary>2</summary>" in club


def test_a_long_list_of_changes_is_summed_up_with_the_whole_list_on_request(
    client, durham_edition, monkeypatch
):
    from editions import admin as editions_admin
    from offer.models import Service

    client.force_login(officer_with("publish_edition", "view_edition"))
    Service.objects.filter(slug="virtual-activities").update(summary="Clubs online, weekly.")
    Service.objects.filter(slug="youth-group").update(summary="Meals too.")
    page = client.get(reverse("admin:editions_edition_publish")).content.decode()
    assert 'id="changes-summary"' in page and 'id="every-change"' in page  # two: all shown

    monkeypatch.setattr(editions_admin, "CHANGES_LISTED", 1)
    summed = client.get(reverse("admin:editions_edition_publish")).content.decode()
    assert "2 changes in all" in summed
    assert '<tr><th scope="row">Services</th><td>0</td><td>2</td><td>0</td></tr>' in summed
    assert "Clubs online, weekly." not in summed
    assert 'href="?changes=all#every-change"' in summed
    every = client.get(reverse("admin:editions_edition_publish") + "?changes=all").content.decode()
    assert "Clubs online, weekly." in every and "Meals too." in every


def test_a_long_run_of_one_warning_is_summed_up(client):
    client.force_login(officer_with("publish_edition", "view_edition"))
    StatementFactory()
    clubs = [
        ServiceFactory(name=f"Club {number:02}", cost="", cost_kind="") for number in range(12)
    ]
    page = client.get(reverse("admin:editions_edition_publish")).content.decode()
    # Each listed links to where it is put right.
    assert f'<a href="/admin/offer/service/{clubs[0].pk}/change/">Service &quot;Club 00' in page
    costs = [f"Club {n:02}&quot; does not say what it costs" for n in range(12)]
    assert [cost in page for cost in costs] == [True] * 10 + [False] * 2
    assert "And 2 more like this." in page


HARD_TEXT = (
    "Eligibility determinations are undertaken following comprehensive multidisciplinary "
    "assessments incorporating safeguarding considerations and individualised "
    "personalisation arrangements, notwithstanding organisational responsibilities."
)


def _reading_row(html: str, slug: str) -> str:
    section = html.split('id="reading-age"')[1].split("</table>")[0]
    return section.split(f'href="/preview/services/{slug}/"')[1].split("</tr>")[0]


def test_a_pages_reading_age_follows_its_words_when_they_change(client):
    client.force_login(officer_with("publish_edition", "view_edition"))
    StatementFactory(reading_age_target=9)
    club = ServiceFactory(slug="club", description=f"{HARD_TEXT} {HARD_TEXT}")
    assert "above the target" in _reading_row(
        client.get(reverse("admin:editions_edition_publish")).content.decode(), "club"
    )
    club.description = "We play games. You can come on Saturdays. It is fun. " * 3
    club.save()
    assert "above the target" not in _reading_row(
        client.get(reverse("admin:editions_edition_publish")).content.decode(), "club"
    )


def test_a_large_offer_measures_reading_ages_on_a_page_of_their_own(client, monkeypatch):
    from editions import admin as editions_admin

    monkeypatch.setattr(editions_admin, "READING_ON_PUBLISH_PAGE", 3)
    client.force_login(officer_with("publish_edition", "view_edition"))
    StatementFactory(reading_age_target=9, summary="Short breaks give you a rest. " * 8)
    ServiceFactory(slug="hard", description=f"{HARD_TEXT} {HARD_TEXT}")
    for number in range(4):
        ServiceFactory(slug=f"easy-{number}", description="We play games. It is fun. " * 6)
    publish = client.get(reverse("admin:editions_edition_publish")).content.decode()
    section = publish.split('id="reading-age"')[1].split("</div>\n")[1]
    count = re.search(r"has (\d+) pages with text of their own", section)[1]
    assert 'href="/preview/services/hard/"' not in section
    url = reverse("admin:editions_edition_reading")
    assert f'<a href="{url}">See which pages are above the target' in section

    to_work_on = client.get(url).content.decode()
    assert f"{count} in all" in to_work_on
    crumbs = to_work_on.split('class="breadcrumbs"')[1].split("</div>")[0]
    assert f'href="{reverse("admin:editions_edition_changelist")}"' in crumbs
    assert "Reading age of each page" in crumbs
    assert 'href="/preview/services/hard/"' in to_work_on
    assert 'href="/preview/services/easy-0/"' not in to_work_on
    every = client.get(url + "?show=all").content.decode()
    assert 'href="/preview/services/easy-0/"' in every
    assert 'href="/preview/services/hard/"' in every


def test_the_reading_age_page_comes_a_hundred_at_a_time(client, monkeypatch):
    from editions import admin as editions_admin

    monkeypatch.setattr(editions_admin, "READING_PER_PAGE", 2)
    client.force_login(officer_with("view_edition"))
    StatementFactory(summary="Short breaks give you a rest. " * 8)
    for number in range(3):
        ServiceFactory(name=f"Club {number}", slug=f"club-{number}", description=HARD_TEXT * 2)
    url = reverse("admin:editions_edition_reading") + "?show=all"
    first = client.get(url).content.decode()
    assert "showing 1 to 2" in first and 'href="?show=all&amp;page=2" rel="next"' in first
    seen = []
    for number in range(1, 20):
        html = client.get(f"{url}&page={number}").content.decode()
        listed = re.findall(r'<th scope="row"><a href="(/preview/[^"]*)">', html)
        assert 1 <= len(listed) <= 2
        seen += listed
        if 'rel="next"' not in html:
            break
    assert len(seen) == len(set(seen))
    assert {f"/preview/services/club-{n}/" for n in range(3)} <= set(seen)
    assert client.get(url + "&page=99").status_code == 404
    assert client.get(url + "&page=x").status_code == 404


def test_the_reading_age_page_refuses_an_unknown_filter_and_strangers(client):
    StatementFactory(summary="Short breaks give you a rest. " * 8)
    client.force_login(officer_with("view_service"))
    assert client.get(reverse("admin:editions_edition_reading")).status_code == 403
    client.force_login(officer_with("view_edition"))
    odd = client.get(reverse("admin:editions_edition_reading") + "?show=odd")
    assert odd.status_code == 400
    assert "That filter is not one of the choices" in odd.content.decode()
    assert "No page is above the target" in odd.content.decode()


def test_reading_ages_never_crowd_kept_pages_out_of_the_page_cache(client):
    from django.core.cache import cache

    client.force_login(officer_with("publish_edition", "view_edition"))
    StatementFactory()
    for number in range(5):
        ServiceFactory(slug=f"club-{number}", description=f"{HARD_TEXT} {number}")
    assert client.get(reverse("admin:editions_edition_publish")).status_code == 200
    assert not [key for key in cache._cache if "reading" in key]


def test_the_old_add_address_leads_to_the_publish_page(client):
    client.force_login(officer_with("publish_edition", "view_edition"))
    old = client.get("/admin/editions/edition/add/")
    assert old.status_code == 302 and old["Location"] == reverse("admin:editions_edition_publish")
    assert reverse("admin:editions_edition_publish") == "/admin/editions/edition/publish/"
    # Editions were kept under offer/ before they moved to editions/.
    moved = client.get("/admin/offer/edition/publish/")
    assert moved.status_code == 301 and moved["Location"] == "/admin/editions/edition/publish/"
    assert client.get("/admin/offer/edition/")["Location"] == "/admin/editions/edition/"


def test_the_review_dates_the_statement_gives_are_offered_when_publishing(client):
    """Given in the statement's details (or its spreadsheet), as exactly as it gives
    them: the publish form offers them and the command publishes them."""
    import io

    from django.core.management import call_command

    StatementFactory(reviewed_on_stated="2026-09", next_review_stated="2027")
    ServiceFactory()
    client.force_login(officer_with("publish_edition", "view_edition"))
    page = client.get(reverse("admin:editions_edition_publish")).content.decode()
    assert 'name="reviewed_on" value="2026-09-01"' in page
    assert re.search(r'<option value="month" selected>', page)
    assert 'name="next_review_due" value="2027-01-01"' in page
    call_command("publish_statement", stdout=io.StringIO())
    edition = Edition.objects.get()
    assert (edition.reviewed_on_text, edition.next_review_due_text) == ("September 2026", "2027")
