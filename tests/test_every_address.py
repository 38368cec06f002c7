"""Every address of the site, tried as each role: someone signed out, a provider's staff
member, and an officer. A provider's staff member reaches their own services' pages and
the public site, and nothing of the officers' admin, the preview or another provider's
services (the admin's sign-in, 403 or 404), whatever they ask for or send."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from offer.models import RecordChange, Service
from proposals.models import ProposedChange, ProviderMember
from tests.factories import ProviderFactory, ServiceFactory, UserFactory
from tests.proposals.test_proposals import _member

pytestmark = pytest.mark.django_db


def _routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def _filled(route: str, samples: dict[str, str]) -> str:
    """A concrete address for a route: each parameter given a sample value (another
    provider's service for any uuid), a regex's alternatives their first."""
    route = route.replace("^", "").replace("$", "").replace("/?", "/")
    route = re.sub(r"\(\?P<\w+>([\w|]+)\)", lambda m: m[1].split("|")[0], route)
    route = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: samples.get(m[1], "1"), route)
    route = re.sub(
        r"<(?:(\w+):)?(\w+)>",
        lambda m: samples.get(m[2], samples.get(m[1] or "", "1")),
        route,
    )
    return "/" + route


def _addresses(samples) -> list[str]:
    return sorted({_filled(route, samples) for route in _routes(get_resolver().url_patterns)})


@pytest.fixture
def two_providers(durham_edition):
    """Durham published, a provider with a member, and another provider's service."""
    mine = ProviderFactory(name="Riverside Play")
    own = ServiceFactory(name="Our club")
    own.providers.add(mine)
    theirs = (
        Service.objects.filter(providers__isnull=False, include_in_statement=True)
        .exclude(providers=mine)
        .first()
    )
    ProposedChange.objects.create(
        service=theirs, provider=theirs.providers.first(), changes=[], note="theirs"
    )
    return _member(mine), own, theirs


def _outside(response) -> bool:
    """Out of reach: sent to a sign-in page, or refused, or not found."""
    if response.status_code in (403, 404, 405, 410):
        return True
    if response.status_code == 301:  # an old admin address, moved to another admin one
        return response["Location"].startswith("/admin/")
    location = response.get("Location", "")
    return response.status_code == 302 and (
        "/admin/login/" in location or "/your-services/sign-in/" in location
    )


def test_a_providers_staff_member_reaches_only_their_own(client, two_providers):
    member, own, theirs = two_providers
    samples = {
        "uuid": str(theirs.uid),
        "uid": str(theirs.uid),
        "service_id": str(theirs.uid),
        "object_id": str(theirs.pk),
        "slug": theirs.slug,
        "token": "not-a-token",
        "app_label": "offer",
    }
    addresses = _addresses(samples)
    assert len(addresses) > 200  # the admin's and every family's pages are all here
    client.force_login(member.user)
    history = RecordChange.objects.count()
    reached = []
    for address in addresses:
        if address.startswith("/admin/") or address.startswith("/preview/"):
            if address in ("/admin/login/", "/admin/logout/"):
                continue
            for method in (client.get, client.post):
                response = method(address)
                if not _outside(response):
                    reached.append((method.__name__, address, response.status_code))
        elif address.startswith("/your-services/"):
            response = client.get(address)
            if str(theirs.uid) in address and response.status_code != 404:
                reached.append(("get", address, response.status_code))
            if str(theirs.uid) in address:
                posted = client.post(address, {"name": "Taken over", "decision": "approve"})
                if posted.status_code != 404:
                    reached.append(("post", address, posted.status_code))
        else:
            response = client.get(address)
            assert response.status_code < 500, address
    assert reached == [], "\n".join(map(str, reached))
    theirs.refresh_from_db()
    assert theirs.name != "Taken over"
    assert ProposedChange.objects.filter(provider=member.provider).count() == 0
    assert RecordChange.objects.count() == history
    # and their own service is theirs to see and propose changes to
    assert client.get(f"/your-services/{own.uid}/").status_code == 200
    assert client.get(f"/your-services/{own.uid}/still-correct/").status_code == 200


def test_signed_out_and_as_an_officer_the_providers_pages_are_closed(client, two_providers):
    member, own, theirs = two_providers
    samples = {"uuid": str(own.uid), "uid": str(own.uid), "token": "not-a-token"}
    pages = [a for a in _addresses(samples) if a.startswith("/your-services/")]
    assert len(pages) == 7
    open_to_all = {"/your-services/sign-in/"}
    for address in pages:
        response = client.get(address)
        if address in open_to_all:
            assert response.status_code == 200
        else:
            assert _outside(response), address
    client.force_login(UserFactory(roles=["Publisher"]))
    for address in pages:
        if address in open_to_all:
            continue
        response = client.get(address)
        assert _outside(response), address
    assert ProviderMember.objects.count() == 1
