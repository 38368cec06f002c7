"""A Redis cache that is an accelerator, never a dependency.

When Redis is stopped, hung or refusing writes (full), a cache call fails within the
connection's short timeouts and counts as a miss: the page is rendered, the feedback is
taken, nobody sees an error. After a failure this process leaves Redis alone for a few
seconds, so a hung Redis costs one short wait now and then, not one on every call.
`cache_state()` asks Redis directly, for /healthz.
"""

import logging
import threading
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

log = logging.getLogger(__name__)

# How long a process leaves Redis alone after it failed.
REST_SECONDS = 5.0


class FailSoftRedisCache(RedisCache):
    """Django's Redis cache whose calls never raise when Redis does not answer."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._resting_until = 0.0
        self._lock = threading.Lock()

    def _soft(self, call: Callable[[], Any], fallback: Any) -> Any:
        if time.monotonic() < self._resting_until:
            return fallback
        try:
            return call()
        except self._cache._lib.RedisError as error:
            with self._lock:
                if time.monotonic() >= self._resting_until:
                    log.warning("Cache unavailable, serving without it: %s", error)
                self._resting_until = time.monotonic() + REST_SECONDS
            return fallback

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._soft(partial(super().add, key, value, timeout, version), False)

    def get(self, key, default=None, version=None):
        return self._soft(partial(super().get, key, default, version), default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._soft(partial(super().set, key, value, timeout, version), None)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._soft(partial(super().touch, key, timeout, version), False)

    def delete(self, key, version=None):
        return self._soft(partial(super().delete, key, version), False)

    def get_many(self, keys, version=None):
        return self._soft(partial(super().get_many, keys, version), {})

    def has_key(self, key, version=None):
        return self._soft(partial(super().has_key, key, version), False)

    def incr(self, key, delta=1, version=None):
        missing = object()
        found = self._soft(partial(super().incr, key, delta, version), missing)
        if found is missing:
            raise ValueError(f"Key '{key}' not found (the cache is unavailable).")
        return found

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._soft(partial(super().set_many, data, timeout, version), list(data))

    def delete_many(self, keys, version=None):
        self._soft(partial(super().delete_many, keys, version), None)

    def clear(self):
        return self._soft(partial(super().clear), False)

    def state(self) -> str:
        """'ok', or why not: asks Redis now, whatever the last call did."""
        try:
            self._cache.get_client(write=True).ping()
        except self._cache._lib.RedisError as error:
            return f"unavailable ({type(error).__name__})"
        return "ok"


def cache_state() -> str:
    """The shared cache's state for /healthz: 'ok', 'local' (each process keeps its own,
    which cannot fail) or why Redis does not answer."""
    backend = caches["default"]
    if isinstance(backend, FailSoftRedisCache):
        return backend.state()
    return "local"
