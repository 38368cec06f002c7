"""gunicorn as production runs it (gunicorn.conf.py): clients that trickle their headers
hold a thread each, never the whole site."""

import socket
import threading
import time
import urllib.request

import pytest

from tests.servers import gunicorn, prepare, production_env

pytestmark = pytest.mark.slow


def _trickle(url: str, stop: threading.Event, opened: threading.Barrier) -> None:
    """Open a connection and send a request's headers one byte every half second."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        opened.wait()
        while not stop.is_set():
            sock.sendall(b"X")
            stop.wait(0.5)


def test_two_slow_clients_do_not_stop_a_third_getting_the_home_page(tmp_path):
    env = production_env(tmp_path)
    prepare(env)
    with gunicorn(env, workers=1) as url:
        stop = threading.Event()
        opened = threading.Barrier(3)
        slow = [threading.Thread(target=_trickle, args=(url, stop, opened)) for _ in range(2)]
        for thread in slow:
            thread.start()
        try:
            opened.wait(timeout=10)
            time.sleep(1)  # both are now part-way through their headers
            started = time.monotonic()
            with urllib.request.urlopen(url + "/", timeout=5) as response:
                assert response.status == 200
            assert time.monotonic() - started < 3
        finally:
            stop.set()
            for thread in slow:
                thread.join(timeout=10)
