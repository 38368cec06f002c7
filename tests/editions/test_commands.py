import pytest
from django.core.management import CommandError, call_command

from editions.models import Edition
from tests.factories import ServiceFactory, StatementFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_publish_statement_with_every_option(capsys):
    StatementFactory()
    ServiceFactory()
    UserFactory(username="publisher", roles=["Publisher"])
    call_command(
        "publish_statement",
        "--label",
        "2026 to 2027",
        "--reviewed-on",
        "2026-09-01",
        "--next-review-due",
        "2027-09-01",
        "--by",
        "publisher",
    )
    edition = Edition.objects.get()
    assert edition.label == "2026 to 2027"
    assert str(edition.reviewed_on) == "2026-09-01"
    assert str(edition.next_review_due) == "2027-09-01"
    assert edition.published_by.username == "publisher"
    assert "Published edition 1 (2026 to 2027) with 1 services" in capsys.readouterr().out


def test_publish_statement_refuses_an_incomplete_working_copy_with_the_list():
    ServiceFactory(name="Holiday club", referral_routes=[])
    with pytest.raises(CommandError) as error:
        call_command("publish_statement")
    assert "Nothing was published" in str(error.value)
    assert 'Service "Holiday club" has no referral route' in str(error.value)
    assert not Edition.objects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--reviewed-on", "31/12/2026"], "'31/12/2026' is not a date: write it as YYYY-MM-DD,"),
        (["--next-review-due", "2027-13"], "'2027-13' is not a date"),
        (["--by", "nobody"], "There is no user called 'nobody'."),
    ],
)
def test_publish_statement_explains_bad_options(args, message):
    StatementFactory()
    ServiceFactory()
    with pytest.raises(CommandError, match=message):
        call_command("publish_statement", *args)
    assert not Edition.objects.exists()


def test_load_demo_loads_and_publishes_once(capsys):
    call_command("load_demo")
    call_command("load_demo")
    assert Edition.objects.count() == 1
    assert Edition.objects.get().snapshot["statement"]["council_name"] == "Durham County Council"
    assert "leaving it as it is" in capsys.readouterr().out


def test_review_dates_are_printed_as_exactly_as_the_statement_gives_them(client, capsys):
    """'Reviewed 2024, next review 2027' names no day, so none is printed anywhere."""
    StatementFactory()
    ServiceFactory()
    call_command("publish_statement", "--reviewed-on", "2024", "--next-review-due", "2027-03")
    edition = Edition.objects.get()
    assert (str(edition.reviewed_on), edition.reviewed_on_shown_as) == ("2024-01-01", "year")
    assert (str(edition.next_review_due), edition.next_review_due_shown_as) == (
        "2027-03-01",
        "month",
    )
    assert "Next review due March 2027." in capsys.readouterr().out
    statement = client.get("/statement/").content.decode()
    assert "Reviewed 2024. Next review due March 2027." in statement
    editions = client.get("/statement/editions/").content.decode()
    assert "1 January" not in editions and "1 March" not in editions


def test_load_demo_takes_a_councils_own_edition_dates_from_the_fixtures(client):
    call_command("load_demo", "dorset")
    edition = Edition.objects.get()
    assert edition.label == "2024 to 2027"
    # The strategy's own review date (2027) is not the statement's: not given.
    assert (edition.reviewed_on_text, edition.next_review_due_text) == ("2024", "")
