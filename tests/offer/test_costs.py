"""What a service costs, as the council can say it: free, depends on the assessment, a
contribution or an amount with what it pays for, and words; shown wherever the service
is, checked as it is saved, and asked for before publishing."""

import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from editions.publishing import edition_publish, statement_warnings
from editions.snapshot import snapshot_upgrade
from editions.snapshot.schema import UPGRADES
from tests.editions.test_snapshot import _version_5
from tests.factories import ServiceFactory, StatementFactory
from tests.public.test_finder import names

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("kind", "amount", "period", "words", "shown"),
    [
        ("free", None, "", "", "Cost: Free"),
        ("assessed", None, "", "", "Cost: Depends on your assessment"),
        ("contribution", None, "", "For trips", "Cost: A contribution. For trips"),
        ("contribution", Decimal("3"), "session", "", "Cost: A contribution of £3 a session"),
        ("amount", Decimal("7.5"), "hour", "Trips cost extra.",
         "Cost: £7.50 an hour. Trips cost extra."),
        ("amount", Decimal("20"), "once", "", "Cost: £20 once"),
        ("", None, "", "£5 a session", "Cost: £5 a session"),
        ("free", None, "", "Free.", "Cost: Free"),  # the words only repeat the choice
    ],
)  # fmt: skip
def test_the_cost_is_shown_on_the_page_and_in_the_finder(client, kind, amount, period, words,
                                                         shown):  # fmt: skip
    StatementFactory()
    ServiceFactory(name="Saturday club", slug="saturday-club", cost_kind=kind,
                   cost_amount=amount, cost_period=period, cost=words)  # fmt: skip
    edition_publish(label="2026")
    page = client.get("/services/saturday-club/").content.decode()
    first_screen = page.split('id="to-get-it"')[0] if 'id="to-get-it"' in page else page
    assert shown in first_screen
    assert shown in client.get("/find/").content.decode()


def test_not_stated_tells_the_family_to_ask_and_publishing_warns(client):
    StatementFactory()
    ServiceFactory(name="Saturday club", slug="saturday-club")
    assert any(w.kind == "no-cost" for w in statement_warnings())
    edition_publish(label="2026")
    assert "Cost not stated: ask when you get in touch" in client.get("/find/").content.decode()


def test_only_free_is_found_by_the_free_filter_and_an_assessment_is_asked_about(client):
    StatementFactory()
    ServiceFactory(name="Play day", cost_kind="free", order=1)
    ServiceFactory(name="Sitting", cost_kind="assessed", order=2)
    ServiceFactory(name="Swim", cost_kind="amount", cost_amount=2, cost_period="session",
                   order=3)  # fmt: skip
    edition_publish(label="2026")
    response = client.get("/find/?free=1")
    assert names(response) == ["Play day"]
    assert "Sitting" in response.content.decode().split('id="ask"')[1]
    assert "Swim" not in response.content.decode()


@pytest.mark.parametrize(
    ("kind", "amount", "period", "field", "message"),
    [
        ("amount", None, "", "cost_amount", "Give the amount"),
        ("free", Decimal("5"), "session", "cost_amount", "An amount goes with"),
        ("amount", Decimal("5"), "", "cost_period", "Say what the amount pays for"),
        ("assessed", None, "night", "cost_period", "Give the amount this is for"),
    ],
)
def test_a_cost_that_does_not_add_up_is_refused_with_a_message(kind, amount, period, field,
                                                               message):  # fmt: skip
    service = ServiceFactory.build(cost_kind=kind, cost_amount=amount, cost_period=period)
    with pytest.raises(ValidationError) as refused:
        service.clean()
    assert message in " ".join(refused.value.message_dict[field])


def test_the_feed_gives_the_amount_the_council_chose(client):
    StatementFactory()
    service = ServiceFactory(name="Swim", cost_kind="amount", cost_amount=Decimal("2.50"),
                             cost_period="session")  # fmt: skip
    edition_publish(label="2026")
    feed = client.get(f"/api/openreferral/services/{service.uid}").json()
    [option] = feed["cost_options"]
    assert option["amount"] == 2.5 and option["amount_description"] == "£2.50 a session"


def test_an_edition_published_with_a_free_tick_still_says_free():
    data = _version_5()
    for version in range(5, 12):  # to format 12, the last with a free tick
        data = UPGRADES[version](data)
    data["schema_version"] = 12
    data["services"][0]["free"] = True
    upgraded = snapshot_upgrade(json.loads(json.dumps(data)))
    first, second = upgraded["services"][:2]
    assert (first["cost_kind"], first["cost_label"]) == ("free", "Free")
    assert (second["cost_kind"], second["cost_label"]) == ("", "")
    assert "free" not in first


def test_a_level_lists_the_cost_of_a_service_that_gives_one_and_nothing_for_one_that_does_not(
    client,
):
    from tests.factories import TierFactory

    StatementFactory()
    tier = TierFactory(name="Open to all", slug="open-to-all")
    ServiceFactory(name="Play day", tier=tier, cost_kind="free")
    ServiceFactory(name="Swim", tier=tier)
    edition_publish(label="2026")
    html = client.get("/support/open-to-all/").content.decode()
    assert "Cost: Free" in html
    assert "Cost not stated" not in html
