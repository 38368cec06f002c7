"""Places where a service happens: typed by officers with the service, shown to
families on its page, normalised so directories can map them."""

import pytest
from django.urls import reverse

from editions.publishing import edition_publish
from offer.models import Venue, postcode_normalised
from tests.factories import ServiceFactory, StatementFactory, UserFactory, VenueFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("zz99 9zz", "ZZ99 9ZZ"),
        ("EX12AB", "EX1 2AB"),
        ("  sw1a   1aa ", "SW1A 1AA"),
        ("M1 1AE", "M1 1AE"),
        ("B33 8TH", "B33 8TH"),
        ("EX1", ""),
        ("12345", ""),
        ("", ""),
    ],
)
def test_postcodes_are_stored_the_way_royal_mail_writes_them(typed, stored):
    assert postcode_normalised(typed) == stored


def _service_form(service, **venue) -> dict:
    """The admin's change form for `service`, with one new place."""
    data = {
        "name": service.name,
        "slug": service.slug,
        "tier": service.tier_id,
        "group": "",
        "summary": service.summary,
        "status": "available",
        "order": 0,
        "min_age": 0,
        "max_age": 25,
        "cost": "",
        "direct_payment": "",
        "referral_routes": [route.pk for route in service.referral_routes.all()],
        "include_in_statement": "on",
        "opened_revision": service.revision,
        "venues-TOTAL_FORMS": 1,
        "venues-INITIAL_FORMS": 0,
        "venues-MIN_NUM_FORMS": 0,
        "venues-MAX_NUM_FORMS": 1000,
    }
    data.update({f"venues-0-{key}": value for key, value in venue.items()})
    return data


def test_an_editor_adds_a_place_with_the_service(client):
    service = ServiceFactory(name="Saturday club")
    client.force_login(UserFactory(roles=["Editor"]))
    url = reverse("admin:offer_service_change", args=[service.pk])
    response = client.post(
        url,
        _service_form(
            service,
            name="The Hub",
            address="1 Park Road",
            town="Exampleton",
            postcode="ex1 2ab",
            accessibility="Step-free entrance",
            order=0,
        ),
    )
    assert response.status_code == 302, (
        response.context["adminform"].errors,
        response.context["inline_admin_formsets"][0].formset.errors,
    )
    venue = Venue.objects.get(service=service)
    assert (venue.name, venue.postcode) == ("The Hub", "EX1 2AB")


def test_a_wrong_postcode_is_explained_and_nothing_is_saved(client):
    service = ServiceFactory(name="Saturday club")
    client.force_login(UserFactory(roles=["Editor"]))
    url = reverse("admin:offer_service_change", args=[service.pk])
    response = client.post(
        url,
        _service_form(service, name="The Hub", address="1 Park Road", town="X", postcode="EX1"),
    )
    assert response.status_code == 200
    assert "Enter a UK postcode, like ZZ99 9ZZ." in response.content.decode()
    assert not Venue.objects.exists()


def test_the_service_page_says_where_it_happens_and_how_to_get_in(client):
    StatementFactory()
    service = ServiceFactory(name="Saturday club", slug="saturday-club")
    VenueFactory(
        service=service,
        name="The Hub",
        address="1 Park Road",
        town="Exampleton",
        postcode="EX1 2AB",
        accessibility="Step-free entrance and a hoist",
    )
    ServiceFactory(name="Home visits", slug="home-visits")
    edition_publish(label="2026 to 2027")

    html = client.get("/services/saturday-club/").content.decode()
    assert 'id="where-it-happens"' in html
    assert "The Hub" in html and "1 Park Road<br>Exampleton<br>EX1 2AB" in html
    assert "Access: Step-free entrance and a hoist" in html
    assert "where-it-happens" not in client.get("/services/home-visits/").content.decode()
