"""What a worker keeps of editions stays bounded, least recently used out."""

import pytest

from editions import selectors as read_model
from editions.cache import EditionMemo, KeptWith
from editions.publishing import edition_publish
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
def test_a_worker_keeps_the_current_edition_and_one_earlier_one(client):
    StatementFactory()
    ServiceFactory(slug="club")
    editions = [edition_publish(label=f"Edition {number}") for number in range(1, 7)]
    assert client.get("/services/club/").status_code == 200
    for number in range(1, 6):
        assert client.get(f"/statement/{number}/services/club/").status_code == 200
    # Reading five earlier editions never pushed the current one out.
    assert list(read_model._current_statements._items) == [str(editions[-1].uid)]
    assert list(read_model._earlier_statements._items) == [str(editions[4].uid)]


def test_what_is_kept_with_an_edition_is_made_once_and_goes_with_it():
    import gc

    class Read:  # stands in for a read edition
        pass

    made = []
    kept = KeptWith(lambda owner: made.append(type(owner)) or len(made))
    first, second = Read(), Read()
    assert (kept(first), kept(first), kept(second)) == (1, 1, 2)
    del first
    gc.collect()
    assert len(kept._items) == 1  # the index of an edition let go is let go too


def test_a_memo_can_make_room_before_making_so_no_more_are_held_meanwhile():
    memo = EditionMemo(size=1, make_room_first=True)
    memo.get_or_make("a", lambda: "A")
    held_while_making = []
    memo.get_or_make("b", lambda: held_while_making.append(list(memo._items)) or "B")
    assert held_while_making == [[]] and list(memo._items) == ["b"]


def test_threads_asking_at_once_for_one_result_wait_for_a_single_making():
    import threading
    import time

    memo = EditionMemo(size=2)
    made = []
    started = threading.Event()

    def slow_make(key):
        made.append(key)
        started.set()
        time.sleep(0.2)
        return key.upper()

    answers = []
    askers = [
        threading.Thread(
            target=lambda: answers.append(memo.get_or_make("a", lambda: slow_make("a")))
        )
        for _ in range(8)
    ]
    for asker in askers:
        asker.start()
    started.wait(5)
    # Another result is not held up by the one being made.
    begun = time.monotonic()
    assert memo.get_or_make("b", lambda: "B") == "B"
    assert time.monotonic() - begun < 0.1
    for asker in askers:
        asker.join()
    assert answers == ["A"] * 8 and made == ["a"]


def test_a_making_that_fails_lets_the_next_asker_try_again():
    memo = EditionMemo(size=2)

    def broken():
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        memo.get_or_make("a", broken)
    assert memo.get_or_make("a", lambda: "A") == "A"


def test_a_memo_that_makes_room_first_makes_one_result_at_a_time():
    import threading
    import time

    memo = EditionMemo(size=1, make_room_first=True)
    busy, overlaps = [], []

    def make(key):
        if busy:
            overlaps.append(key)
        busy.append(key)
        time.sleep(0.1)
        busy.remove(key)
        return key.upper()

    askers = [
        threading.Thread(target=memo.get_or_make, args=(key, lambda key=key: make(key)))
        for key in ("a", "b", "c")
    ]
    for asker in askers:
        asker.start()
    for asker in askers:
        asker.join()
    assert overlaps == [] and len(memo._items) == 1
