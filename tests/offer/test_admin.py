"""The working copy in the admin: who may in, adding a service end to end, plain errors
that keep the officer's typing, 'View on site' and every page opening."""

import pytest
from django.urls import reverse

from offer.models import Service, Tier
from tests.factories import ReferralRouteFactory, ServiceFactory, TierFactory, officer_with

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "admin:index",
        "admin:offer_service_changelist",
        "admin:offer_service_add",
        "admin:editions_edition_publish",
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


def test_copying_a_service_starts_a_new_one_with_its_lists_and_places(client):
    from offer.models import EligibilityRule, RecordChange, Venue
    from tests.factories import EligibilityRuleFactory, NeedFactory, VenueFactory

    service = ServiceFactory(name="Saturday club", slug="saturday-club", min_age=5, max_age=11)
    service.needs.set([NeedFactory(name="Autism")])
    service.eligibility_rules.set([EligibilityRuleFactory(title="Any child")])
    VenueFactory(service=service, name="The hub")
    client.force_login(officer_with("add_service", "change_service", "view_service"))
    response = client.post(reverse("admin:offer_service_copy", args=[service.pk]))
    copy = Service.objects.get(slug="saturday-club-copy")
    assert response["Location"] == reverse("admin:offer_service_change", args=[copy.pk])
    assert copy.name == "Saturday club (copy)" and (copy.min_age, copy.max_age) == (5, 11)
    assert not copy.include_in_statement  # not public until an officer says so
    assert [n.name for n in copy.needs.all()] == ["Autism"]
    assert list(copy.eligibility_rules.all()) == list(EligibilityRule.objects.all())
    assert copy.referral_routes.get() == service.referral_routes.get()
    assert Venue.objects.filter(service=copy, name="The hub").exists()
    assert copy.uid != service.uid
    assert RecordChange.objects.filter(object_id=str(copy.pk), action="added").exists()
    # A second copy gets an address of its own; GET does nothing.
    client.post(reverse("admin:offer_service_copy", args=[service.pk]))
    assert Service.objects.filter(slug="saturday-club-copy-2").exists()
    assert client.get(reverse("admin:offer_service_copy", args=[service.pk])).status_code == 405
    assert client.post(reverse("admin:offer_service_copy", args=[99999])).status_code == 404


def test_copying_is_a_list_action_too_and_needs_the_right_to_add(client):
    service = ServiceFactory(name="Swim club", slug="swim-club")
    client.force_login(officer_with("change_service", "view_service"))
    assert client.post(reverse("admin:offer_service_copy", args=[service.pk])).status_code == 403
    client.force_login(officer_with("add_service", "change_service", "view_service"))
    client.post(
        reverse("admin:offer_service_changelist"),
        {"action": "copy_selected", "_selected_action": [service.pk]},
    )
    assert Service.objects.filter(slug="swim-club-copy").exists()


def test_move_buttons_put_rows_in_order_without_typing_numbers(client):
    first = TierFactory(name="First", order=0)
    second = TierFactory(name="Second", order=0)
    client.force_login(officer_with("change_tier", "view_tier"))
    changelist = client.get(reverse("admin:offer_tier_changelist")).content.decode()
    move = reverse("admin:offer_tier_move", args=[second.pk])
    assert f'formaction="{move}"' in changelist and "Move up<span" in changelist
    response = client.post(move, {"direction": "up"}, HTTP_REFERER="/admin/offer/tier/?q=")
    assert response["Location"] == "/admin/offer/tier/?q="
    names = [t.name for t in Tier.objects.all()]
    assert names == ["Second", "First"]
    # Already first: nothing moves, and the officer is told.
    client.post(move, {"direction": "up"})
    assert [t.name for t in Tier.objects.all()] == ["Second", "First"]
    assert client.post(move, {"direction": "sideways"}).status_code == 400
    assert client.get(move).status_code == 405
    client.force_login(officer_with("view_tier"))
    assert client.post(move, {"direction": "down"}).status_code == 403
    assert first.pk  # untouched record still there


def test_a_services_move_stays_within_its_tier(client):
    one, two = TierFactory(name="One"), TierFactory(name="Two")
    a = ServiceFactory(name="A", tier=one, order=1)
    ServiceFactory(name="B", tier=two, order=2)
    c = ServiceFactory(name="C", tier=one, order=3)
    client.force_login(officer_with("change_service", "view_service"))
    client.post(reverse("admin:offer_service_move", args=[c.pk]), {"direction": "up"})
    in_one = list(Service.objects.filter(tier=one).order_by("order"))
    assert in_one == [c, a]


def test_a_section_moves_with_the_statements_own_save(client, admin_user):
    from offer.models import Statement, StatementSection
    from tests.admin_forms import admin_post
    from tests.factories import StatementFactory, StatementSectionFactory

    statement = StatementFactory()
    StatementSectionFactory(title="Welcome", order=1)
    last = StatementSectionFactory(title="Costs", order=2)
    client.force_login(admin_user)
    url = reverse("admin:offer_statement_change", args=[statement.pk])
    response = admin_post(client, url, {"title": "Edited title", "_move_section": f"{last.pk}:up"})
    assert response.status_code == 302 and response["Location"] == url
    assert Statement.objects.get().title == "Edited title"  # what was typed is kept
    assert [s.title for s in StatementSection.objects.all()] == ["Costs", "Welcome"]


def test_the_service_form_uses_checkboxes_search_choosers_and_links_to_the_preview(client):
    from tests.factories import NeedFactory

    NeedFactory(name="Autism")
    service = ServiceFactory(name="Club", slug="club")
    client.force_login(
        officer_with("change_service", "view_service", "add_service", "preview_statement")
    )
    page = client.get(reverse("admin:offer_service_change", args=[service.pk])).content.decode()
    assert 'type="checkbox" name="needs"' in page
    assert 'class="admin-autocomplete' in page and 'name="referral_routes"' in page
    assert 'href="/preview/services/club/">View on the preview</a>' in page
    assert "Copy this service" in page
    assert 'name="order"' not in page  # ordered by dragging or Move buttons


def test_a_levels_page_names_a_few_services_and_links_to_the_rest(
    client, django_assert_max_num_queries
):
    tier = TierFactory(name="Specialist")
    ServiceFactory.create_batch(25, tier=tier)
    ServiceFactory(name="Elsewhere")
    client.force_login(officer_with("change_tier", "view_tier", "view_service"))
    with django_assert_max_num_queries(30):
        page = client.get(reverse("admin:offer_tier_change", args=[tier.pk]))
    html = page.content.decode()
    section = html.split('class="app-tier-services"')[1].split("</p>")[0]
    assert section.count("<li>") == 10
    assert "See and edit all 25 services in this level</a> (15 more in the list)" in section
    listed = reverse("admin:offer_service_changelist") + f"?tier__id__exact={tier.pk}"
    assert f'href="{listed}"' in section
    # The link is a filter the services list accepts, showing only this level's services.
    services = client.get(listed)
    assert services.status_code == 200
    assert "Elsewhere" not in services.content.decode()
    assert "25 services" in services.content.decode()
