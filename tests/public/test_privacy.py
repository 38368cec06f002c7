"""Which pages hold a family's own answers or choices is declared once, in
public/pages.py: each of those answers privately (no Referer, not indexed, never kept),
pages that carry a family's list do so only when they carry it, and robots.txt asks
search engines to leave alone exactly the private pages that are not in the sitemap."""

import pytest

from public.pages import PAGES
from public.viewing import page_url

pytestmark = pytest.mark.django_db

ANSWERS = "age=8&social_worker=no&ehcp=no&tried_community=no&s=x"


def _private(response) -> bool:
    return (
        response["Referrer-Policy"] == "no-referrer"
        and response["X-Robots-Tag"] == "noindex"
        and "no-store" in response["Cache-Control"]
    )


def test_every_page_declared_private_answers_privately(client, durham_edition):
    declared = [page for page in PAGES if page.private is True]
    assert {page.name for page in declared} == {"check", "check_result", "shortlist"}
    for page in declared:
        response = client.get(f"{page_url(page.name)}?{ANSWERS}")
        assert response.status_code in (200, 400), page.name
        assert _private(response), page.name


def test_every_page_carrying_a_list_is_private_only_then(client, durham_edition):
    listed = "s=6f1c2a54-8a7d-4a4e-9a53-2f7f2e0b1c11"
    for page in ("/", "/services/specialist-youth-groups/", "/find/?q=club", "/providers/",
                 "/statement/", "/glossary/", "/statement/1/"):  # fmt: skip
        joined = "&" if "?" in page else "?"
        assert not _private(client.get(page)), page
        assert _private(client.get(f"{page}{joined}{listed}")), page
    assert _private(client.get("/find/?q=club&s=nonsense"))


def test_robots_leaves_out_the_preview_and_the_private_pages_not_in_the_sitemap(
    client, durham_edition
):
    robots = client.get("/robots.txt").content.decode()
    disallowed = [
        line.split(": ", 1)[1] for line in robots.splitlines() if line.startswith("Disallow")
    ]
    assert disallowed == ["/preview/", "/check/result/", "/list/"]
