"""Editions published in an earlier snapshot format still render, page for page, and
read as they were published.

The snapshots in tests/editions/snapshots/ were published by the code of format 5 from
each council's fixture."""

import json
from pathlib import Path

import pytest
from django.utils import timezone

from editions.models import Edition
from editions.snapshot import snapshot_upgrade

pytestmark = pytest.mark.django_db

SNAPSHOTS = Path(__file__).parent / "snapshots"


def _old_edition(council: str, version: int = 1) -> Edition:
    snapshot = json.loads((SNAPSHOTS / f"{council}-v5.json").read_text())
    today = timezone.localdate()
    return Edition.objects.create(
        version=version,
        label="Published by format 5",
        schema_version=snapshot["schema_version"],
        snapshot=snapshot,
        published_at=timezone.now(),
        reviewed_on=today,
        next_review_due=today.replace(year=today.year + 1),
    )


@pytest.mark.parametrize("council", ["durham", "dorset", "leicestershire"])
def test_every_page_of_a_format_5_edition_renders(client, council):
    edition = _old_edition(council)
    snapshot = edition.snapshot
    paths = ["/", "/statement/", "/contacts/", "/providers/", "/find/", "/check/"]
    paths += ["/glossary/", "/statement/1/"]
    # Pages only some statements have are there when the edition has something for them.
    optional = {
        "/faq/": snapshot["questions"],
        "/stories/": snapshot["stories"],
        "/what-families-need/": snapshot["figures"]
        or snapshot["family_views"]
        or any(s["place"] == "needs" for s in snapshot_upgrade(snapshot)["sections"]),
    }
    for path, content in optional.items():
        assert client.get(path).status_code == (200 if content else 404), path
    paths += [f"/services/{service['slug']}/" for service in snapshot["services"]]
    paths += [f"/support/{tier['slug']}/" for tier in snapshot["tiers"]]
    paths += [f"/providers/{provider['slug']}/" for provider in snapshot["providers"]]
    paths += ["/api/openreferral/services?per_page=500"]
    for path in paths:
        assert client.get(path).status_code == 200, path


def test_a_format_5_edition_reads_as_it_was_published(client):
    """Then, empty times meant 'arranged to suit the family', empty areas 'the whole
    area', tiers had a fixed caption and the stories page said names were changed."""
    _old_edition("durham")
    page = client.get("/services/virtual-activities/").content.decode()
    assert "Across County Durham" in page
    tier = client.get("/support/specialist-support/").content.decode()
    assert "Specialist: after a social care assessment" in tier
    _old_edition("leicestershire", version=2)  # now the current edition
    stories = client.get("/stories/").content.decode()
    assert "Names and details are changed." in stories
