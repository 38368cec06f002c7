"""The cache is an accelerator, never a dependency: with Redis stopped, hung or full,
every page and the feedback form still answer, quickly, and /healthz says the cache is
down without taking the site out of the load balancer.

Each test starts its own redis-server on a spare port and stops it by its pid."""

import os
import shutil
import signal
import time

import pytest

from tests.servers import redis_server

pytestmark = [
    pytest.mark.django_db,
    # Each starts, stops or hangs a real redis-server: seconds each, so not everyday.
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("redis-server") is None, reason="redis-server is not installed"
    ),
]

PAGES = ["/", "/statement/", "/services/virtual-activities/", "/find/?tier=specialist-support"]


@pytest.fixture
def redis_cache(settings):
    """The site's cache in a Redis of this test's own, as production configures it."""
    with redis_server() as (server, port):
        settings.CACHES = {
            "default": {
                "BACKEND": "core.cache.FailSoftRedisCache",
                "LOCATION": f"redis://127.0.0.1:{port}/0",
                "KEY_PREFIX": "test",
                "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
            }
        }
        yield server, port


def _timed(client, path: str, **extra):
    started = time.monotonic()
    response = client.get(path, **extra)
    return response, time.monotonic() - started


def test_pages_are_kept_in_redis_while_it_answers(client, durham_edition, redis_cache):
    import redis

    _, port = redis_cache
    for path in PAGES:
        assert client.get(path).status_code == 200
    assert redis.Redis(port=port).dbsize() >= len(PAGES)
    health = client.get("/healthz").json()
    assert health == {"status": "ok", "database": "ok", "cache": "ok"}


def test_with_redis_stopped_every_page_and_the_feedback_form_still_answer(
    client, durham_edition, redis_cache
):
    server, _ = redis_cache
    for path in PAGES:
        client.get(path)
    server.kill()
    server.wait(timeout=10)
    for path in PAGES:
        response, took = _timed(client, path)
        assert response.status_code == 200, path
        assert took < 1, (path, took)
    form = client.get("/feedback/?page=/&useful=yes")
    assert form.status_code == 200
    sent = client.post("/feedback/", {"path": "/", "useful": "yes", "comment": ""})
    assert sent.status_code == 303
    health = client.get("/healthz")
    # Degraded, not down: the site serves without its cache.
    assert health.status_code == 200
    assert health.json()["status"] == "degraded"
    assert health.json()["cache"].startswith("unavailable")


def test_with_redis_hung_a_page_answers_within_about_a_second(client, durham_edition, redis_cache):
    server, _ = redis_cache
    client.get("/statement/")
    os.kill(server.pid, signal.SIGSTOP)  # accepts connections, never answers
    for path in PAGES:
        response, took = _timed(client, path)
        assert response.status_code == 200, path
        assert took < 1.2, (path, took)
    health, took = _timed(client, "/healthz")
    assert health.status_code == 200 and health.json()["status"] == "degraded"
    assert took < 1.2


def test_with_redis_full_and_refusing_writes_pages_still_answer(
    client, durham_edition, redis_cache
):
    import redis

    _, port = redis_cache
    admin = redis.Redis(port=port)
    admin.config_set("maxmemory-policy", "noeviction")
    admin.config_set("maxmemory", 1)  # every write is refused: out of memory
    for path in PAGES:
        assert client.get(path).status_code == 200, path
    assert admin.dbsize() == 0
    assert client.post("/feedback/", {"path": "/", "useful": "no"}).status_code == 303
