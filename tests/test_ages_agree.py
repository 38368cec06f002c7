"""Ages decided once: for every service of the three councils and every age from 0 to
30, the service's own page, the finder and the checker say the same thing (for this
age; not for this age; the statement does not say, so ask)."""

import re

import pytest

from editions.selectors import statement_current
from public.checker import checker_questions
from tests.conftest import council_publish

pytestmark = pytest.mark.django_db

_AGES_ROW = re.compile(r">Ages</dt>\s*<dd[^>]*>([^<]+)</dd>")
_WORDS = [
    (re.compile(r"(\d+) to (\d+) years"), lambda m: (int(m[1]), int(m[2]))),
    (re.compile(r"from (\d+) years"), lambda m: (int(m[1]), None)),
    (re.compile(r"up to (\d+) years"), lambda m: (None, int(m[1]))),
    (re.compile(r"(\d+) years old"), lambda m: (int(m[1]), int(m[1]))),
]


def _ages_on_page(html: str) -> tuple[int | None, int | None] | None:
    """The ages a service's page gives, read from its words; None when it gives none."""
    found = _AGES_ROW.search(html)
    if found is None:
        return None
    for pattern, read in _WORDS:
        if match := pattern.fullmatch(found[1].strip()):
            return read(match)
    raise AssertionError(f"ages in words we cannot read: {found[1]!r}")


def _page_says(ages, age: int) -> bool | None:
    if ages is None:
        return None
    low, high = ages
    return (low is None or low <= age) and (high is None or age <= high)


@pytest.mark.parametrize("council", ["durham", "dorset", "leicestershire"])
def test_page_finder_and_checker_agree_for_every_service_and_age(client, council):
    council_publish(council)
    _, statement = statement_current()
    slugs = [service.slug for service in statement.offered_services]
    pages = {
        slug: _ages_on_page(client.get(f"/services/{slug}/").content.decode()) for slug in slugs
    }
    asked = checker_questions(statement)
    unsure = "".join(
        f"&{name}=not_sure"
        for name in ("social_worker", "ehcp", "tried_community")
        if getattr(asked, name)
    )
    for age in range(31):
        says = {slug: _page_says(pages[slug], age) for slug in slugs}
        finder = client.get(f"/find/?age={age}")
        checker = client.get(f"/check/result/?age={age}{unsure}")
        assert checker.status_code == 200, (age, checker.content[:300])
        result = checker.context["result"]
        suits = {s.slug for sg in result.suggestions for s in sg.services}
        ask = {s.slug for sg in result.suggestions for s in sg.ask}
        if finder.status_code == 400:  # past the ages the finder searches by
            assert not any(says.values()), (council, age)
            assert not suits, (council, age)
            continue
        matches = {s.slug for s in finder.context["results"]}
        to_ask = {s.slug for s in finder.context["ask_page"].paginator.object_list}
        for slug, said in says.items():
            where = (council, age, slug, pages[slug])
            assert (slug in matches) == (said is True), where
            assert (slug in to_ask) == (said is None), where
            if slug in suits:
                assert said is True, where
            if slug in ask:
                assert said is None, where
        if not result.in_age_range:
            assert not any(says.values()), (council, age)
