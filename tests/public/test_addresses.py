"""Links that never break: renamed addresses answer 301, dropped services 410."""

import pytest

from editions.publishing import edition_publish
from offer.models import Service, SlugHistory, Tier
from providers.models import Provider

pytestmark = pytest.mark.django_db


def _rename(model, old: str, new: str) -> None:
    record = model.objects.get(slug=old)
    record.slug = new
    record.save()


def test_renamed_service_tier_and_provider_addresses_answer_301(client, durham_edition):
    _rename(Service, "virtual-activities", "online-clubs")
    _rename(Tier, "additional-support", "extra-support")
    _rename(Provider, "sendeic", "send-inclusion")
    edition_publish(label="2026 to 2027")

    for old, new in [
        ("/services/virtual-activities/", "/services/online-clubs/"),
        ("/support/additional-support/", "/support/extra-support/"),
        ("/providers/sendeic/", "/providers/send-inclusion/"),
    ]:
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new)
        assert client.get(new).status_code == 200


def test_every_old_address_reaches_the_current_page_in_one_hop(client, durham_edition):
    _rename(Service, "virtual-activities", "online-clubs")
    edition_publish(label="2026 to 2027")
    _rename(Service, "online-clubs", "clubs-online")
    edition_publish(label="2027 to 2028")
    for old in ("virtual-activities", "online-clubs"):
        response = client.get(f"/services/{old}/?utm_source=school")
        assert response.status_code == 301
        assert response["Location"] == "/services/clubs-online/?utm_source=school"


def test_an_old_address_inside_a_pinned_edition_stays_in_that_edition(client, durham_edition):
    _rename(Service, "virtual-activities", "online-clubs")
    edition_publish(label="2026 to 2027")
    response = client.get("/statement/2/services/virtual-activities/")
    assert response["Location"] == "/statement/2/services/online-clubs/"
    # The first edition still has the page under its old address.
    assert client.get("/statement/1/services/virtual-activities/").status_code == 200


def test_a_renamed_slug_is_remembered_only_when_it_changes(durham_edition):
    service = Service.objects.get(slug="virtual-activities")
    service.name = "Online clubs"
    service.save()
    assert not SlugHistory.objects.exists()


def test_an_address_reused_by_a_new_service_shows_the_new_service(client, durham_edition):
    _rename(Service, "virtual-activities", "online-clubs")
    other = Service.objects.get(slug="youth-group")
    other.slug = "virtual-activities"
    other.save()
    edition_publish(label="2026 to 2027")
    assert client.get("/services/virtual-activities/").status_code == 200


def test_a_dropped_service_answers_410_with_when_and_similar_services(client, durham_edition):
    Service.objects.filter(slug="virtual-activities").update(include_in_statement=False)
    edition_publish(label="2026 to 2027")

    response = client.get("/services/virtual-activities/")
    assert response.status_code == 410
    html = response.content.decode()
    assert "Virtual activities is no longer offered" in html
    assert "when the 2026 to 2027 edition of the statement was published" in html
    assert "It was last in the 2025 to 2026 edition." in html
    assert 'href="/statement/1/services/virtual-activities/">See what it offered then' in html
    assert "Similar services in Additional support" in html
    assert 'href="/services/practical-activities/"' in html  # same tier
    assert 'href="/services/youth-group/"' not in html  # another tier


def test_a_dropped_service_keeps_410_under_its_older_addresses_too(client, durham_edition):
    _rename(Service, "virtual-activities", "online-clubs")
    edition_publish(label="2026 to 2027")
    Service.objects.filter(slug="online-clubs").update(include_in_statement=False)
    edition_publish(label="2027 to 2028")
    assert client.get("/services/online-clubs/").status_code == 410
    assert client.get("/services/virtual-activities/").status_code == 410


def test_a_service_that_comes_back_is_served_again(client, durham_edition):
    Service.objects.filter(slug="virtual-activities").update(include_in_statement=False)
    edition_publish(label="2026 to 2027")
    Service.objects.filter(slug="virtual-activities").update(include_in_statement=True)
    edition_publish(label="2027 to 2028")
    assert client.get("/services/virtual-activities/").status_code == 200


def test_an_address_that_never_existed_is_still_404(client, durham_edition):
    assert client.get("/services/never-was/").status_code == 404
    assert client.get("/support/never-was/").status_code == 404
    assert client.get("/providers/never-was/").status_code == 404


def test_addresses_worked_out_once_for_long_lists_match_each_worked_out_alone(
    client, durham_edition
):
    from public.viewing import page_url, page_url_maker

    for name in ("service", "tier", "provider"):
        made = page_url_maker(name)
        for slug in ("virtual-activities", "a", "under_score-2"):
            assert made(slug) == page_url(name, slug)
    # And each such address in the feed opens its page.
    feed = client.get("/api/openreferral/services?per_page=5").json()
    for service in feed["contents"]:
        path = service["url"].removeprefix("http://testserver")
        assert client.get(path).status_code == 200, path
