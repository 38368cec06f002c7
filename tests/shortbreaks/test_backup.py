"""Backups lose nothing: `manage.py backup_site` of the working copy and every edition,
loaded into an empty database, gives back every public page byte for byte."""

import io
import re

import pytest
from django.core.management import call_command

from editions.cache import edition_memos_clear
from editions.models import Edition
from editions.publishing import edition_publish
from editions.selectors import working_copy_changes
from offer.models import Service
from tests.conftest import council_publish
from tests.factories import VenueFactory
from tests.public_pages import public_addresses

# A whole site dumped, flushed and restored: slow, so not everyday (make test runs it).
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

# A form's CSRF token is new on every request; nothing else on a page may differ.
_CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')


def every_page(client) -> dict[str, bytes]:
    pages = {}
    for path in public_addresses(client):
        response = client.get(path)
        assert response.status_code == 200, path
        pages[path] = _CSRF.sub(b'name="csrfmiddlewaretoken" value=""', response.content)
    return pages


def test_a_dump_loaded_into_an_empty_database_gives_back_every_page(
    client, transactional_db, tmp_path
):
    council_publish("durham")
    VenueFactory(service=Service.objects.first(), accessibility="Step-free")
    Service.objects.filter(pk=Service.objects.first().pk).update(summary="Changed since.")
    edition_publish(label="Third")
    before = every_page(client)
    assert len(before) > 100 and Edition.objects.count() == 3

    backup = tmp_path / "backup.json.gz"
    call_command("backup_site", output=str(backup), stdout=io.StringIO())
    call_command("flush", interactive=False, verbosity=0)
    edition_memos_clear()
    assert not Edition.objects.exists() and client.get("/").status_code == 200

    call_command("loaddata", str(backup), verbosity=0)
    after = every_page(client)
    assert sorted(after.keys() - before.keys()) == sorted(before.keys() - after.keys()) == []
    for path, content in before.items():
        assert after[path] == content, f"{path} differs after the restore"
    # The working copy came back too: it is what the last edition published.
    report, _, _ = working_copy_changes()
    assert report.is_empty
