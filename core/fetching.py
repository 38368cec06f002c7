"""One safe way to fetch anything by its web address (directory feeds now, anything
later): an officer types the address, so the server must never be made to reach what
only it can reach.

- http and https only;
- the name is resolved here and every address it gives is checked before connecting
  (loopback, private, link-local, CGNAT, multicast, reserved and unspecified refused,
  IPv4 written any way and IPv4 inside IPv6 included), and the connection goes to the
  address checked, so a second lookup cannot point elsewhere;
- redirects are followed by hand, a few at most, each checked the same way;
- a whole fetch (every page of a feed) has one deadline and one size limit, so a server
  sending a byte at a time, or without end, cannot hold a worker or fill its memory;
- every network failure gives the same plain message: what failed inside the network
  (refused, unknown name, an error status) is not told apart, so the form cannot be used
  to map it.

ALLOW_PRIVATE_FEEDS (off by default; `check --deploy` refuses it) lets a developer or a
test fetch from a server on 127.0.0.1.
"""

import http.client
import ipaddress
import socket
import ssl
import time
import urllib.parse
from dataclasses import dataclass, field

from django.conf import settings

# Redirects followed before giving up.
MOST_REDIRECTS = 3
# Read this much at a time, so the deadline and the size limit are checked as it comes.
CHUNK_BYTES = 64 * 1024
_PORTS = {"http": 80, "https": 443}


class FetchRefused(Exception):
    """The address cannot be fetched; the message says so in plain words."""


@dataclass
class FetchBudget:
    """What a whole fetch may spend, across every request it makes: time (seconds from
    now) and bytes."""

    seconds: float
    bytes: int
    deadline: float = field(init=False)
    received: int = 0

    def __post_init__(self):
        self.deadline = time.monotonic() + self.seconds

    def time_left(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise FetchRefused(
                f"The server took longer than {self.seconds:g} seconds in all to send it. "
                "Try again later, or download it and upload the file."
            )
        return left

    def take(self, count: int) -> None:
        self.received += count
        if self.received > self.bytes:
            raise FetchRefused(
                f"It is larger than {self.bytes // (1024 * 1024)} MB in all. Import it in "
                "parts, or ask the publisher for a smaller one."
            )


def _unreachable(url: str) -> FetchRefused:
    return FetchRefused(
        f"We could not fetch {url}. Check it is the public web address (starting "
        "https://), or try again later."
    )


def address_allowed(address: str) -> bool:
    """Whether the server may connect to `address` (an IP address as text)."""
    found = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(found, ipaddress.IPv6Address) and found.ipv4_mapped is not None:
        found = found.ipv4_mapped
    if getattr(settings, "ALLOW_PRIVATE_FEEDS", False) and (found.is_loopback or found.is_private):
        return True
    return found.is_global and not found.is_multicast


def _checked_address(url: str, host: str, port: int) -> str:
    """An address of `host` to connect to, every one it resolves to being allowed."""
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError):
        raise _unreachable(url) from None
    addresses = [answer[4][0] for answer in answers]
    if not addresses or not all(address_allowed(a) for a in addresses):
        raise _unreachable(url)
    return addresses[0]


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address checked, whatever the name would resolve to now."""

    def __init__(self, host: str, port: int, *, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self):
        # Kept apart too: http.client lets go of `sock` once the answer is all it needs.
        self.sock = self.kept_sock = socket.create_connection(
            (self.address, self.port), self.timeout
        )


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """As _PinnedHTTPConnection, with the certificate checked against the name."""

    def __init__(self, host: str, port: int, *, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self):
        raw = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self.kept_sock = self._context.wrap_socket(raw, server_hostname=self.host)


def safe_get(url: str, *, budget: FetchBudget, accept: str = "application/json") -> bytes:
    """The body of `url`, fetched as this module says; FetchRefused otherwise."""
    for _ in range(MOST_REDIRECTS + 1):
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in _PORTS or not parts.hostname:
            raise FetchRefused(f"{url} is not a web address starting https:// or http://.")
        try:
            port = parts.port or _PORTS[parts.scheme]
        except ValueError:
            raise _unreachable(url) from None
        address = _checked_address(url, parts.hostname, port)
        connection_class = (
            _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
        )
        connection = connection_class(
            parts.hostname, port, address=address, timeout=min(budget.time_left(), 15)
        )
        path = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
        try:
            connection.request(
                "GET", path, headers={"Accept": accept, "User-Agent": "short-breaks-statement"}
            )
            answer = connection.getresponse()
            if answer.status in (301, 302, 303, 307, 308) and answer.getheader("Location"):
                url = urllib.parse.urljoin(url, answer.getheader("Location"))
                continue
            if answer.status != 200:
                raise _unreachable(url)
            return _read(answer, connection, budget)
        except (OSError, http.client.HTTPException):
            budget.time_left()  # out of time in all: say so rather than "could not fetch"
            raise _unreachable(url) from None
        finally:
            connection.close()
    raise _unreachable(url)


def _read(answer: http.client.HTTPResponse, connection, budget: FetchBudget) -> bytes:
    declared = answer.getheader("Content-Length")
    if declared and declared.isdigit() and budget.received + int(declared) > budget.bytes:
        budget.take(int(declared))  # refused before reading any of it
    chunks = []
    while True:
        connection.kept_sock.settimeout(min(budget.time_left(), 15))
        chunk = answer.read1(CHUNK_BYTES)
        if not chunk:
            return b"".join(chunks)
        budget.take(len(chunk))
        chunks.append(chunk)
