"""Changing many services at once from the service list: a level, a way in, a status and
a place in the statement, each service's history saying so; nothing else touched."""

import pytest

from offer.models import RecordChange, Service
from tests.factories import ReferralRouteFactory, ServiceFactory, TierFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST = "/admin/offer/service/"


@pytest.fixture
def officer(client):
    user = UserFactory(roles=["Editor"])
    client.force_login(user)
    return user


def _post(client, services, **data):
    return client.post(
        LIST,
        {"action": "change_together", "_selected_action": [s.pk for s in services], **data},
    )


def test_the_action_asks_what_to_change_then_changes_every_selected_service(client, officer):
    tier = TierFactory(name="Help in your community")
    route = ReferralRouteFactory(title="Ask the short breaks team")
    imported = [
        ServiceFactory(name=f"Club {n}", tier=None, referral_routes=[], include_in_statement=False)
        for n in range(3)
    ]
    untouched = ServiceFactory(name="Other", tier=None, include_in_statement=False)

    page = _post(client, imported)
    assert page.status_code == 200
    body = page.content.decode()
    assert "3 services selected: Club 0, Club 1, Club 2." in body
    assert "Help in your community" in body and "Ask the short breaks team" in body

    done = _post(client, imported, apply="1", tier=tier.pk, add_route=route.pk, in_statement="yes")
    assert done.status_code == 302
    for service in Service.objects.filter(pk__in=[s.pk for s in imported]):
        assert service.tier == tier and service.include_in_statement
        assert list(service.referral_routes.all()) == [route]
        history = RecordChange.objects.filter(object_id=str(service.pk)).first()
        assert history.changed_by == officer
        assert {"field": "Level of support", "old": "(empty)", "new": tier.name} in history.fields
    untouched.refresh_from_db()
    assert untouched.tier is None and not untouched.include_in_statement


def test_a_service_already_so_is_left_alone_and_choosing_nothing_is_an_error(client, officer):
    tier = TierFactory()
    already = ServiceFactory(tier=tier, status="paused")
    moved = ServiceFactory(status="available")
    history = RecordChange.objects.count()
    _post(client, [already, moved], apply="1", status="paused")
    assert RecordChange.objects.count() == history + 1  # only the one that changed
    assert Service.objects.get(pk=moved.pk).status == "paused"

    refused = _post(client, [already], apply="1")
    assert refused.status_code == 400
    assert "Choose at least one change to make." in refused.content.decode()
    refused = _post(client, [already], apply="1", status="closed", tier="999")
    assert refused.status_code == 400


def test_an_officer_without_a_role_cannot_change_services_together(client):
    client.force_login(UserFactory(roles=[]))
    service = ServiceFactory()
    assert _post(client, [service], apply="1", status="paused").status_code == 403
    assert Service.objects.get(pk=service.pk).status == "available"
