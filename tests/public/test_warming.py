"""A new edition is warmed once for every worker: the glossary terms its pages use are
kept by its publish, and a background task keeps its finder index and its changes since
the edition before beside it; a worker reads them rather than works them out, and reads
them to the same answers. The feed maps only the services a page shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from editions.cache import edition_memos_clear
from editions.models import EditionDerived, EditionSnapshot
from editions.publishing import edition_publish
from editions.read import Statement
from editions.selectors import edition_changes, edition_statement
from offer.models import Service
from public.finder import FINDER_INDEX, Filters, finder_index, offered_index_made
from tests.councils import council_load

pytestmark = pytest.mark.django_db

SEARCHES = [
    Filters(words="overnight"),
    Filters(words="autism club", age=9),
    Filters(words="someone to sit with him"),
    Filters(age=4),
    Filters(words="holiday", age=15),
]


@pytest.fixture
def two_editions(django_capture_on_commit_callbacks):
    council_load("durham")
    with django_capture_on_commit_callbacks(execute=True):
        first = edition_publish(label="First")
    Service.objects.filter(slug="virtual-activities").update(summary="Now on Tuesdays too.")
    with django_capture_on_commit_callbacks(execute=True):
        second = edition_publish(label="Second")
    edition_memos_clear()
    return first, second


def _found(index, filters) -> list[str]:
    return [service.id for service in index.find(filters).matches]


def test_a_published_edition_keeps_its_glossary_finder_index_and_changes(two_editions):
    first, second = two_editions
    kept = EditionDerived.objects.filter(edition=second).values_list("kind", flat=True)
    assert set(kept) == {FINDER_INDEX, "changes since 1"}
    assert set(EditionDerived.objects.filter(edition=first).values_list("kind", flat=True)) == {
        FINDER_INDEX,
        "changes since 0",
    }
    used = EditionSnapshot.objects.get(edition=second).glossary_used
    assert used  # Durham's texts use some of its glossary terms
    worked_out = Statement(second.snapshot_read())
    assert set(used) == worked_out.glossary_terms_used


def test_a_kept_finder_index_answers_as_one_worked_out(two_editions):
    _, second = two_editions
    statement = edition_statement(edition=second)
    kept = finder_index(statement)
    assert EditionDerived.objects.filter(edition=second, kind=FINDER_INDEX).exists()
    worked_out = offered_index_made(Statement(second.snapshot_read()))
    for filters in SEARCHES:
        assert _found(kept, filters) == _found(worked_out, filters), filters
        assert [s.id for s in kept.find(filters).ask] == [
            s.id for s in worked_out.find(filters).ask
        ]
    assert kept.answerable == worked_out.answerable


def test_kept_changes_read_as_the_changes_worked_out(two_editions):
    first, second = two_editions
    kept = edition_changes(edition=second, since=first)
    EditionDerived.objects.all().delete()
    edition_memos_clear()
    assert edition_changes(edition=second, since=first) == kept
    assert any(entry.title == "Virtual activities" for g in kept.groups for entry in g.entries)


def test_the_first_page_of_a_warmed_edition_works_nothing_out_again(client, two_editions):
    """With what was kept, a worker's first search reads the index rather than builds
    it, and the first page asks only which edition is current and reads it."""
    from public import finder as finder_module

    def never(*args, **kwargs):
        raise AssertionError("worked out again")

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    assert len(queries) == 2, [q["sql"][:80] for q in queries]
    original = finder_module.FinderIndex._work_out
    finder_module.FinderIndex._work_out = never
    try:
        assert client.get("/find/?q=overnight&age=9").status_code == 200
        assert client.get("/check/result/?age=8&social_worker=no").status_code in (200, 400)
    finally:
        finder_module.FinderIndex._work_out = original


def test_the_feed_maps_only_the_services_its_page_shows(client, two_editions):
    from openreferral.selectors import _feeds

    assert client.get("/api/openreferral/services?per_page=5").status_code == 200
    (feed,) = list(_feeds._items.values())
    assert len(feed._records) == 5
    assert len(feed.statement.services) > 20
