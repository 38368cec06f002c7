"""The finder meets parents' own words: ranked results, slips put right, common words
dropped, the council's search words, and a plain answer for a condition no service
names. Run on the three councils' statements."""

import pytest

from editions.publishing import edition_publish
from offer.models import SearchWord, Service
from public.finder import Filters, finder_index
from public.words import search_terms
from tests.councils import council_load
from tests.factories import ServiceFactory, StatementFactory
from tests.public.test_finder import asked, names

pytestmark = pytest.mark.django_db

COUNCILS = ["durham", "dorset", "leicestershire"]


@pytest.fixture(params=COUNCILS)
def council(request):
    council_load(request.param)
    edition_publish(label="2026")
    return request.param


def search(client, words: str, **more) -> tuple[list[str], str]:
    response = client.get("/find/", {"q": words, **more})
    assert response.status_code == 200
    return names(response), response.content.decode()


def test_overnight_lists_the_overnight_services_first(client, council):
    found, _ = search(client, "overnight")
    overnight = [name for name in found if "overnight" in name.casefold()]
    assert overnight, found
    # Every service with overnight in its name comes before any without it.
    assert found[: len(overnight)] == overnight


def test_weekends_finds_the_services_that_run_at_weekends(client, council):
    found, _ = search(client, "help at weekends")
    weekend = {
        s.name for s in Service.objects.filter(times__slug="weekends", include_in_statement=True)
    }
    assert found and weekend <= set(found)
    assert set(found[: len(weekend)]) == weekend


def test_someone_to_sit_with_him_finds_care_at_home_and_assistants(client, council):
    found, _ = search(client, "someone to sit with him")
    assert found
    assert any(
        word in found[0].casefold()
        for word in ("assistant", "childminder", "domiciliary", "care", "payment")
    ), found


@pytest.mark.parametrize("typed", ["autism", "autistic", "autisim"])
def test_a_condition_no_service_names_gets_a_plain_answer_and_the_services(client, council, typed):
    found, html = search(client, typed, age=9)
    assert "No service here names autism." in html
    assert "whatever their diagnosis" in html
    assert "These are the services for a child aged 9." in html
    # The services for a 9-year-old, as the age filter alone gives them (and those
    # whose ages the statement does not give, to ask about).
    by_age = client.get("/find/", {"age": 9})
    assert found == names(by_age)
    assert asked(client.get("/find/", {"q": typed, "age": 9})) == asked(by_age)
    assert found or asked(by_age)


def test_a_slip_is_put_right_with_a_way_to_search_as_typed(client, council):
    found, html = search(client, "respit")
    assert "Showing results for <strong>respite</strong> (you typed respit)." in html
    assert "q=respit&amp;exact=1" in html
    assert found == search(client, "respite")[0]
    # As typed: nothing uses the slip.
    assert search(client, "respit", exact=1)[0] == []


def test_a_condition_a_service_names_is_searched_for_like_any_word(client, db):
    StatementFactory()
    ServiceFactory(name="Saturday club", summary="For autistic children.", order=1)
    ServiceFactory(name="Swimming", summary="Lessons.", order=2)
    edition_publish(label="2026")
    found, html = search(client, "autism")
    assert found == ["Saturday club"]
    assert "No service here names" not in html


def test_any_word_may_match_and_more_words_matched_rank_higher(client, db):
    StatementFactory()
    ServiceFactory(name="Swimming", summary="Lessons in the pool.", order=1)
    ServiceFactory(name="Saturday club", summary="Swimming and games.", order=2)
    ServiceFactory(name="Drama", summary="Plays.", order=3)
    edition_publish(label="2026")
    assert search(client, "swimming club")[0] == ["Saturday club", "Swimming"]
    # In the name counts more than in the description.
    assert search(client, "swimming")[0] == ["Swimming", "Saturday club"]


def test_the_councils_own_words_map_phrases_to_what_the_statement_says(client, db):
    StatementFactory()
    ServiceFactory(name="Short stays", summary="A night away at a small home.")
    edition_publish(label="2026")
    assert search(client, "sleepovers for my son")[0] == []
    SearchWord.objects.create(words="sleepovers", means="night away")
    edition_publish(label="2027")
    assert search(client, "sleepovers for my son")[0] == ["Short stays"]


def test_common_words_and_a_stray_age_are_not_searched_for():
    assert search_terms("what help is there for my 9 year old son at weekends") == [
        ("weekends", "weekend")
    ]


def test_the_search_reads_no_database_once_the_edition_is_read(
    client, council, django_assert_num_queries
):
    from editions.selectors import statement_current

    _, statement = statement_current()
    index = finder_index(statement)
    with django_assert_num_queries(0):
        found = index.find(Filters(words="autisim respit weekend", age=9))
    assert found.reading.corrected
