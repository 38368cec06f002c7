"""The test helper that copies a council's seed in gives the database `loaddata` gives."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import transaction

from offer.models import Service
from tests.councils import council_load

pytestmark = pytest.mark.django_db

SEED_APPS = ["offer", "contacts", "providers"]


def _dumped_after(load) -> str:
    """What the seed's apps hold after `load`, which is then undone."""
    with transaction.atomic():
        load()
        out = io.StringIO()
        # A record the seed names by its natural key gets an id from PostgreSQL's
        # sequence, which a rollback does not wind back: compare by those keys.
        call_command("dumpdata", *SEED_APPS, "--natural-foreign", "--natural-primary", stdout=out)
        transaction.set_rollback(True)
    # A record the seed gives no uid gets a new one from each `loaddata`.
    return re.sub(r'"uid": "[0-9a-f-]{36}"', '"uid": ""', out.getvalue())


@pytest.mark.parametrize("council", ["durham", "dorset", "leicestershire"])
def test_a_copied_seed_is_the_seed_loaddata_gives(council):
    loaded = _dumped_after(lambda: call_command("loaddata", council, verbosity=0))
    _dumped_after(lambda: council_load(council))  # this process has now loaded it once
    assert _dumped_after(lambda: council_load(council)) == loaded  # copied
    # Ids made after a copy follow the seed's, on PostgreSQL's sequences too.
    council_load(council)
    made = Service.objects.create(name="A new club", slug="a-new-club")
    assert made.pk > max(Service.objects.exclude(pk=made.pk).values_list("pk", flat=True))
