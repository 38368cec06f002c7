"""Reading ages of a large offer: each publish keeps the counts of every text the new
edition shows, so a process that has counted nothing yet counts only what changed since."""

import pytest
from django.urls import reverse

from editions import reading
from editions.cache import edition_memos_clear
from editions.models import EditionReading
from editions.publishing import edition_publish
from offer.models import Service
from tests.factories import officer_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted(monkeypatch) -> list[list[str]]:
    """Each set of blocks counted from here on."""
    seen: list[list[str]] = []
    count = reading.text_counts

    def counting(blocks):
        seen.append(list(blocks))
        return count(seen[-1])

    monkeypatch.setattr(reading, "text_counts", counting)
    return seen


def _reading_table(client) -> str:
    html = client.get(reverse("admin:editions_edition_reading") + "?show=all").content.decode()
    return html.split('id="reading-age"')[1].split("</table>")[0]


def test_a_publish_keeps_the_counts_of_the_newest_edition_only(durham_edition):
    assert list(EditionReading.objects.values_list("edition", flat=True)) == [durham_edition.pk]
    newer = edition_publish(label="Updated")
    assert list(EditionReading.objects.values_list("edition", flat=True)) == [newer.pk]


def test_a_new_process_counts_only_texts_changed_since_the_publish(client, durham_edition, counted):
    client.force_login(officer_with("view_edition"))
    before = _reading_table(client)
    Service.objects.filter(slug="youth-group").update(description="We meet on Fridays. " * 6)
    edition_memos_clear()  # as a worker that has counted nothing
    counted.clear()
    after = _reading_table(client)
    assert counted == [[("We meet on Fridays. " * 6).strip()]]
    # Every other page reads as before, from the kept counts.
    assert (
        before.split('href="/preview/services/youth-group/"')[0]
        == (after.split('href="/preview/services/youth-group/"')[0])
    )


def test_counts_kept_by_another_way_of_counting_are_counted_again(
    client, durham_edition, counted, monkeypatch
):
    client.force_login(officer_with("view_edition"))
    before = _reading_table(client)
    monkeypatch.setattr(reading, "COUNTING_METHOD", reading.COUNTING_METHOD + 1)
    edition_memos_clear()
    counted.clear()
    assert _reading_table(client) == before
    assert len(counted) > 20
