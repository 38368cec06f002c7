import pytest

pytestmark = pytest.mark.django_db


def test_provider_list_groups_providers_by_kind(client, durham_edition):
    html = client.get("/providers/").content.decode()
    assert "Commissioned by the council" in html
    assert "Council in-house service" in html
    assert 'href="/providers/durham-county-carers-support/"' in html


def test_provider_page_lists_its_services_and_contacts(client, durham_edition):
    response = client.get("/providers/durham-county-carers-support/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/services/parent-carer-needs-assessment/"' in html
    assert 'href="tel:+443000051213"' in html
    assert 'href="mailto:admin@dccarers.org"' in html
