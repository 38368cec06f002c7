"""Imports bounded by the work they ask for: addresses for many services of one name
found at once, and feeds, sheets and workbooks past any council's size refused with a
message before any of it is read into the working copy."""

import io
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from imports.openreferral import FeedProblem, feed_from_file, feed_import
from imports.spreadsheet.workbook import UnreadableFile, offer_import, offer_workbook
from offer.models import Service

pytestmark = pytest.mark.django_db


def test_a_thousand_services_of_one_name_get_their_addresses_in_one_lookup():
    services = [{"id": f"yc-{n}", "name": "Youth club"} for n in range(1000)]
    with CaptureQueriesContext(connection) as queries:
        feed_import(services=services, dry_run=False, source="youth.json")
    slug_lookups = [q for q in queries if "slug" in q["sql"] and "LIKE" in q["sql"]]
    assert len(slug_lookups) == 1
    slugs = set(Service.objects.values_list("slug", flat=True))
    assert len(slugs) == 1000 and {"youth-club", "youth-club-2", "youth-club-1000"} <= slugs


def test_a_feed_with_more_services_than_an_import_takes_is_refused(settings):
    settings.IMPORT_MOST_SERVICES = 10
    content = b"[" + b",".join(b'{"id": "%d", "name": "Club"}' % n for n in range(11)) + b"]"
    with pytest.raises(FeedProblem, match="more than 10 services"):
        feed_from_file(content, name="big.json")


def test_a_csv_with_more_rows_than_an_import_takes_is_refused_before_any_is_checked(settings):
    settings.IMPORT_MOST_ROWS = 100
    rows = "\n".join(f"Club {n},Fun." for n in range(101))
    content = f"Name,Summary\n{rows}\n".encode()
    with (
        CaptureQueriesContext(connection) as queries,
        pytest.raises(UnreadableFile, match="has 101 rows: more than the 100"),
    ):
        offer_import(content=content, filename="services.csv", dry_run=True)
    assert len(queries) == 0
    assert not Service.objects.exists()


def _bomb(unzipped_mb: int) -> bytes:
    """A small workbook-shaped zip whose one part unzips to `unzipped_mb` MB of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("[Content_Types].xml", "<Types/>")
        with bomb.open("xl/worksheets/sheet1.xml", "w") as part:
            block = b"0" * (1024 * 1024)
            for _ in range(unzipped_mb):
                part.write(block)
    return out.getvalue()


def test_a_workbook_that_unzips_to_far_more_than_an_offer_is_refused_unopened(settings):
    settings.IMPORT_UNZIPPED_BYTES = 10 * 1024 * 1024
    bomb = _bomb(20)
    assert len(bomb) < 100 * 1024  # a small upload
    with pytest.raises(UnreadableFile, match="unzips to more than 10 MB"):
        offer_import(content=bomb, filename="offer.xlsx", dry_run=True)


def test_the_template_is_well_within_the_limits():
    offer_import(content=offer_workbook(empty=True), filename="offer.xlsx", dry_run=True)


def test_an_officer_has_one_upload_kept_and_none_that_would_change_nothing(admin_client):
    from imports.models import ImportUpload

    template = offer_workbook(empty=True)
    from tests.imports.test_spreadsheet import A_SMALL_OFFER, filled_template

    filled = filled_template(A_SMALL_OFFER)
    for _ in range(3):
        response = admin_client.post(
            "/admin/offer-spreadsheet/", {"file": _named(filled, "offer.xlsx")}
        )
        assert response.status_code == 200
    assert ImportUpload.objects.count() == 1  # the last dry run's, awaiting confirmation
    response = admin_client.post(
        "/admin/offer-spreadsheet/", {"file": _named(template, "empty.xlsx")}
    )
    assert "Importing it would change nothing" in response.content.decode()
    assert ImportUpload.objects.count() == 0


def _named(content: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def _grown(extra: int) -> None:
    """Durham's services, and `extra` more like its first (its tier, lists and rules)."""
    model = Service.objects.prefetch_related("times", "needs", "referral_routes").first()
    for number in range(extra):
        copy = Service.objects.create(
            name=f"{model.name} {number}", slug=f"copy-{number}", summary=model.summary,
            tier=model.tier, min_age=model.min_age, max_age=model.max_age,
        )  # fmt: skip
        copy.times.set(model.times.all())
        copy.needs.set(model.needs.all())
        copy.referral_routes.set(model.referral_routes.all())


def _queries_to_import(content: bytes) -> int:
    with CaptureQueriesContext(connection) as queries:
        report = offer_import(content=content, filename="offer.xlsx", dry_run=False)
    assert not report.has_problems
    # Each row in a savepoint of its own (a row's problem undoes that row alone) is the
    # import library's, and costs nothing to speak of; the rest is the work.
    return len([q for q in queries if "SAVEPOINT" not in q["sql"]])


# Emptied between imports as a new site is (flush): outside a test transaction, which
# PostgreSQL will not empty tables inside.
@pytest.mark.django_db(transaction=True)
def test_a_workbook_again_costs_no_query_a_row_and_a_new_one_a_few():
    """The same workbook again reads each sheet's records, and the records they name,
    once for the sheet: not once a row. Into an empty site, each new row costs a few
    queries (its record, its lists, its history), the same whatever the sheet's size."""
    from django.core.management import call_command

    from tests.councils import council_load

    costs = {}
    for extra in (20, 60):
        call_command("flush", "--no-input", verbosity=0)
        council_load("durham")
        _grown(extra)
        content = offer_workbook()
        again = _queries_to_import(content)
        call_command("flush", "--no-input", verbosity=0)
        first = _queries_to_import(content)
        costs[extra] = (again, first)
    (again_20, first_20), (again_60, first_60) = costs[20], costs[60]
    assert again_60 - again_20 < 10  # forty more rows, hardly a query more
    assert (first_60 - first_20) / 40 <= 12  # a few a new row, never a growing number
