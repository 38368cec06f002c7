"""The site as it runs in production: gunicorn, production settings, static files
collected and compressed by whitenoise, on 127.0.0.1 only. Used by tests that need a
real server (page weight, several instances) and by the benchmarks."""

import contextlib
import http.server
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(folder: Path, **extra: str) -> dict[str, str]:
    """Production settings over plain HTTP on 127.0.0.1, with a SQLite file in `folder`
    unless `extra` gives another DATABASE_URL."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "shortbreaks.settings.prod",
        "SECRET_KEY": "local-production-test-only-" + "x" * 40,
        "SITE_URL": "http://127.0.0.1",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "STATIC_ROOT": str(folder / "static"),
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        **extra,
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def manage(env: dict[str, str], *args: str) -> str:
    """Run a management command with `env`; its output."""
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def prepare(env: dict[str, str], council: str = "durham") -> None:
    """Collect static files and publish a council's statement into an empty database."""
    manage(env, "collectstatic", "--no-input")
    manage(env, "migrate", "--no-input")
    manage(env, "load_demo", council)


@contextlib.contextmanager
def gunicorn(env: dict[str, str], *, workers: int = 1, port: int | None = None) -> Iterator[str]:
    """A gunicorn serving the site until the block ends; yields its address."""
    port = port or free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "shortbreaks.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(url + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("gunicorn did not start")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@contextlib.contextmanager
def redis_server() -> Iterator[tuple[subprocess.Popen, int]]:
    """A redis-server of our own on a spare port, keeping nothing on disk; stopped by
    its pid when the block ends (even if a test paused it)."""
    port = free_port()
    server = subprocess.Popen(
        [shutil.which("redis-server"), "--port", str(port), "--bind", "127.0.0.1",
         "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        import redis

        client = redis.Redis(port=port, socket_timeout=1)
        for _ in range(100):
            with contextlib.suppress(redis.exceptions.ConnectionError):
                if client.ping():
                    break
            time.sleep(0.05)
        yield server, port
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(server.pid, signal.SIGCONT)
            server.kill()
        server.wait(timeout=10)


@contextlib.contextmanager
def postgres_database(server: str = "postgres://postgres@127.0.0.1:5432") -> Iterator[str]:
    """An empty PostgreSQL database of our own on `server`, dropped when the block ends;
    yields its DATABASE_URL."""
    import uuid

    import psycopg

    name = f"shortbreaks_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server}/{name}"
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def http_server(handler: type) -> Iterator[str]:
    """A plain HTTP server on a spare local port answering with `handler`; yields its
    address. It checks for shutdown every 10 ms, so stopping it costs no test half a
    second (the standard library's default)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
