"""Every kind of public page is valid HTML, checked by the Nu HTML Checker (npm's
vnu-jar, run with the machine's Java), all pages in one run."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from offer.models import Service
from tests.conftest import WITHDRAWN, council_publish

VNU = (
    Path(__file__).resolve().parents[1] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)
JAVA = shutil.which("java")

if not (JAVA and VNU.exists()) and os.environ.get("REQUIRE_BROWSER"):
    raise RuntimeError("HTML validation needs Java and node_modules/vnu-jar (npm ci).")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (JAVA and VNU.exists()), reason="needs Java and vnu-jar (npm ci) to validate HTML"
    ),
    pytest.mark.django_db,
]

CHECK = "/check/result/?age=10&social_worker=yes&ehcp=no&when=weekends&tried_community=yes"
# A family's list: two of the first council's services (their permanent ids).
LIST = "/list/?s=8a83804a-0baa-4483-9d52-52a2d58b25f2&s=1b3abc06-424e-48d7-b0bb-981aa5faa12f"
PAGES = {
    "durham": [
        "/",
        "/support/additional-support/",
        "/services/pilot-personalisation-pot/",
        "/providers/",
        "/contacts/",
        "/statement/",
        "/statement/editions/",
        "/statement/changes/",
        "/statement/1/services/pilot-personalisation-pot/",
        "/find/?q=swimming",
        "/find/?q=zzzzzz",
        "/find/?age=abc",
        "/check/",
        CHECK,
        "/check/result/?age=abc",
        LIST,
        "/list/",
        "/list/?s=not-a-service",
        "/find/?q=holiday&s=8a83804a-0baa-4483-9d52-52a2d58b25f2",
        "/accessibility/",
        "/feedback/?page=/find/&useful=no",
        "/feedback/thanks/?page=/find/",
        "/no-such-page/",
        f"/services/{WITHDRAWN}/",
    ],
    "leicestershire": ["/providers/sense/", "/glossary/", "/faq/", "/stories/"],
    "dorset": ["/what-families-need/", "/statement/"],
}


def _council_pages(client, council: str, paths: list[str], folder: Path) -> list[Path]:
    council_publish(council)
    files = []
    for number, path in enumerate(paths):
        response = client.get(path)
        assert response.status_code in (200, 400, 404, 410), path
        file = folder / f"{council}-{number}.html"
        file.write_bytes(response.content)
        files.append(file)
    return files


@pytest.mark.parametrize("council", PAGES)
def test_every_public_page_type_is_valid_html(client, tmp_path, council):
    paths = PAGES[council]
    pages = _council_pages(client, council, paths, tmp_path)
    files = {str(file): path for file, path in zip(pages, paths, strict=True)}
    assert _html_problems(files) == [], "\n".join(_html_problems(files))


def _html_problems(files: dict[str, str]) -> list[str]:
    """Each error the Nu checker finds in these files (file -> the address it came from)."""
    result = subprocess.run(
        [JAVA, "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [
        f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: line "
        f"{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error"
    ]


def test_providers_pages_are_valid_html(client, tmp_path):
    import re

    from django.core import mail

    from proposals.services import invitation_send
    from tests.proposals.test_proposals import _member

    council_publish("durham")
    service = Service.objects.filter(providers__isnull=False).first()
    member = _member(service.providers.first())
    invitation_send(provider=member.provider, email="new@example.org", name="", by=None)
    join = re.search(r"(/your-services/join/[^/\s]+/)", mail.outbox[-1].body)[1]
    files = {}
    for number, (path, data) in enumerate(
        [
            (join, None),
            (join, {"name": "", "password1": "a", "password2": "b"}),
            ("/your-services/sign-in/", None),
            ("/your-services/sign-in/", {"username": "x@example.org", "password": "x"}),
            ("/your-services/", None),
            (f"/your-services/{service.uid}/", None),
            (f"/your-services/{service.uid}/", {"name": "", "cost_kind": "amount"}),
            (f"/your-services/{service.uid}/still-correct/", None),
        ]
    ):
        if number == 4:
            client.force_login(member.user)
        response = client.post(path, data) if data else client.get(path)
        assert response.status_code in (200, 400), path
        file = tmp_path / f"provider-{number}.html"
        file.write_bytes(response.content)
        files[str(file)] = path
    assert _html_problems(files) == [], "\n".join(_html_problems(files))


def test_the_checker_does_find_errors(tmp_path):
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><html lang=en><title>x</title><p><div></span></html>")
    result = subprocess.run(
        [JAVA, "-jar", str(VNU), "--errors-only", "--format", "json", str(page)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert json.loads(result.stderr)["messages"]
