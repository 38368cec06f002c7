"""Several instances behind a load balancer: two gunicorns sharing one database and one
Redis cache. A publish made from one is what the other serves within a second."""

import re
import shutil
import time
import urllib.request

import pytest

from tests.servers import gunicorn, manage, prepare, production_env, redis_server

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server is not installed"),
]

SERVICE = "/services/virtual-activities/"


def _get(url: str) -> str:
    """The page, with the instance's own address (it appears in share links) blanked."""
    with urllib.request.urlopen(url, timeout=10) as response:
        return re.sub(r"127\.0\.0\.1(:|%3A)\d+", "HOST", response.read().decode())


def _within_a_second(url: str, text: str) -> bool:
    """Whether `text` is on the page within a second (and a little for the request)."""
    deadline = time.monotonic() + 1.5
    while True:
        if text in _get(url):
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)


def test_a_publish_on_one_instance_is_served_by_the_other_within_a_second(tmp_path):
    """On a Redis of the test's own (never one a person keeps data in), stopped after."""
    import redis as redis_client

    with redis_server() as (_, port):
        redis = redis_client.Redis(port=port)
        env = production_env(tmp_path, CACHE_URL=f"redis://127.0.0.1:{port}/0")
        prepare(env)
        _two_instances(env, redis)


def _two_instances(env: dict, redis) -> None:
    with gunicorn(env) as first, gunicorn(env) as second:
        before = _get(first + SERVICE)
        assert _get(second + SERVICE) == before
        # The two share one cache: the pages they rendered are in Redis.
        assert redis.keys("*page:*")

        # An officer's change, published through the first instance's code.
        manage(
            env,
            "shell",
            "-c",
            "from offer.models import Service; "
            "Service.objects.filter(slug='virtual-activities')"
            ".update(summary='Now on Tuesdays too.')",
        )
        manage(env, "publish_statement", "--label", "Second")

        # Each worker asks the database which edition is current at most once a
        # second (editions.selectors.CURRENT_EDITION_SECONDS).
        assert _within_a_second(second + SERVICE, "Now on Tuesdays too.")
        assert _within_a_second(first + SERVICE, "Now on Tuesdays too.")
        assert _within_a_second(second + "/api/openreferral/", "Second")
