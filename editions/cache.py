"""What is worked out from an edition, kept in this process: the one place for memos.

Editions never change, so anything computed from one (its parsed statement, its feed,
its changes since another) stays right for ever. An EditionMemo keeps a few such results,
keyed by edition uids (never by pk, which a test database may reuse), least recently used
first out: the current edition and the pinned editions people are reading. A TimedMemo
keeps an answer that can change elsewhere (which edition is current) for a few seconds
of its clock, which a test may set. KeptWith keeps what is worked out from a read
edition (the finder's index) exactly as long as the edition is kept. edition_memos_clear
empties them all.
"""

import gc
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from contextlib import contextmanager
from threading import Lock
from typing import Any

# What edition_memos_clear empties: every EditionMemo, and anything else registered.
_clearers: list[Callable[[], None]] = []


class EditionMemo:
    """A thread-safe, least-recently-used store of results worked out from something that
    never changes (an edition, a text), keyed by it."""

    def __init__(
        self,
        size: int = 8,
        *,
        make_room_first: bool = False,
        on_drop: Callable[[int], None] | None = None,
        weigh: Callable[[Any], int] = lambda value: 0,
    ):
        self.size = size
        # Told, once results are let go, how much they weighed (by `weigh`), so what
        # they held can be handed back to the garbage collector.
        self.on_drop = on_drop
        self.weigh = weigh
        # Make one result at a time, dropping the least recently used first rather than
        # after: a large result is never held beside `size` others while it is made.
        self.make_room_first = make_room_first
        self._one_at_a_time = Lock()
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = Lock()
        # Otherwise one lock per result being made: right after a publish every thread
        # of a worker asks for the new edition at once, and one parse serves them all
        # (eight would take eight times the memory and the time), while other results
        # are read and made meanwhile.
        self._making: dict[Hashable, Lock] = {}
        _clearers.append(self.clear)

    def _kept(self, key: Hashable) -> tuple[bool, Any]:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return True, self._items[key]
            return False, None

    def _making_lock(self, key: Hashable) -> Lock:
        if self.make_room_first:
            return self._one_at_a_time
        with self._lock:
            return self._making.setdefault(key, Lock())

    def get_or_make(self, key: Hashable, make: Callable[[], Any]) -> Any:
        found, value = self._kept(key)
        if found:
            return value
        with self._making_lock(key):
            found, value = self._kept(key)
            if found:
                return value
            # How much was let go (weighed as it goes: nothing here holds it after).
            dropped: int | None = None
            try:
                if self.make_room_first:
                    with self._lock:
                        while self._items and len(self._items) >= self.size:
                            dropped = (dropped or 0) + self.weigh(
                                self._items.popitem(last=False)[1]
                            )
                value = make()
                with self._lock:
                    self._items[key] = value
                    while len(self._items) > self.size:
                        dropped = (dropped or 0) + self.weigh(self._items.popitem(last=False)[1])
            finally:
                with self._lock:
                    self._making.pop(key, None)
            if dropped is not None and self.on_drop is not None:
                self.on_drop(dropped)
        return value

    def clear(self) -> None:
        with self._lock:
            had = bool(self._items)
            self._items.clear()
        if had and self.on_drop is not None:
            gc.unfreeze()  # everything goes: collected when the collector next runs


class TimedMemo:
    """Answers kept for `seconds` of `clock` (time.monotonic unless set: a test sets a
    clock of its own rather than race the real one), thread-safe, one per key."""

    def __init__(self, seconds: float, *, clock: Callable[[], float] = time.monotonic):
        self.seconds = seconds
        self.clock = clock
        self._items: dict[Hashable, tuple[float, Any]] = {}
        self._lock = Lock()
        _clearers.append(self.clear)

    def get(self, key: Hashable) -> tuple[bool, Any]:
        """(True, the answer) while it is younger than `seconds`, else (False, None)."""
        kept = self._items.get(key)
        if kept is not None and self.clock() - kept[0] < self.seconds:
            return True, kept[1]
        return False, None

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._items[key] = (self.clock(), value)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


@contextmanager
def gc_paused():
    """The cyclic garbage collector paused while a block makes many objects that live
    on after it (or are freed by reference counting alone): each collection it would
    set off walks all of them again, for nothing."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def made_to_keep(make: Callable[[], Any]) -> Any:
    """What `make` returns, made with the cyclic garbage collector paused and then set
    aside from its collections (gc.freeze) before it runs again: for results kept as long
    as an edition is (its read statement, the finder's index). Making them makes a few
    hundred thousand long-lived objects, and each collection that set off would walk all
    of them again (at 10,000 services, most of the time taken), as would every full
    collection after, and the first collection once it runs again. A memo that lets an
    edition go hands everything back to the collector (edition_dropped)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        value = make()
        gc.freeze()
    finally:
        if paused:
            gc.enable()
    return value


# A dropped edition this large is collected at once (a full collection, tenths of a
# second): its memory would otherwise wait for a full collection, which the edition kept
# apart makes rare. A small one is left to the collector's own time.
COLLECT_DROPPED_SERVICES = 1_000


def edition_dropped(services: int) -> None:
    """A read edition (of `services` services) was let go: hand what was set aside back
    to the collector, and collect at once when the edition was large, setting the rest
    aside again."""
    gc.unfreeze()
    if services >= COLLECT_DROPPED_SERVICES:
        gc.collect()
        gc.freeze()


class KeptWith:
    """Results worked out from an object that never changes (a read edition), kept as
    long as that object is: when its edition's memo lets it go, they go too. Each is
    made once, whichever thread asks first."""

    def __init__(self, make: Callable[[Any], Any]):
        self.make = make
        self._items: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()
        self._lock = Lock()
        _clearers.append(self.clear)

    def made(self, owner: Any) -> Any | None:
        """The result for `owner` if it has been made already, else None."""
        with self._lock:
            return self._items.get(owner)

    def __call__(self, owner: Any) -> Any:
        with self._lock:
            if owner in self._items:
                return self._items[owner]
            value = self._items[owner] = made_to_keep(lambda: self.make(owner))
            return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def edition_memos_clear() -> None:
    """Forget everything worked out from editions in this process. Only needed when the
    editions themselves are replaced under the same ids, as restoring a backup does."""
    for clear in _clearers:
        clear()


def edition_memo_register(clear: Callable[[], None]) -> None:
    """Have edition_memos_clear call `clear` too (for a memo that is not an EditionMemo)."""
    _clearers.append(clear)
