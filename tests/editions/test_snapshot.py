import json
from pathlib import Path

import pytest

from editions.publishing import edition_publish
from editions.read import Statement
from editions.snapshot import schema as snapshot
from editions.snapshot import snapshot_decoded, snapshot_upgrade
from tests.factories import ProviderFactory, ServiceFactory, StatementFactory, TierFactory

pytestmark = pytest.mark.django_db

SNAPSHOTS = Path(__file__).parent / "snapshots"


def test_references_are_resolved_for_templates():
    StatementFactory()
    tier = TierFactory(slug="targeted")
    provider = ProviderFactory(slug="sense")
    service = ServiceFactory(slug="saturday-club", tier=tier, group="Clubs")
    service.providers.add(provider)
    statement = Statement(edition_publish().snapshot_read())
    found = statement.service("saturday-club")
    assert found.tier.slug == "targeted"
    assert statement.tier("targeted").services == [found]
    assert statement.tier("targeted").service_groups[0].heading == "Clubs"
    assert statement.provider("sense").services == [found]
    assert statement.service("missing") is None


def test_old_snapshots_are_upgraded_as_they_are_read(monkeypatch):
    StatementFactory()
    ServiceFactory(name="Old name")
    old = edition_publish().snapshot

    def rename_field(data):
        for service in data["services"]:
            service["title"] = service["name"]
        return data

    current = snapshot.SCHEMA_VERSION
    monkeypatch.setattr(snapshot, "SCHEMA_VERSION", current + 1)
    monkeypatch.setitem(snapshot.UPGRADES, current, rename_field)
    upgraded = snapshot_upgrade(dict(old))
    assert upgraded["schema_version"] == current + 1
    assert upgraded["services"][0]["title"] == "Old name"


def _version_5(council: str = "durham") -> dict:
    """A snapshot an edition was published with by version 5 of the format."""
    return json.loads((SNAPSHOTS / f"{council}-v5.json").read_text())


def test_a_version_4_edition_reads_with_no_places_and_no_council_id():
    data = _version_5()
    del data["statement"]["id"]
    for service in data["services"]:
        del service["venues"]
    data["schema_version"] = 4
    statement = Statement(snapshot_decoded(data))
    assert statement.details.id is None
    assert statement.services[0].venues == []


def test_a_snapshot_from_newer_code_is_refused_clearly():
    with pytest.raises(ValueError, match="newer than this code understands"):
        snapshot_upgrade({"schema_version": 99})


def test_a_version_1_edition_without_questions_stories_or_glossary_still_reads():
    data = _version_5()
    for key in ("questions", "stories", "glossary"):
        del data[key]
    data["schema_version"] = 1
    statement = Statement(snapshot_decoded(data))
    assert (statement.questions, statement.stories, statement.glossary) == ([], [], [])
    assert statement.services[0].name == "Parent carer support"


def test_an_upgrade_never_reads_todays_lists():
    """Editing today's standard lists or labels must not change how an old edition
    reads: the upgrade steps import nothing from the working copy, keeping their own
    copies of what the code said then."""
    import ast

    tree = ast.parse(Path(snapshot.__file__).read_text())
    imported = {
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert not [name for name in imported if name and name.split(".")[0] in ("offer", "core")]
    old = {"schema_version": 8, "referral_routes": [], "glossary": [], "services": []}
    words = snapshot.snapshot_upgrade(old)["search_words"]
    assert {"words": ["pa", "pas"], "means": ["personal assistant", "personal assistants"]} in words
