"""docs/deployment.md, followed as written: its step blocks run in order on a clean copy
of the code, with a fresh PostgreSQL database and a Redis of the test's own, then the site
must serve, let the officer from the steps sign in, and publish.

Slow (it installs the site into a new virtual environment from the package registries)
and it needs PostgreSQL on 127.0.0.1:5432 and npm, as CI has."""

import http.client
import os
import re
import shutil
import subprocess
import time
import uuid
from html import unescape
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.servers import free_port, redis_server

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "deployment.md"
POSTGRES = "postgres://postgres@127.0.0.1:5432"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (shutil.which("npm") and shutil.which("redis-server") and shutil.which("git")),
        reason="needs npm, redis-server and git",
    ),
]


def guide_steps() -> list[str]:
    """The shell blocks the guide marks as steps, in order."""
    text = GUIDE.read_text()
    return re.findall(r"<!-- deployment: step -->\n```sh\n(.*?)```", text, re.DOTALL)


def guide_values() -> set[str]:
    """The names the guide asks a council to set for itself."""
    block = re.search(r"<!-- deployment: your values -->\n```sh\n(.*?)```", GUIDE.read_text(), re.S)
    return set(re.findall(r"export (\w+)=", block[1]))


def _clean_copy(folder: Path) -> Path:
    """The project's files as a fresh clone would have them (those git knows of, as they
    are now), without anything built or installed."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout.decode().split("\0")  # fmt: skip
    copy = folder / "shortbreaks"
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    return copy


class Browser:
    """Requests as the proxy in front passes them on (HTTPS ended there), with cookies
    kept by hand (they are Secure, for HTTPS only)."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {
            "Host": "127.0.0.1",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": "192.0.2.10",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        body = None
        if form is not None:
            body = urlencode(form)
            headers |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": "https://127.0.0.1",
                "Referer": f"https://127.0.0.1{path}",
            }
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        connection.close()
        return response.status, dict(response.getheaders()), text


def _field(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html) or re.search(
        rf'value="([^"]*)" name="{name}"', html
    )
    assert found, f"no {name} in the form"
    return unescape(found[1])


def test_the_deployment_guide_gives_a_site_that_serves_signs_in_and_publishes(tmp_path):
    import psycopg

    copy = _clean_copy(tmp_path)
    database = f"shortbreaks_deploy_{uuid.uuid4().hex[:8]}"
    port = free_port()
    password = "correct horse battery staple " + uuid.uuid4().hex
    with redis_server() as (_, redis_port):
        values = {
            "SITE_URL": "https://127.0.0.1",
            "DATABASE_URL": f"{POSTGRES}/{database}",
            "CACHE_URL": f"redis://127.0.0.1:{redis_port}/0",
            "OFFICER_EMAIL": "officer@example.gov.uk",
        }
        assert set(values) == guide_values()
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "VIRTUAL"))},
            **values,
            "DJANGO_SUPERUSER_PASSWORD": password,
            "GUNICORN_BIND": f"127.0.0.1:{port}",
        }
        env.pop("DATABASE_URL_TEST", None)
        steps = guide_steps()
        assert len(steps) >= 6
        try:
            for number, step in enumerate(steps, start=1):
                done = subprocess.run(
                    ["bash", "-euo", "pipefail", "-c", step],
                    cwd=copy, env=env, capture_output=True, text=True, timeout=900,
                )  # fmt: skip
                assert done.returncode == 0, f"step {number} failed:\n{step}\n{done.stderr[-3000:]}"
            assert (
                "pytest"
                not in subprocess.run(
                    [copy / ".venv/bin/python", "-m", "pip", "list"], capture_output=True, text=True
                ).stdout
            )  # installed without the test tools
            _served_signed_in_and_published(copy, env, port, password)
        finally:
            for pid_file in (copy / "gunicorn.pid", copy / "worker.pid"):
                if pid_file.exists():
                    subprocess.run(["kill", pid_file.read_text().strip()], check=False)
            time.sleep(1)
            with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def _served_signed_in_and_published(copy: Path, env: dict, port: int, password: str) -> None:
    browser = Browser(port)
    for _ in range(100):
        try:
            status, _, health = browser.request("GET", "/healthz")
            break
        except OSError:
            time.sleep(0.1)
    assert status == 200 and '"status": "ok"' in health
    assert browser.request("GET", "/")[0] == 200

    # The officer signs in.
    status, _, login = browser.request("GET", "/admin/login/")
    assert status == 200
    form = {
        "csrfmiddlewaretoken": _field(login, "csrfmiddlewaretoken"),
        "username": "admin",
        "password": password,
        "next": "/admin/",
    }
    status, headers, _ = browser.request("POST", "/admin/login/?next=/admin/", form)
    assert status == 302 and headers["Location"] == "/admin/", status
    assert browser.request("GET", "/admin/")[0] == 200

    # A council's statement in the working copy (typed in, in real life), then published.
    subprocess.run(
        [copy / ".venv/bin/python", "manage.py", "loaddata", "durham"],
        cwd=copy, env=env, check=True, capture_output=True,
    )  # fmt: skip
    status, _, page = browser.request("GET", "/admin/editions/edition/publish/")
    assert status == 200
    form = {
        "csrfmiddlewaretoken": _field(page, "csrfmiddlewaretoken"),
        "working_copy": _field(page, "working_copy"),
        "label": "2026 to 2027",
        "reviewed_on_shown_as": "day",
        "next_review_due_shown_as": "day",
    }
    status, headers, _ = browser.request("POST", "/admin/editions/edition/publish/", form)
    assert status == 302, status
    # Each worker asks which edition is current at most once a second: the other worker
    # of the two sees the publish within that.
    time.sleep(1.2)
    status, _, home = browser.request("GET", "/")
    assert status == 200 and "Durham" in home
    assert browser.request("GET", "/services/virtual-activities/")[0] == 200
