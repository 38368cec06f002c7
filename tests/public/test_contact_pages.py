import pytest

pytestmark = pytest.mark.django_db


def test_useful_contacts_show_every_way_to_get_in_touch(client, durham_edition):
    response = client.get("/contacts/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "Making Changes Together (MCT)",
        'href="tel:+441915873541"',
        'href="mailto:info@mctdurham.co.uk"',
        'href="http://www.mctdurham.co.uk"',
        'href="http://www.facebook.com/MakingChangesTogetherDURHAM"',
        "SENDIASS",
        'href="tel:+443000267007"',
        "Children and Young People’s Network",
        'href="mailto:cypn@durham.gov.uk"',
        'href="http://www.countydurhamfamilies.info/localoffer"',
    ]:
        assert text in html, text
