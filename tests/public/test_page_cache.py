"""Public pages are kept per edition and answered with 304 when unchanged; a publish
is seen at once; pages holding a family's answers or drafts are never kept."""

import gzip
import uuid
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from editions import selectors
from editions.cache import edition_memos_clear
from editions.publishing import edition_publish
from offer.models import Service
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SERVICE = "/services/virtual-activities/"


def queries(client, path: str, **headers) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, **headers)
    return len(captured.captured_queries), response


def test_a_page_seen_before_costs_no_query(client, durham_edition):
    first_count, first = queries(client, SERVICE)
    again_count, again = queries(client, SERVICE)
    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    # The page is kept, and which edition is current is remembered for a second.
    assert again_count == 0 < first_count


def test_which_edition_is_current_is_asked_again_after_a_second(
    client, durham_edition, monkeypatch
):
    now = [0.0]
    monkeypatch.setattr(selectors.current_edition_memo, "clock", lambda: now[0])
    client.get(SERVICE)
    now[0] += selectors.CURRENT_EDITION_SECONDS - 0.01
    assert queries(client, SERVICE)[0] == 0
    now[0] += 0.01
    # So another instance's publish is seen here within that second.
    assert queries(client, SERVICE)[0] == 1
    assert queries(client, SERVICE)[0] == 0


def test_a_page_another_instance_kept_costs_one_query_here(client, durham_edition):
    client.get(SERVICE)
    edition_memos_clear()  # this process has never read the edition; the cache has the page
    count, response = queries(client, SERVICE)
    assert response.status_code == 200 and count == 1


def test_pages_carry_validators_and_answer_304_when_unchanged(client, durham_edition):
    page = client.get(SERVICE)
    assert page["ETag"].startswith('"') and page["Last-Modified"]
    assert "must-revalidate" in page["Cache-Control"] and "max-age=0" in page["Cache-Control"]

    by_etag = client.get(SERVICE, HTTP_IF_NONE_MATCH=page["ETag"])
    assert by_etag.status_code == 304 and by_etag.content == b""
    by_date = client.get(SERVICE, HTTP_IF_MODIFIED_SINCE=page["Last-Modified"])
    assert by_date.status_code == 304
    # A browser's gzip-weakened copy of the tag still matches.
    assert client.get(SERVICE, HTTP_IF_NONE_MATCH="W/" + page["ETag"]).status_code == 304
    assert client.get(SERVICE, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_a_publish_is_seen_at_once_and_old_validators_stop_matching(client, durham_edition):
    old = client.get(SERVICE)
    Service.objects.filter(slug="virtual-activities").update(summary="Clubs online, weekly.")
    edition_publish(label="Next")
    new = client.get(SERVICE, HTTP_IF_NONE_MATCH=old["ETag"])
    assert new.status_code == 200
    assert "Clubs online, weekly." in new.content.decode()
    assert new["ETag"] != old["ETag"]


def test_an_earlier_editions_page_learns_a_newer_edition_exists(client, durham_edition):
    pinned = "/statement/1" + SERVICE
    assert "Earlier edition" not in client.get(pinned).content.decode()
    edition_publish(label="Next")
    assert "Earlier edition" in client.get(pinned).content.decode()


def test_a_familys_checker_answers_are_never_kept(client, durham_edition):
    answers = urlencode({"age": 8, "social_worker": "no", "ehcp": "no", "tried_community": "no"})
    response = client.get("/check/result/?" + answers)
    assert response.status_code == 200
    assert "ETag" not in response
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_drafts_in_the_preview_are_never_kept(client, durham_edition):
    client.force_login(UserFactory(roles=["Editor"]))
    first = client.get("/preview" + SERVICE)
    Service.objects.filter(slug="virtual-activities").update(summary="Draft summary.")
    second = client.get("/preview" + SERVICE)
    assert "Draft summary." in second.content.decode()
    assert "ETag" not in first and "no-cache" in first["Cache-Control"]


def test_each_host_gets_its_own_copy(client, durham_edition):
    one = client.get("/", HTTP_HOST="localhost").content.decode()
    two = client.get("/", HTTP_HOST="127.0.0.1").content.decode()
    assert 'content="http://localhost/"' in one and 'content="http://127.0.0.1/"' in two


def test_missing_pages_are_not_kept(client, durham_edition):
    assert client.get("/services/not-a-service/").status_code == 404
    count, response = queries(client, "/services/not-a-service/")
    assert response.status_code == 404 and count > 1


def _kept_pages() -> set[str]:
    from django.core.cache import cache

    return {key for key in cache._cache if ":page:" in key}


def test_junk_in_the_address_costs_no_memory_beyond_the_page(client, durham_edition):
    """Each page is kept once, at its canonical address: a flood of query strings the
    page does not read adds nothing, and reads the same as the page itself."""
    plain = client.get("/statement/")
    for n in range(200):
        junk = client.get(f"/statement/?utm={n}&fbclid=x{n}")
        assert junk.content == plain.content
    assert len(_kept_pages()) == 1


def test_repeated_finder_values_count_once(client, durham_edition):
    once = client.get("/find/?tier=additional-support&when=weekends")
    repeated = client.get(
        "/find/?" + "tier=additional-support&" * 398 + "when=weekends&when=weekends"
    )
    reordered = client.get("/find/?when=weekends&tier=additional-support&utm=x")
    assert once.content == repeated.content == reordered.content
    assert len(_kept_pages()) == 1


def test_the_scheme_a_proxy_reports_is_never_served_to_others(client, durham_edition):
    """Without SITE_URL a page's own address (share link, og:url) follows the request,
    so pages asked for over https and http are kept apart."""
    secure = client.get(SERVICE, secure=True).content.decode()
    plain = client.get(SERVICE).content.decode()
    assert 'content="https://testserver/services/virtual-activities/"' in secure
    assert 'content="http://testserver/services/virtual-activities/"' in plain
    assert "https://testserver" not in plain


def test_with_site_url_every_scheme_and_host_share_one_kept_page(client, durham_edition, settings):
    settings.SITE_URL = "https://shortbreaks.example.gov.uk"
    settings.ALLOWED_HOSTS = ["testserver", "internal.example"]
    first = client.get(SERVICE, secure=True)
    second = client.get(SERVICE, HTTP_HOST="internal.example")
    assert first.content == second.content
    assert 'content="https://shortbreaks.example.gov.uk/services/virtual-activities/"' in (
        first.content.decode()
    )
    assert len(_kept_pages()) == 1


def test_a_kept_page_is_compressed_once_not_on_every_hit(client, durham_edition):
    plain = client.get(SERVICE).content
    first = client.get(SERVICE, HTTP_ACCEPT_ENCODING="gzip, br")
    again = client.get(SERVICE, HTTP_ACCEPT_ENCODING="gzip")
    assert first["Content-Encoding"] == again["Content-Encoding"] == "gzip"
    # GZipMiddleware pads each answer at random against BREACH: the same bytes twice
    # means the kept compressed copy was sent, not a fresh compression.
    assert first.content == again.content
    assert gzip.decompress(again.content) == plain
    assert again["ETag"].startswith('W/"') and "Accept-Encoding" in again["Vary"]
    assert client.get(SERVICE, HTTP_IF_NONE_MATCH=again["ETag"]).status_code == 304


def test_a_kept_page_is_answered_before_the_rest_of_the_stack_with_the_same_headers(
    client, durham_edition
):
    first = client.get(SERVICE)
    again = client.get(SERVICE)
    junk = client.get(SERVICE + "?utm_source=newsletter")
    assert first.templates and not again.templates and not junk.templates  # no view ran
    assert again.content == junk.content == first.content
    for name in (
        "Content-Security-Policy",
        "Permissions-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cache-Control",
        "Last-Modified",
        "ETag",
        "Content-Type",
    ):
        assert again[name] == first[name], name
    assert again["Content-Length"] == str(len(first.content))


def test_a_kept_page_still_refuses_a_host_it_does_not_serve(client, durham_edition):
    client.get(SERVICE)
    assert client.get(SERVICE, HTTP_HOST="evil.example").status_code == 400


def test_a_kept_page_still_sends_plain_http_to_https(client, durham_edition, settings):
    settings.SITE_URL = "https://shortbreaks.example.gov.uk"
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(SERVICE, secure=True).status_code == 200
    plain = client.get(SERVICE)
    assert plain.status_code == 301 and plain["Location"].startswith("https://")


def test_pages_read_often_are_kept_in_the_process_in_front_of_a_shared_cache(
    client, durham_edition, settings
):
    from django.core.cache import cache

    settings.PAGE_LOCAL_BYTES = 1024 * 1024
    client.get(SERVICE)
    cache.clear()  # as if Redis had dropped it: this process still has it
    count, again = queries(client, SERVICE)
    assert count == 0 and again.status_code == 200 and not again.templates
    assert _kept_pages() == set()


def test_the_process_keeps_pages_within_its_bytes_least_recently_read_out(settings):
    from public.page_cache import KeptPage, _LocalPages

    settings.PAGE_LOCAL_BYTES = 8_000
    pages = _LocalPages()

    def page(size: int) -> KeptPage:
        return KeptPage((), b"x" * size, None, '"tag"', 0)

    for number in range(8):
        pages.put(f"page-{number}", page(1_000))
    assert pages.get("page-0") is not None  # read again: now the most recent
    pages.put("page-8", page(1_000))
    assert pages.get("page-1") is None  # the least recently read went out
    assert all(pages.get(f"page-{n}") is not None for n in (0, *range(2, 9)))
    # A page over an eighth of the budget would push out many: it is not kept here.
    pages.put("big", page(1_001))
    assert pages.get("big") is None and pages.get("page-2") is not None


def test_page_numbers_and_ages_however_spelt_are_kept_once(client, durham_edition):
    """A flood of '?page=<anything>' or '?age=0…05' spellings adds no kept page: a page
    number that is not a number is the first page, and a whole number is written one
    way."""
    import uuid

    first = client.get("/find/")
    for _ in range(50):
        again = client.get(f"/find/?page={uuid.uuid4()}&ask={uuid.uuid4()}")
        assert again.status_code == 200 and again.content == first.content
    nine = client.get("/find/?age=9")
    for spelling in ("09", "009", "0000000009", " 9"):
        assert client.get(f"/find/?age={spelling}").content == nine.content, spelling
    assert len(_kept_pages()) == 2


@pytest.mark.parametrize(
    ("accept", "zipped"),
    [
        ("gzip", True),
        ("gzip, deflate, br", True),
        ("br;q=1.0, gzip;q=0.8", True),
        ("*", True),
        ("gzip;q=0", False),
        ("gzip;q=0.0, identity", False),
        ("*;q=0", False),
        ("identity", False),
        ("", False),
    ],
)
def test_a_kept_page_is_gzipped_only_for_a_reader_who_takes_it(
    client, durham_edition, accept, zipped
):
    client.get("/statement/")  # kept
    response = client.get("/statement/", headers={"accept-encoding": accept})
    assert (response.get("Content-Encoding") == "gzip") is zipped


@pytest.mark.slow
def test_two_thousand_junk_requests_keep_nothing_more(client, durham_edition, settings):
    """Parameters no page reads, page numbers and ages however spelt, invalid values,
    a list carried, and Host ports: with SITE_URL set (production requires it), none
    adds a kept page."""
    settings.SITE_URL = "https://shortbreaks.example.gov.uk"
    for path in ("/", "/find/", "/statement/", "/find/?age=5"):
        client.get(path)
    before = set(cache._cache)
    junk = [
        lambda n: client.get(f"/find/?page={uuid.uuid4()}"),
        lambda n: client.get(f"/find/?age={'0' * (n % 7)}5"),
        lambda n: client.get(f"/?utm_source=x{n}"),
        lambda n: client.get(f"/statement/?zoom={n}"),
        lambda n: client.get(f"/find/?when=nonsense{n}"),
        lambda n: client.get(f"/?s={uuid.uuid4()}"),
        lambda n: client.get("/statement/", HTTP_HOST=f"testserver:{1024 + n}"),
        lambda n: client.get(f"/find/?ask={n}x"),
    ]
    for n in range(2000):
        assert junk[n % len(junk)](n).status_code in (200, 400)
    assert set(cache._cache) == before


def test_made_up_searches_are_answered_but_kept_only_up_to_a_cap(client, durham_edition, settings):
    settings.PAGE_VARIANTS_KEPT = 50
    client.get("/find/")
    before = len(_kept_pages())
    for n in range(300):
        assert client.get(f"/find/?q=made-up-{n}").status_code == 200
    assert len(_kept_pages()) - before == 50
    # The finder's own address is always kept.
    assert client.get("/find/").status_code == 200


@pytest.mark.parametrize(
    ("kept", "asked"),
    [
        ("/find/?age=10&q=club", "/find/?q=club&age=10"),  # the form's own field order
        ("/services/virtual-activities/", "/services/virtual-activities/?utm_source=news"),
        ("/find/?age=5", "/find/?age=05&fbclid=abc"),
        ("/find/?q=club", "/find/?q=club&age="),  # a field left blank
    ],
)
def test_any_spelling_of_a_kept_page_is_answered_by_the_first_middleware(
    client, durham_edition, kept, asked, monkeypatch
):
    first = client.get(kept)

    def never(*args, **kwargs):
        raise AssertionError("the request went past the first middleware")

    monkeypatch.setattr("public.viewing.page_cached", never)
    count, response = queries(client, asked)
    assert count == 0
    assert response.status_code == 200 and response.content == first.content
