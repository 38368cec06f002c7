"""gunicorn in production: `gunicorn shortbreaks.wsgi:application` reads this file from
the project folder (or name it with -c gunicorn.conf.py). Environment variables adjust
it without editing.

Slow clients: put a buffering proxy or load balancer in front (nginx, or a cloud load
balancer), which reads each request whole before passing it on. Behind one or not,
workers here are threaded (gthread): a client trickling its headers holds one thread
of one worker, never a whole worker, so the other threads keep serving.
"""

import ctypes
import ctypes.util
import os
import time

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# About two workers per core, each with a pool of threads.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
# A request taking longer than this is stuck (the database and cache time out well
# before): the worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# Keep connections from the load balancer open between requests.
keepalive = 5
# Workers are not recycled after a number of requests by default: every cache a worker
# keeps is bounded (parsed editions, feeds, pages kept in its memory), and recycling
# drops the keep-alive connections the load balancer holds, so some requests fail
# (measured in docs/performance.md). GUNICORN_MAX_REQUESTS turns it on if wanted.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10
# The access log leaves out query strings: the checker's answers about a child (age,
# needs) live there, and logs are kept longer than pages are read.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'


# glibc gives each thread that allocates its own memory arena, and a threaded worker's
# arenas each keep freed memory: with 8 threads a worker's memory grew by a third more
# than the pages it serves needed (docs/performance.md). Two arenas are enough for a
# worker whose threads mostly wait on the network.
MALLOC_ARENAS = int(os.environ.get("GUNICORN_MALLOC_ARENAS", "2"))
_M_ARENA_MAX = -8  # mallopt's parameter number, from glibc's malloc.h


# After a request this slow (a first render of a large page, a feed, the changes
# between two editions), the memory it freed goes back to the system: glibc keeps freed
# memory for reuse, so a worker would otherwise stay at the peak of its heaviest request
# (about 30 MB more at 10,000 services). Trimming takes a millisecond or two, and only
# after requests this slow. 0 turns it off.
MALLOC_TRIM_AFTER_SECONDS = float(os.environ.get("GUNICORN_MALLOC_TRIM_AFTER_MS", "100")) / 1000

_libc = None  # glibc, in a worker (elsewhere nothing to tune)


def post_fork(server, worker) -> None:
    global _libc
    libc_name = ctypes.util.find_library("c")
    libc = ctypes.CDLL(libc_name) if libc_name else None
    if libc is not None and hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim"):
        _libc = libc
        if MALLOC_ARENAS:
            libc.mallopt(_M_ARENA_MAX, MALLOC_ARENAS)


def pre_request(worker, req) -> None:
    req.shortbreaks_started = time.monotonic()


def post_request(worker, req, environ, resp) -> None:
    started = getattr(req, "shortbreaks_started", None)
    if (
        _libc is not None
        and MALLOC_TRIM_AFTER_SECONDS
        and started is not None
        and time.monotonic() - started >= MALLOC_TRIM_AFTER_SECONDS
    ):
        _libc.malloc_trim(0)
