"""Real concurrency on PostgreSQL: two officers acting at the same moment, in two
threads with their own database connections. (SQLite runs one writer at a time, so
these only run where DATABASE_URL points at PostgreSQL, as in CI.)"""

import contextlib
import functools
import threading
import time

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client

from editions.models import Edition
from editions.publishing import PublishRefused, edition_publish
from editions.snapshot import snapshot_build, snapshot_references_missing
from offer.models import ReferralRoute, Service
from tests.factories import UserFactory
from tests.offer.test_history import form_data

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL for real concurrent writers"
    ),
    # Committed data, visible to other connections.
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("transactional_db"),
]


def _at_once(*actions):
    """Run each action in its own thread, released together; return results or errors."""
    barrier = threading.Barrier(len(actions))
    results: list = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait()
            results[index] = action()
        except Exception as error:  # noqa: BLE001 - reported to the test
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_two_publishes_at_the_same_moment_give_two_complete_consecutive_editions():
    call_command("loaddata", "durham", verbosity=0)
    expected_services = len(snapshot_build().services)

    for _ in range(3):  # a few rounds, so a lucky ordering cannot hide a race
        before = Edition.objects.count()
        results = _at_once(
            lambda: edition_publish(label="Officer A"), lambda: edition_publish(label="Officer B")
        )
        assert all(isinstance(result, Edition) for result in results), results
        versions = sorted(result.version for result in results)
        assert versions == [before + 1, before + 2]
        for edition in Edition.objects.filter(version__in=versions):
            assert len(edition.snapshot["services"]) == expected_services
            assert edition.snapshot["statement"]["council_name"] == "Durham County Council"
    assert list(Edition.objects.order_by("version").values_list("version", flat=True)) == list(
        range(1, 7)
    )


def test_two_saves_of_one_service_at_the_same_moment_refuse_one():
    service = Service.objects.create(name="Saturday club", slug="saturday-club", summary="Fun.")
    url = f"/admin/offer/service/{service.pk}/change/"
    browsers = []
    for name, cost in (("amal", "£3"), ("ben", "£4")):
        browser = Client()
        browser.force_login(UserFactory(username=name, roles=["Editor"]))
        data = form_data(browser.get(url))
        data["cost"] = cost
        browsers.append((browser, data))

    results = _at_once(*(lambda b=b, d=d: b.post(url, d).status_code for b, d in browsers))
    assert sorted(results) == [200, 302]  # one saved, one told it changed meanwhile
    saved_cost = "£3" if results[0] == 302 else "£4"
    assert Service.objects.get(pk=service.pk).cost == saved_cost


def test_a_publish_racing_officers_edits_never_saves_a_snapshot_with_missing_parts():
    """Officers keep swapping a service's way in (a new referral route in, the old one
    deleted) while a publisher publishes again and again: every edition holds every
    route its services name, or is not published at all."""
    call_command("loaddata", "durham", verbosity=0)
    service = Service.objects.get(slug="virtual-activities")
    stop = threading.Event()
    published: list = []

    def edit() -> int:
        swaps = 0
        old = None
        while not stop.is_set():
            route = ReferralRoute.objects.create(
                title=f"Route {swaps}", link="https://example.org/"
            )
            service.referral_routes.add(route)
            if old is not None:
                old.delete()
            old, swaps = route, swaps + 1
        return swaps

    def publish() -> int:
        deadline = time.monotonic() + 4
        while time.monotonic() < deadline:
            # Refused this time (it read an inconsistent working copy): try again.
            with contextlib.suppress(PublishRefused):
                published.append(edition_publish(label="Racing"))
        stop.set()
        return len(published)

    swaps, count = _at_once(edit, publish)
    assert not isinstance(swaps, Exception), swaps
    assert not isinstance(count, Exception), count
    assert swaps > 10 and count > 5, (swaps, count)
    for edition in Edition.objects.all():
        assert snapshot_references_missing(edition.snapshot_read()) == [], edition.version


def test_one_invitation_used_twice_at_the_same_moment_makes_one_sign_in():
    """Two people (or two tabs) using one provider's invitation link at once: one gets
    the sign-in, the other is told the link was used; never two accounts."""
    from django.core import mail

    from proposals.models import ProviderMember
    from proposals.services import InvitationUnusable, invitation_accept, invitation_send
    from tests.factories import ProviderFactory

    PASSWORD = "a long and unusual passphrase 42"
    for round_ in range(3):
        email = f"person{round_}@provider.example.org"
        invitation_send(provider=ProviderFactory(), email=email, name="", by=None)
        token = mail.outbox[-1].body.split("/your-services/join/")[1].split("/")[0]
        results = _at_once(
            functools.partial(invitation_accept, token=token, name="A", password=PASSWORD),
            functools.partial(invitation_accept, token=token, name="B", password=PASSWORD),
        )
        joined = [r for r in results if isinstance(r, ProviderMember)]
        refused = [r for r in results if isinstance(r, InvitationUnusable)]
        assert len(joined) == 1 and len(refused) == 1, results
        assert ProviderMember.objects.filter(user__email=email).count() == 1
