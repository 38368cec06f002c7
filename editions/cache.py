"""What is worked out from an edition, kept in this process.

Editions never change, so anything computed from one (its parsed statement, its feed,
its changes since another) stays right for ever. A memo keeps a few such results, keyed
by edition uids (never by pk, which a test database may reuse), least recently used
first out: the current edition and the pinned editions people are reading.
"""

from collections import OrderedDict
from collections.abc import Callable, Hashable
from threading import Lock
from typing import Any

# What edition_memos_clear empties: every EditionMemo, and anything else registered.
_clearers: list[Callable[[], None]] = []


class EditionMemo:
    """A small, thread-safe, least-recently-used store of results per edition."""

    def __init__(self, size: int = 8):
        self.size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = Lock()
        _clearers.append(self.clear)

    def get_or_make(self, key: Hashable, make: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = make()  # outside the lock: parsing a large snapshot takes a while
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
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
