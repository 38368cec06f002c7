"""A time limit on each database query, kept by the app itself (and on the check that a
kept connection still answers: core/backends/postgresql).

PostgreSQL's statement_timeout (shortbreaks/settings/base.py) ends a slow query, but a
database server that has hung answers nothing at all, not even that: the kernel still
keeps the connection open, so a query would wait until gunicorn killed the worker. Here
a query that has not answered within its time has its connection's socket shut from a
timer, so the wait ends at once with an OperationalError the page can answer with.
"""

import contextlib
import os
import socket
import threading
from collections.abc import Callable, Iterator
from typing import Any

from django.db import connection as default_connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers


class QueryDeadline:
    """A `connection.execute_wrapper`: each query gets `seconds` to answer."""

    def __init__(self, connection, seconds: float):
        self.connection = connection
        self.seconds = seconds
        self.cut = False

    def __call__(self, execute: Callable, sql: str, params: Any, many: bool, context: dict):
        with self.armed():
            return execute(sql, params, many, context)

    @contextlib.contextmanager
    def armed(self) -> Iterator[None]:
        """Within the block, the connection is cut if it is still waiting after
        `seconds`."""
        timer = threading.Timer(self.seconds, self._shut)
        timer.daemon = True
        timer.start()
        try:
            yield
        finally:
            timer.cancel()

    def _shut(self) -> None:
        raw = self.connection.connection
        if raw is None:
            return
        with contextlib.suppress(OSError, ValueError, AttributeError):
            # A copy of the socket, shut both ways: the query's wait on the original
            # ends with 'server closed the connection'.
            copy = socket.socket(fileno=os.dup(raw.fileno()))
            try:
                copy.shutdown(socket.SHUT_RDWR)
            finally:
                copy.close()
            self.cut = True


@contextlib.contextmanager
def queries_limited(seconds: float, connection=default_connection) -> Iterator[None]:
    """Within the block, each query on `connection` (PostgreSQL only: SQLite is a local
    file with its own lock timeout) answers within `seconds` or fails."""
    if connection.vendor != "postgresql" or not seconds:
        yield
        return
    with connection.execute_wrapper(QueryDeadline(connection, seconds)):
        yield


def database_unavailable(request: HttpRequest) -> HttpResponse:
    """The answer to a page that needs the database while it does not answer: 503, a
    plain page (it reads nothing from the database), and when to try again."""
    response = render(request, "503.html", status=503)
    response["Retry-After"] = "60"
    add_never_cache_headers(response)
    return response
