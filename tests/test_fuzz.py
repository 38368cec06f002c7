"""Bad input never breaks the site: generated requests to every public address
pattern, with odd paths and query strings (huge, unicode, NUL bytes, repeated
parameters), and not one answer is a server error. 10,000 requests in CI, 1,000 locally
(the Hypothesis profiles in tests/conftest.py).

Runs in-process through Django's test client against Durham's published statement.
"""

from urllib.parse import quote, urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editions.models import Edition
from editions.publishing import edition_publish
from offer.models import Service
from public.pages import pages_at
from public.viewing import Addresses

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

PER_EXAMPLE = 5

_PREFIXES = {
    Addresses.CURRENT: "/",
    Addresses.PINNED: "/statement/{}/",
    Addresses.PREVIEW: "/preview/",
}
# Every public page at each of its sets of addresses ({} is a path segment the fuzzer
# fills in), from the one list of pages, then the addresses outside the list.
PATTERNS = [
    _PREFIXES[addresses] + route.replace("<slug:slug>", "{}")
    for addresses in Addresses
    for _, route in pages_at(addresses)
] + [
    "/{}",
    "/{}/{}/",
    "/feedback/",
    "/sitemap.xml",
    "/robots.txt",
    "/healthz",
    "/api/openreferral/",
    "/api/openreferral/{}",
    "/api/openreferral/services",
    "/api/openreferral/services/{}",
    "/api/openreferral/taxonomies/{}",
    "/api/openreferral/taxonomy_terms/{}",
    "/api/openreferral/service_at_locations",
    "/api/openreferral/service_at_locations/{}",
]

# Parameter names the pages and the API read, so values reach real code paths.
NAMES = [
    "q", "age", "need", "when", "area", "tier", "no_assessment", "direct_payment", "page",
    "per_page", "since", "social_worker", "ehcp", "tried_community", "useful", "comment",
    "website", "search", "taxonomy_term_id", "taxonomy_id", "minimum_age", "maximum_age",
    "modified_after", "format", "day", "postcode",
]  # fmt: skip

text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
numbers = st.integers(min_value=-(10**30), max_value=10**30).map(str)
huge = st.sampled_from(["a", "9", "é", "%", "\x00", "<"]).map(lambda c: c * 20_000)
special = st.sampled_from(
    ["", "0", "-1", "NaN", "inf", "1e309", "true", "\x00", "../../etc/passwd", "%00",
     "2026-02-30", "00000000-0000-0000-0000-000000000000", "yes", "no", "not_sure",
     "virtual-activities", "autism", "overnight", "1", "2", "99999999999999999999"]
)  # fmt: skip
values = st.one_of(text, numbers, special, huge)
names = st.one_of(st.sampled_from(NAMES), text)
# A list of pairs, so the same parameter can come many times.
queries = st.lists(st.tuples(names, values), max_size=8)
segments = st.one_of(
    special, text, numbers, st.sampled_from(["durham", "1", "2", "services", "find"])
)


def _path(pattern: str, filler: list[str]) -> str:
    parts = iter(filler)
    return pattern.format(*(quote(next(parts, "x"), safe="") for _ in range(pattern.count("{}"))))


request = st.tuples(
    st.sampled_from(PATTERNS),
    st.lists(segments, min_size=3, max_size=3),
    queries,
    st.sampled_from(["GET", "GET", "GET", "HEAD", "POST"]),
)


@pytest.fixture
def published(durham_edition):
    # A second edition, so pinned and changes pages have something to compare.
    Service.objects.filter(slug="virtual-activities").update(include_in_statement=False)
    edition_publish(label="Second")
    assert Edition.objects.count() == 2


def test_generated_requests_get_no_server_error(client, published):
    sent = []

    @given(st.lists(request, min_size=PER_EXAMPLE, max_size=PER_EXAMPLE))
    def check(batch):
        for pattern, filler, query, method in batch:
            path = _path(pattern, filler)
            encoded = urlencode(query)
            if method == "POST":
                response = client.post(
                    path, encoded, content_type="application/x-www-form-urlencoded"
                )
            elif method == "HEAD":
                response = client.head(f"{path}?{encoded}")
            else:
                response = client.get(f"{path}?{encoded}")
            sent.append(path)
            assert response.status_code < 500, f"{method} {path}?{encoded[:300]}"

    check()
    assert len(sent) >= settings().max_examples * PER_EXAMPLE
