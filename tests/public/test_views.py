import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from editions import selectors
from editions.publishing import edition_publish
from offer.models import Service
from tests.factories import (
    AreaFactory,
    BreakTimeFactory,
    ContactFactory,
    ContactPhoneFactory,
    NeedFactory,
    ReferralRouteFactory,
    ServiceFactory,
    StatementFactory,
    TierFactory,
)

pytestmark = pytest.mark.django_db

DURHAM_PAGES = [
    (
        "/",
        [
            "Durham County Council",
            "Short Breaks Service Statement",
            "What do we mean by short breaks?",
            "Advice, signposting and enabling access",
            "Additional support",
            "Specialist support",
        ],
    ),
    (
        "/support/advice-signposting-and-enabling-access/",
        [
            "Services for every parent carer of a child/young person with",
            "Contact Durham County Carers Support",
            "Out of school club",
            "Childminders",
            'href="tel:+443000260270"',
            'href="mailto:SENDEIC@durham.gov.uk"',
        ],
    ),
    (
        "/support/additional-support/",
        [
            "to access these providers.",
            "Virtual activities",
            "Pilot personalisation pot",
        ],
    ),
    (
        "/support/specialist-support/",
        [
            "Social work assessment",
            "Overnight respite care",
            "Hospice care",
            'href="tel:+443000267979"',
        ],
    ),
    (
        "/services/specialist-youth-groups/",
        [
            "Specialist youth groups",
            "10 to 16 years",
            "sensory time, cookery and arts and crafts",
            'To get it: <a class="govuk-link" href="#how-to-get-it">Contact SENDEIC</a>',
            "Contact SENDEIC",
            'href="tel:+443000260270"',
        ],
    ),
    (
        "/services/personalised-response/",
        [
            "direct payment",
            "Social work assessment",
            "First Contact",
            'href="mailto:scd@durham.gov.uk"',
        ],
    ),
    (
        "/statement/",
        [
            "Contents",
            "Introduction",
            "participation-and-consultation",
            "Specialist youth groups",
            "Making Changes Together (MCT)",
            "Useful contacts",
            "2025 to 2026 edition",
        ],
    ),
]


@pytest.mark.parametrize(("url", "texts"), DURHAM_PAGES)
def test_public_pages_render_the_durham_edition(client, durham_edition, url, texts):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    for text in texts:
        assert text in html, f"{text!r} missing from {url}"


@pytest.mark.parametrize(
    ("url", "sentence"),
    [
        ("/services/no-such-service/", "We could not find that service."),
        ("/support/no-such-tier/", "We could not find that level of support."),
        ("/providers/no-such-provider/", "We could not find that provider."),
        ("/not/a/page/", "Page not found"),
    ],
)
def test_unknown_addresses_get_the_sites_own_helpful_404(client, durham_edition, url, sentence):
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert sentence in html
    assert "Durham County Council" in html  # our own page furniture, not Django's
    assert 'href="/contacts/"' in html


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/", 200),
        ("/statement/", 200),
        ("/providers/", 200),
        ("/contacts/", 200),
        ("/services/anything/", 404),
        ("/support/anything/", 404),
        ("/providers/anything/", 404),
    ],
)
def test_before_anything_is_published_pages_say_so(client, db, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert "has not been published yet" in response.content.decode()


def test_edits_after_publishing_stay_invisible_until_the_next_publish(client, durham_edition):
    service = Service.objects.get(slug="virtual-activities")
    service.name = "Online clubs"
    service.save()
    ServiceFactory(name="Brand new club", slug="brand-new-club", tier=service.tier)

    assert "Online clubs" not in client.get("/support/additional-support/").content.decode()
    assert client.get("/services/brand-new-club/").status_code == 404

    edition_publish()
    assert "Online clubs" in client.get("/support/additional-support/").content.decode()
    assert client.get("/services/brand-new-club/").status_code == 200


def _queries_for(client, urls: list[str]) -> list[int]:
    counts = []
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    return counts


def test_public_pages_use_the_same_queries_with_10_and_with_200_services(client, monkeypatch):
    # A clock that stands still: on a busy machine the four pages may take more than the
    # second for which a process trusts its answer to "which edition is current?".
    monkeypatch.setattr(selectors.current_edition_memo, "clock", lambda: 0.0)
    StatementFactory()
    tier = TierFactory(slug="everyone")
    contact = ContactFactory()
    ContactPhoneFactory(contact=contact)
    route = ReferralRouteFactory()
    route.contacts.add(contact)

    def publish_and_count(services: int) -> list[int]:
        ServiceFactory.create_batch(services, tier=tier, referral_routes=[route])
        edition_publish()
        slug = Service.objects.order_by("pk").first().slug
        return _queries_for(
            client, ["/", f"/services/{slug}/", "/statement/", "/support/everyone/"]
        )

    with_10 = publish_and_count(10)
    with_200 = publish_and_count(190)
    assert with_10 == with_200
    # The first page after a publish asks which edition is current and loads its
    # snapshot; the next pages in that second need neither.
    assert with_10 == [2, 0, 0, 0]


def test_a_service_page_shows_its_needs_times_areas_cost_and_ages(client):
    StatementFactory()
    service = ServiceFactory(
        slug="saturday-club", min_age=8, max_age=8, cost="£5 a session", direct_payment="yes"
    )
    service.needs.add(NeedFactory(name="Autism"))
    service.times.add(BreakTimeFactory(slug="weekends", name="Weekends"))
    service.areas.add(AreaFactory(name="Chesil"), AreaFactory(name="Purbeck"))
    edition_publish()
    html = client.get("/services/saturday-club/").content.decode()
    for text in [
        "8 years old",
        "Autism",
        "Weekends",
        "Chesil, Purbeck",
        "£5 a session",
        "Yes, a direct payment can be used",
    ]:
        assert text in html, text
