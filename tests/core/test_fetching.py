"""The one safe fetcher (core/fetching.py): what an officer's typed address can make the
server reach, for how long and how much. Each test serves on 127.0.0.1 itself."""

import http.server
import time

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from core import fetching
from core.fetching import FetchBudget, FetchRefused, safe_get
from tests.servers import http_server

PLAIN = "We could not fetch"


def _budget(seconds: float = 10, size: int = 10 * 1024 * 1024) -> FetchBudget:
    return FetchBudget(seconds=seconds, bytes=size)


class _Counting(http.server.BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self):
        type(self).hits += 1
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"[]")

    def log_message(self, *args):
        pass


@pytest.fixture
def counted(settings):
    """A server on 127.0.0.1 counting its visitors, with private addresses refused."""
    settings.ALLOW_PRIVATE_FEEDS = False
    _Counting.hits = 0
    with http_server(_Counting) as address:
        yield int(address.rsplit(":", 1)[1])


@pytest.mark.parametrize(
    "host",
    [
        "localhost", "127.0.0.1", "2130706433", "0x7f000001", "127.1", "0.0.0.0",
        "[::ffff:127.0.0.1]", "[::1]", "0177.0.0.1",
    ],
)  # fmt: skip
def test_loopback_however_spelt_is_refused_before_connecting(counted, host):
    with pytest.raises(FetchRefused, match=PLAIN):
        safe_get(f"http://{host}:{counted}/services", budget=_budget())
    assert _Counting.hits == 0


@pytest.mark.parametrize(
    "address",
    ["169.254.169.254", "10.0.0.1", "192.168.1.1", "172.16.0.1", "100.64.0.1", "224.0.0.1",
     "[fe80::1]", "[fc00::1]", "240.0.0.1", "[::ffff:169.254.169.254]"],
)  # fmt: skip
def test_private_link_local_cgnat_multicast_and_reserved_addresses_are_refused(settings, address):
    settings.ALLOW_PRIVATE_FEEDS = False
    started = time.monotonic()
    with pytest.raises(FetchRefused, match=PLAIN):
        safe_get(f"http://{address}/latest/meta-data/", budget=_budget())
    assert time.monotonic() - started < 1  # refused, not tried and timed out


def test_only_web_addresses_are_fetched():
    for url in ("ftp://127.0.0.1:21/", "file:///etc/passwd", "gopher://127.0.0.1:70/"):
        with pytest.raises(FetchRefused, match="not a web address"):
            safe_get(url, budget=_budget())


class _Redirecting(http.server.BaseHTTPRequestHandler):
    to = ""

    def do_GET(self):
        self.send_response(302)
        self.send_header("Location", type(self).to)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.mark.parametrize(
    "target",
    ["http://127.0.0.2:{port}/api/openreferral/", "ftp://127.0.0.1:21/",
     "http://169.254.169.254/latest/", "http://[::1]:{port}/"],
)  # fmt: skip
def test_each_redirect_is_checked_like_the_first_address(monkeypatch, settings, target):
    """Only the feed's own server (127.0.0.1 here, standing for a public one) is allowed:
    a redirect elsewhere is refused, whatever it points at."""
    settings.ALLOW_PRIVATE_FEEDS = False
    monkeypatch.setattr(fetching, "address_allowed", lambda address: address == "127.0.0.1")
    with http_server(_Redirecting) as address:
        _Redirecting.to = target.format(port=address.rsplit(":", 1)[1])
        with pytest.raises(FetchRefused):
            safe_get(address + "/services", budget=_budget())


def test_endless_redirects_are_given_up(settings):
    with http_server(_Redirecting) as address:
        _Redirecting.to = address + "/again"
        with pytest.raises(FetchRefused, match=PLAIN):
            safe_get(address + "/services", budget=_budget())


class _Trickling(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        try:
            for _ in range(200):
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass

    def log_message(self, *args):
        pass


def test_a_server_sending_a_byte_at_a_time_is_cut_off_at_the_deadline():
    with http_server(_Trickling) as address:
        started = time.monotonic()
        with pytest.raises(FetchRefused, match="longer than 1 seconds in all"):
            safe_get(address + "/services", budget=_budget(seconds=1))
        assert time.monotonic() - started < 2


class _Endless(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        try:
            while True:
                self.wfile.write(b" " * 65536)
        except OSError:
            pass

    def log_message(self, *args):
        pass


def test_an_endless_answer_is_cut_off_at_the_size_limit_for_the_whole_fetch():
    budget = _budget(size=1024 * 1024)
    with http_server(_Endless) as address, pytest.raises(FetchRefused, match="larger than 1 MB"):
        safe_get(address + "/services", budget=budget)
    assert budget.received <= 1024 * 1024 + fetching.CHUNK_BYTES


def test_refused_unknown_and_failing_servers_give_the_same_message(settings):
    class Failing(_Counting):
        def do_GET(self):
            self.send_response(500)
            self.end_headers()

    with http_server(Failing) as failing:
        closed = failing.rsplit(":", 1)[0] + ":9"  # discard port: nothing listens
        messages = set()
        for url in (failing + "/x", closed + "/x", "http://no-such-host.invalid/x"):
            with pytest.raises(FetchRefused) as refused:
                safe_get(url, budget=_budget(seconds=5))
            messages.add(str(refused.value).replace(url, "URL"))
    assert len(messages) == 1, messages


def test_private_feeds_are_refused_by_the_deploy_checks(settings):
    settings.ALLOW_PRIVATE_FEEDS = True
    with pytest.raises(SystemCheckError, match="ALLOW_PRIVATE_FEEDS is on"):
        call_command("check", deploy=True, fail_level="ERROR", tags=["security"])


def test_budget_is_shared_across_requests():
    budget = _budget(size=3)
    with http_server(_Counting) as address:
        safe_get(address, budget=budget)  # "[]": 2 bytes
        with pytest.raises(FetchRefused, match="larger than"):
            safe_get(address, budget=budget)
