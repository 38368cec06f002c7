"""What a worker keeps of editions stays bounded, least recently used out."""

import pytest

from editions.cache import EditionMemo
from editions.publishing import edition_publish
from public import statement as read_model
from tests.factories import ServiceFactory, StatementFactory


def test_a_memo_keeps_the_most_recently_used_and_drops_the_oldest():
    memo = EditionMemo(size=2)
    made = []

    def make(key):
        made.append(key)
        return key.upper()

    for key in ("a", "b", "a", "c", "a", "b"):
        assert memo.get_or_make(key, lambda key=key: make(key)) == key.upper()
    # "a" stayed (used again), "b" went when "c" came and had to be made again.
    assert made == ["a", "b", "c", "b"]


@pytest.mark.django_db
def test_a_worker_keeps_at_most_two_parsed_editions(client):
    StatementFactory()
    ServiceFactory(slug="club")
    for number in range(1, 7):
        edition_publish(label=f"Edition {number}")
    for number in range(1, 7):
        assert client.get(f"/statement/{number}/services/club/").status_code == 200
    assert len(read_model._statements._items) == 2
