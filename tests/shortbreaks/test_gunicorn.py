"""gunicorn as production runs it (gunicorn.conf.py): clients that trickle their headers
hold a thread each, never the whole site; several workers share one feedback limit."""

import http.cookiejar
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
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


def _send_feedback(url: str) -> int:
    """One visitor's answer through the real form: its page for the CSRF token, then the
    post, each on a new connection (so either worker may take it)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirects())
    page = opener.open(url + "/feedback/?page=/&useful=yes", timeout=10).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "path": "/", "useful": "yes", "comment": ""}
    ).encode()
    request = urllib.request.Request(url + "/feedback/", data=form, headers={"Referer": url})
    try:
        return opener.open(request, timeout=10).status
    except urllib.error.HTTPError as error:
        return error.code


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_two_workers_without_redis_do_not_double_the_feedback_limit(tmp_path):
    """Each worker keeps its own local cache; the limit is kept in the database."""
    env = production_env(tmp_path, FEEDBACK_RATE_LIMIT="4")
    prepare(env)
    with gunicorn(env, workers=2) as url:
        statuses = [_send_feedback(url) for _ in range(10)]
    assert statuses.count(303) == 4
    assert statuses[4:] == [429] * 6


def test_on_sqlite_pages_read_and_writes_wait_while_an_import_holds_the_write_lock(tmp_path):
    """A long import (here a transaction holding SQLite's write lock for seven seconds,
    longer than SQLite's own five-second default wait) neither stops families reading
    pages nor makes a write fail: it waits."""
    import sqlite3

    env = production_env(tmp_path)
    prepare(env)
    with gunicorn(env, workers=2) as url:
        urllib.request.urlopen(url + "/", timeout=10).read()
        holder = sqlite3.connect(tmp_path / "db.sqlite3", timeout=10, check_same_thread=False)
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("UPDATE offer_service SET summary = summary || ''")
        released = threading.Timer(7, holder.rollback)
        released.start()
        try:
            started = time.monotonic()
            for path in ("/find/?q=holiday", "/services/hospice-care/", "/statement/"):
                with urllib.request.urlopen(url + path, timeout=10) as page:
                    assert page.status == 200, path
            assert time.monotonic() - started < 2.5  # read while the lock is held
            assert _send_feedback(url) == 303  # written once the lock was released
            assert time.monotonic() - started >= 6.5
        finally:
            released.join()
            holder.close()
