"""Officers' text can never become markup: an HTML payload typed into every text field
families can see is published, and every public page and API answer shows it as text.

The payload goes into every CharField and TextField of every record of every kind that
reaches the public pages, so a field added later is covered without changing this test.
"""

from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models

from editions.models import Edition
from editions.publishing import edition_publish
from offer.models import Service
from offer.roles import WORKING_COPY
from tests.factories import VenueFactory
from tests.public_pages import public_addresses

pytestmark = pytest.mark.django_db

PAYLOAD = "\"'><script>xss()</script><img src=x onerror=xss()>"
SHORT = "<b>xss</b>"  # for fields too short for the whole payload
DANGEROUS = ["<script>xss()</script>", "<img src=x onerror=xss()>", "<b>xss</b>"]
ESCAPED = ["&lt;script&gt;xss()&lt;/script&gt;", "&lt;b&gt;xss&lt;/b&gt;"]

# Text that is not prose shown to families: addresses, identifiers and fixed choices.
_NOT_PUBLIC_TEXT = {"slug", "revision", "opened_revision"}


def _text_fields(model) -> list[models.Field]:
    return [
        field
        for field in model._meta.get_fields()
        if isinstance(field, models.CharField | models.TextField)
        and not isinstance(field, models.SlugField | models.URLField | models.EmailField)
        and not field.choices
        and field.editable
        and field.name not in _NOT_PUBLIC_TEXT
    ]


# Validated into a fixed shape (a phone number, a postcode, a date as stated): they
# cannot hold markup.
_SHAPED = {
    ("contactphone", "number"),
    ("venue", "postcode"),
    ("statement", "reviewed_on_stated"),
    ("statement", "next_review_stated"),
}


def _payload_for(field: models.Field, record) -> str:
    if (record._meta.model_name, field.name) in _SHAPED:
        return getattr(record, field.name)
    # Numbered, because some text (a glossary word) must be unique.
    text = f"{PAYLOAD} {record.pk}"
    if field.max_length and field.max_length < len(text):
        text = f"{SHORT} {record.pk}"
    return text


def fill_every_field_with_the_payload() -> int:
    """Put the payload into every public text field of every working-copy record."""
    filled = 0
    for app_label, model_name in WORKING_COPY:
        model = apps.get_model(app_label, model_name)
        fields = _text_fields(model)
        for record in model.objects.all():
            for field in fields:
                setattr(record, field.name, _payload_for(field, record))
                filled += 1
            record.save()
    return filled


@pytest.fixture
def poisoned(client):
    """Durham published clean, then with the payload everywhere, so the changes page
    shows old and new values side by side."""
    call_command("loaddata", "durham", verbosity=0)
    VenueFactory(service=Service.objects.first())
    edition_publish(label="Clean")
    assert fill_every_field_with_the_payload() > 400
    edition_publish(label="Poisoned")
    return Edition.objects.get(label="Poisoned")


def poisoned_addresses(client) -> list[str]:
    """Every public page, and pages that echo what a visitor typed."""
    return public_addresses(client) + [
        "/find/?" + urlencode({"q": PAYLOAD}),
        "/services/" + "%3Cscript%3E" + "/",
        "/feedback/?" + urlencode({"page": "/", "useful": "no"}),
    ]


def test_every_public_page_shows_officers_markup_as_text(client, poisoned):
    seen_escaped = 0
    addresses = poisoned_addresses(client)
    assert len(addresses) > 40
    for path in addresses:
        response = client.get(path)
        assert response.status_code in (200, 404), path
        html = response.content.decode()
        # Raw, the payload would be markup; in an attribute, its quote would end the
        # attribute and the raw <img> tag would follow.
        for dangerous in DANGEROUS:
            assert dangerous not in html, f"{dangerous} unescaped on {path}"
        seen_escaped += sum(html.count(escaped) for escaped in ESCAPED)
    # The payload did reach the pages (as text), so the test cannot pass by accident.
    assert seen_escaped > 100


def test_the_open_referral_feed_never_carries_raw_markup(client, poisoned):
    bodies = [client.get("/api/openreferral/services?per_page=500").content.decode()]
    for service in client.get("/api/openreferral/services?per_page=500").json()["contents"]:
        bodies.append(client.get(f"/api/openreferral/services/{service['id']}").content.decode())
    bodies.append(client.get("/api/openreferral/taxonomy_terms?per_page=500").content.decode())
    for body in bodies:
        assert "<" not in body and ">" not in body
    # It is the same text, escaped for JSON: a directory decoding it gets it back.
    detail = client.get(f"/api/openreferral/services/{service['id']}").json()
    assert "<script>xss()</script>" in detail["name"]


def test_a_link_cannot_be_a_script(client, db):
    """Web addresses officers type must be web addresses: a javascript: link is refused."""
    from django.core.exceptions import ValidationError

    from tests.factories import ReferralRouteFactory

    route = ReferralRouteFactory.build(link="javascript:xss()")
    with pytest.raises(ValidationError) as refused:
        route.full_clean(exclude=["id"])
    assert "link" in refused.value.message_dict
