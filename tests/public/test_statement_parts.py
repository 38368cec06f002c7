"""The whole statement comes in parts once it lists more services than anyone would
print: every service once, links that stay within their part, a contents page, and a
PDF per part (tests/public/test_pdf.py)."""

import re

import pytest

from offer.models import Service

pytestmark = pytest.mark.django_db


def _parts(client, base: str = "/statement/") -> list[str]:
    first = client.get(base).content.decode()
    count = int(re.search(r"part 1 of (\d+)", first)[1])
    pages = [first]
    for number in range(2, count + 1):
        response = client.get(f"{base}?part={number}")
        assert response.status_code == 200
        pages.append(response.content.decode())
    return pages


def test_a_statement_within_the_limit_is_one_page_with_its_pdf(client, durham_edition):
    page = client.get("/statement/").content.decode()
    assert "part 1 of" not in page and "Parts of the statement" not in page
    assert "Download this edition as a PDF" in page
    assert client.get("/statement/?part=2").status_code == 404


def test_past_the_limit_every_service_is_in_exactly_one_part(client, durham_edition, settings):
    settings.STATEMENT_PART_SERVICES = 5
    pages = _parts(client)
    offered = Service.objects.filter(include_in_statement=True, status__in=["available", "pilot"])
    shown = [slug for page in pages for slug in re.findall(r'id="service-([\w-]+)"', page)]
    assert len(pages) > 2
    assert sorted(shown) == sorted(set(shown))  # none twice
    assert set(shown) == set(offered.values_list("slug", flat=True))
    for page in pages:
        assert len(re.findall(r'id="service-', page)) <= 5
    # The opening and contents come first; providers and contacts last.
    assert 'id="contents-title"' in pages[0] and 'href="?part=2"' in pages[0]
    assert 'id="useful-contacts"' in pages[-1] and 'id="useful-contacts"' not in pages[0]


def test_each_part_links_only_to_ways_in_on_the_same_page(client, durham_edition, settings):
    settings.STATEMENT_PART_SERVICES = 5
    for page in _parts(client):
        for target in re.findall(r'href="#(route-[\w-]+)"', page):
            assert f'id="{target}"' in page, target


def test_parts_are_paged_and_a_missing_part_is_not_found(client, durham_edition, settings):
    settings.STATEMENT_PART_SERVICES = 5
    second = client.get("/statement/?part=2").content.decode()
    assert 'rel="prev"' in second and 'href="/statement/?part=3"' in second
    assert 'href="?part=1#contents-title"' in second
    assert "Download this edition as a PDF" not in second
    assert "Download part 2 as a PDF" in second
    for bad in ("0", "999", "two"):
        assert client.get(f"/statement/?part={bad}").status_code == 404, bad
    # Left empty, it asks for no part in particular: the first.
    assert client.get("/statement/?part=").content == client.get("/statement/").content
    # An earlier edition comes in parts the same way.
    assert "part 2 of" in client.get("/statement/1/?part=2").content.decode()
