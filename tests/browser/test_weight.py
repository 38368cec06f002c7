"""The home page is light on first load, measured through gunicorn serving the
production settings, with static files collected and compressed by whitenoise."""

import pytest

from tests.servers import gunicorn, prepare, production_env

from .conftest import ARTEFACTS

BUDGET = 30 * 1024  # bytes on the wire for HTML, CSS, JavaScript, fonts and images


@pytest.fixture(scope="module")
def production_server(tmp_path_factory):
    """gunicorn with the production settings, the Durham statement published."""
    env = production_env(tmp_path_factory.mktemp("production"))
    prepare(env)
    with gunicorn(env) as url:
        yield url


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
        # Bodies under 200 bytes are sent as they are (GZipMiddleware's floor, where
        # compression would add bytes), such as the council's own colours in /site.css.
        big = int(response.headers.get("content-length") or 1000) >= 200
        if request.resource_type in ("document", "stylesheet", "script") and big:
            # whitenoise serves Brotli where the package is installed, gzip otherwise
            assert response.headers.get("content-encoding") in ("gzip", "br"), request.url
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
