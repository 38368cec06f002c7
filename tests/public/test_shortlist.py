"""The shortlist: kept only in the address, never cached, indexed or sent as a Referer;
built without JavaScript from the finder and service pages; read strictly."""

import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from editions.publishing import edition_publish
from offer.choices import ServiceStatus
from public.shortlist import SHORTLIST_MOST
from tests.factories import (
    ContactFactory,
    ContactPhoneFactory,
    ReferralRouteFactory,
    ServiceFactory,
    StatementFactory,
    TierFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer(db):
    """Three services in statement order, one with a price and a team to phone, and a
    paused one."""
    StatementFactory(council_name="Exampleshire Council", area_name="Exampleshire")
    team = ContactFactory(name="Short breaks team")
    ContactPhoneFactory(contact=team, number="01632 960123")
    route = ReferralRouteFactory(title="Phone the short breaks team", link="")
    route.contacts.set([team])
    tier = TierFactory(name="Open to all", slug="open-to-all")
    services = {
        "club": ServiceFactory(name="Holiday club", slug="holiday-club", tier=tier,
                               referral_routes=[route], cost="£5 a session", order=1),
        "swim": ServiceFactory(name="Swimming", slug="swimming", tier=tier, order=2),
        "sit": ServiceFactory(name="Sitting service", slug="sitting-service", tier=tier,
                              order=3),
        "paused": ServiceFactory(name="Paused club", slug="paused-club", tier=tier,
                                 status=ServiceStatus.PAUSED, order=4),
    }  # fmt: skip
    edition_publish(label="2026")
    return {key: str(service.uid) for key, service in services.items()}


def listed(response) -> list[str]:
    return re.findall(r'<h2 class="govuk-heading-l[^"]*" id="service-[^"]+"><a[^>]*>([^<]+)</a>',
                      response.content.decode())  # fmt: skip


def test_the_list_shows_its_services_in_statement_order_with_cost_and_way_in(client, offer):
    response = client.get(f"/list/?s={offer['sit']}&s={offer['club']}")
    assert response.status_code == 200
    assert listed(response) == ["Holiday club", "Sitting service"]
    html = response.content.decode()
    assert "Cost: £5 a session" in html
    assert 'href="tel:+441632960123"' in html
    assert "Phone the short breaks team" in html
    # Each name links to the service with the list carried along (as the address has it).
    first, second = sorted([offer["club"], offer["sit"]])
    assert f'href="/services/holiday-club/?s={first}&amp;s={second}"' in html


def test_the_list_is_private_like_the_checker(client, offer):
    response = client.get(f"/list/?s={offer['club']}")
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    assert "Disallow: /list/" in client.get("/robots.txt").content.decode()


def test_a_list_is_never_kept_by_the_page_cache(client, offer):
    first = client.get(f"/list/?s={offer['club']}")
    # Served again, it is rendered again: no ETag from the page cache, never stored.
    again = client.get(f"/list/?s={offer['club']}", HTTP_IF_NONE_MATCH='"anything"')
    assert again.status_code == 200
    assert "ETag" not in first and "ETag" not in again
    assert "no-store" in again["Cache-Control"]


def test_unreadable_values_are_reported_and_the_rest_shown(client, offer):
    response = client.get(f"/list/?s={offer['club']}&s=not-a-service")
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem with this list" in html
    assert listed(response) == ["Holiday club"]
    # The addresses offered to keep or send the list leave the bad value off.
    kept = re.search(r'id="page-address">([^<]+)<', html).group(1)
    assert kept.endswith(f"/list/?s={offer['club']}")
    assert "not-a-service" not in re.search(r'href="(mailto:[^"]+)"', html).group(1)


def test_services_no_longer_offered_are_counted_not_shown(client, offer):
    missing = "00000000-0000-4000-8000-000000000000"
    response = client.get(f"/list/?s={offer['paused']}&s={missing}&s={offer['swim']}")
    assert response.status_code == 200
    assert listed(response) == ["Swimming"]
    assert "2 services on this list are no longer offered" in response.content.decode()


def test_a_repeated_service_counts_once_and_a_long_list_is_cut(client, offer):
    response = client.get(f"/list/?s={offer['swim']}&s={offer['swim']}")
    assert listed(response) == ["Swimming"]
    many = "&".join(f"s=00000000-0000-4000-8000-{n:012d}" for n in range(SHORTLIST_MOST + 1))
    response = client.get(f"/list/?{many}")
    assert response.status_code == 400
    assert f"A list can hold up to {SHORTLIST_MOST} services" in response.content.decode()


def test_an_empty_list_says_how_to_add_to_it(client, offer):
    response = client.get("/list/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your list is empty" in html
    assert 'href="/find/"' in html


def test_services_are_added_and_removed_from_the_finder_without_javascript(client, offer):
    html = client.get("/find/?q=club").content.decode()
    pattern = r'href="([^"]+)" data-shortlist[^>]*>Add<span [^>]*> Holiday club</span>'
    add = re.search(pattern, html).group(1)
    assert add == f"/find/?q=club&amp;s={offer['club']}#toggle-holiday-club"
    response = client.get(add.replace("&amp;", "&").split("#")[0])
    html = response.content.decode()
    assert response["Referrer-Policy"] == "no-referrer"
    assert f'font-weight-bold" href="/list/?s={offer["club"]}">Your list (1)' in html
    # The list rides along with a new search and to the service page.
    assert f'<input type="hidden" name="s" value="{offer["club"]}">' in html
    assert f'href="/services/holiday-club/?s={offer["club"]}"' in html
    remove = re.search(r'href="([^"]+)" data-shortlist[^>]*>Remove<span', html).group(1)
    assert remove == "/find/?q=club#toggle-holiday-club"


def test_a_service_page_adds_itself_to_the_list(client, offer):
    html = client.get(f"/services/swimming/?s={offer['club']}").content.decode()
    add = re.search(r'href="([^"]+)" data-shortlist[^>]*>Add<span', html).group(1)
    assert (
        unquote(add).replace("&amp;", "&")
        == (
            f"/services/swimming/?s={min(offer['club'], offer['swim'])}"
            f"&s={max(offer['club'], offer['swim'])}#toggle-swimming"
        )
        or f"s={offer['swim']}" in add
    )
    assert "Your list (1)" in html
    # A service page without a list is still the cached, shareable page.
    plain = client.get("/services/swimming/")
    assert plain.get("Referrer-Policy") != "no-referrer"
    assert "no-store" not in plain.get("Cache-Control", "")
    assert "Add<span" in plain.content.decode()


def test_pinned_pages_offer_no_list(client, offer):
    html = client.get("/statement/1/services/swimming/").content.decode()
    assert "to my list" not in html


def test_email_this_list_writes_the_list_into_the_message(client, offer):
    html = client.get(f"/list/?s={offer['club']}&s={offer['sit']}").content.decode()
    mailto = re.search(r'href="(mailto:[^"]+)">Email this list', html).group(1)
    body = unquote(mailto.replace("&amp;", "&"))
    assert "subject=My list of short breaks" in body
    assert "Short breaks on my list, from Exampleshire Council:" in body
    assert "- Holiday club (Cost: £5 a session)" in body
    assert "- Sitting service (Cost not stated: ask" in body
    assert f"/list/?s={offer['club']}&s={offer['sit']}" in body


def _links(html: str) -> list[str]:
    return [a.replace("&amp;", "&") for a in re.findall(r'<a\b[^>]*\bhref="([^"]+)"', html)]


def test_without_javascript_every_link_within_the_site_carries_the_list_on(client, offer):
    listed_ids = sorted([offer["club"], offer["swim"]])
    carried = "&".join(f"s={i}" for i in listed_ids)
    html = client.get(f"/?{carried}").content.decode()
    links = _links(html)
    within = [link for link in links if link.startswith("/") and not link.startswith("//")]
    pages = [link for link in within if not link.startswith(("/static/", "/api/", "/feedback/"))
             and "." not in link.split("?")[0].rsplit("/", 1)[-1]]  # fmt: skip
    assert pages and all(sorted(parse_qs(urlsplit(link).query)["s"]) == listed_ids
                         for link in pages), pages  # fmt: skip
    # Files and other sites are left alone.
    assert all("s=" not in link for link in links if link not in pages)
    # The list link stays at the top with the count.
    assert re.search(r'href="/list/\?s=[^"]+">Your list \(2\)', html)


def test_the_list_survives_home_then_find_then_a_service_then_home(client, offer):
    """Following the links the pages give, as a family without JavaScript would."""
    html = client.get(f"/find/?q=club&s={offer['swim']}").content.decode()
    home = next(link for link in _links(html) if link.split("?")[0] == "/")
    html = client.get(home).content.decode()
    assert "Your list (1)" in html
    find = next(link for link in _links(html) if link.startswith("/find/"))
    html = client.get(find).content.decode()
    service = next(link for link in _links(html) if link.startswith("/services/holiday-club/"))
    html = client.get(service).content.decode()
    assert "Your list (1)" in html
    home = next(link for link in _links(html) if link.split("?")[0] == "/")
    assert f"s={offer['swim']}" in home
    assert "Your list (1)" in client.get(home).content.decode()


def test_a_search_form_takes_the_list_along(client, offer):
    html = client.get(f"/find/?s={offer['club']}").content.decode()
    form = html.split("<form", 1)[1].split("</form>")[0]
    # The finder's own form carries it once, in its list part.
    assert form.count(f'name="s" value="{offer["club"]}"') == 1


def test_the_checkers_questions_take_the_list_along(client, durham_edition):
    from offer.models import Service

    uid = str(Service.objects.get(slug="youth-group").uid)
    html = client.get(f"/check/?step=age&s={uid}").content.decode()
    form = html.split("<form", 1)[1].split("</form>")[0]
    assert form.count(f'<input type="hidden" name="s" value="{uid}">') == 1


def test_links_that_change_the_list_are_left_as_they_are(client, offer):
    html = client.get(f"/find/?s={offer['club']}").content.decode()
    removes = re.findall(r'href="([^"]+)" data-shortlist[^>]*>Remove', html)
    assert removes and all(f"s={offer['club']}" not in link for link in removes)


def test_no_list_no_bar_and_the_page_is_kept_for_everyone(client, offer):
    html = client.get("/").content.decode()
    assert "Your list (" not in html
    assert '<div id="my-list" data-shortlist-part hidden></div>' in html
