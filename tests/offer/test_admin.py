"""The working copy in the admin: who may in, adding a service end to end, plain errors
that keep the officer's typing, 'View on site' and every page opening."""

import pytest
from django.urls import reverse

from offer.models import Service
from tests.factories import ReferralRouteFactory, ServiceFactory, TierFactory, officer_with

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "admin:index",
        "admin:offer_service_changelist",
        "admin:offer_service_add",
        "admin:offer_edition_add",
    ],
)
def test_anonymous_visitors_are_sent_to_the_login_page(client, url):
    response = client.get(reverse(url))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_an_officer_can_add_a_service_end_to_end(client):
    tier = TierFactory(name="Help for everyone")
    route = ReferralRouteFactory(title="Phone the team")
    client.force_login(officer_with("add_service", "change_service", "view_service"))
    response = client.post(
        reverse("admin:offer_service_add"),
        {
            "name": "Saturday club",
            "slug": "saturday-club",
            "tier": tier.pk,
            "group": "",
            "summary": "Fun on Saturdays.",
            "status": "available",
            "order": 0,
            "description": "",
            "example_activities": "Swimming\n\nCrafts",
            "min_age": 5,
            "max_age": 18,
            "cost": "Free",
            "direct_payment": "yes",
            "referral_routes": [route.pk],
            "include_in_statement": "on",
        },
    )
    assert response.status_code == 302, response.context["adminform"].errors
    service = Service.objects.get(slug="saturday-club")
    assert (service.tier, service.min_age, service.max_age) == (tier, 5, 18)
    assert list(service.referral_routes.all()) == [route]


def test_the_admin_shows_plain_errors_and_keeps_the_officers_input(client):
    client.force_login(officer_with("add_service", "view_service"))
    response = client.post(
        reverse("admin:offer_service_add"),
        {
            "name": "Teen club",
            "slug": "teen club!",
            "summary": "x",
            "order": 0,
            "min_age": 18,
            "max_age": 12,
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "The oldest age must be the same as or more than the youngest age." in html
    assert 'value="Teen club"' in html
    assert not Service.objects.exists()


def test_view_on_site_appears_only_for_published_services(client, admin_user, durham_edition):
    client.force_login(admin_user)
    published = Service.objects.get(slug="virtual-activities")
    draft = ServiceFactory(slug="not-yet-published")
    html = client.get(reverse("admin:offer_service_change", args=[published.pk])).content.decode()
    assert 'href="/services/virtual-activities/" class="viewsitelink"' in html
    draft_html = client.get(reverse("admin:offer_service_change", args=[draft.pk])).content.decode()
    assert "View on site" not in draft_html


def test_every_admin_page_opens_for_a_superuser(client, rf, admin_user, durham_edition):
    """Lists, add forms, change forms and history pages of every registered model."""
    from django.contrib import admin

    client.force_login(admin_user)
    request = rf.get("/")
    request.user = admin_user
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        name = f"admin:{meta.app_label}_{meta.model_name}"
        assert client.get(reverse(f"{name}_changelist")).status_code == 200, name
        if model_admin.has_add_permission(request):  # for editions, the publish page
            assert client.get(reverse(f"{name}_add")).status_code == 200, name
        record = model.objects.first()
        if record is not None:
            assert client.get(reverse(f"{name}_change", args=[record.pk])).status_code == 200
            assert client.get(reverse(f"{name}_history", args=[record.pk])).status_code == 200
    assert client.get(reverse("admin:due_for_review")).status_code == 200


def test_markdown_fields_show_their_help_and_a_preview(client):
    service = ServiceFactory(description="Ring 01632 960 001.\n\n- Swimming\n- **Crafts**")
    client.force_login(officer_with("change_service", "view_service"))
    page = client.get(reverse("admin:offer_service_change", args=[service.pk])).content.decode()
    assert "[words to select](https://...) for a link" in page  # the Markdown help
    preview = page.split('name="description"')[1].split("</details>")[0]
    assert "Preview: how families will read it" in preview
    assert '<a class="govuk-link" href="tel:+441632960001">01632 960 001</a>' in preview
    assert "<li><strong>Crafts</strong></li>" in preview
    assert "officers/prose-preview.js" in page


def test_the_preview_renders_what_an_officer_types_safely(client):
    client.force_login(officer_with("change_service", "view_service"))
    url = reverse("admin:prose_preview")
    response = client.post(url, {"text": "# Costs\n\nFree. <script>alert(1)</script>"})
    assert response.status_code == 200
    body = response.content.decode()
    assert '<h3 class="govuk-heading-m">Costs</h3>' in body
    assert "<script" not in body and "&lt;script&gt;" in body
    assert "no-cache" in response["Cache-Control"]
    assert client.get(url).status_code == 405
    too_long = client.post(url, {"text": "x" * 50_001})
    assert too_long.status_code == 400
    assert "too long to preview" in too_long.content.decode()


def test_only_signed_in_officers_can_use_the_preview(client):
    response = client.post(reverse("admin:prose_preview"), {"text": "Hello"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_help_texts_read_whole_and_use_made_up_examples(client, admin_user):
    client.force_login(admin_user)
    pages = "".join(
        client.get(reverse(f"admin:{name}_add")).content.decode()
        for name in (
            "offer_service",
            "offer_tier",
            "offer_statement",
            "contacts_contact",
            "offer_referralroute",
        )
    )
    assert "gives /services/saturday-club/." in pages  # not '/services//.'
    assert "01632 960" in pages or "Exampleshire" in pages
    for seed in ("Durham", "SENDEIC", "03000 260 270", "DH1 5ZA", "Dorset", "Leicestershire"):
        assert seed not in pages
