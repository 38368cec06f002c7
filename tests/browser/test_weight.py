"""The home page is light on first load, measured through gunicorn serving the
production settings, with static files collected and compressed by whitenoise."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import ARTEFACTS

BUDGET = 30 * 1024  # bytes on the wire for HTML, CSS, JavaScript, fonts and images
ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def production_server(tmp_path_factory):
    """gunicorn with the production settings, the Durham statement published."""
    folder = tmp_path_factory.mktemp("production")
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "shortbreaks.settings.prod",
        "SECRET_KEY": "weight-test-only",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "STATIC_ROOT": str(folder / "static"),
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)

    def manage(*args):
        subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
        )

    manage("collectstatic", "--no-input")
    manage("migrate", "--no-input")
    manage("load_demo", "durham")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "shortbreaks.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("gunicorn did not start")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_home_page_first_load_is_within_30_kb(browser, production_server):
    context = browser.new_context()
    page = context.new_page()
    loaded = []
    page.on("requestfinished", lambda request: loaded.append(request))
    page.goto(production_server + "/", wait_until="networkidle")
    sizes = {}
    for request in loaded:
        sizes[request.url] = request.sizes()["responseBodySize"]
        response = request.response()
        if request.resource_type in ("document", "stylesheet", "script"):
            assert response.headers.get("content-encoding") == "gzip", request.url
    context.close()
    total = sum(sizes.values())
    report = ", ".join(f"{url.rsplit('/', 1)[-1] or '/'}: {size} B" for url, size in sizes.items())
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    (ARTEFACTS / "home-weight.txt").write_text(f"{total} bytes on first load: {report}\n")
    assert total <= BUDGET, f"{total} bytes on first load ({report})"
    assert any(url.endswith(".css") for url in sizes) and any(".mjs" in url for url in sizes)


def test_no_render_blocking_script_and_images_have_dimensions(browser, production_server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(production_server + "/")
    blocking = page.evaluate(
        """() => [...document.querySelectorAll('head script[src]')]
             .filter(s => s.type !== 'module' && !s.defer && !s.async).map(s => s.src)"""
    )
    assert blocking == []
    sizeless = page.evaluate(
        """() => [...document.querySelectorAll('img')]
             .filter(i => !i.getAttribute('width') || !i.getAttribute('height')).map(i => i.src)"""
    )
    assert sizeless == []
    context.close()
