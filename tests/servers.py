"""The site as it runs in production: gunicorn, production settings, static files
collected and compressed by whitenoise, on 127.0.0.1 only. Used by tests that need a
real server (page weight, several instances) and by the benchmarks."""

import contextlib
import os
import socket
import subprocess
import sys
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
        "ALLOWED_HOSTS": "127.0.0.1",
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
