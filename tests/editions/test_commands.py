import pytest
from django.core.management import CommandError, call_command

from offer.models import Edition
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
        (["--reviewed-on", "31/12/2026"], "'31/12/2026' is not a date: write it as YYYY-MM-DD."),
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
