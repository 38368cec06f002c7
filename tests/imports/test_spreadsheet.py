"""The offer spreadsheet: a round trip changes nothing, a dry run saves nothing and
says what would change, problems are reported by row and column and save nothing, and a
file we cannot read gets a clear message."""

import io
import zipfile

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from editions.snapshot import snapshot_build, snapshot_digest
from imports.models import ImportUpload
from imports.spreadsheet.workbook import (
    MAX_BYTES,
    UnreadableFile,
    offer_csv,
    offer_import,
    offer_workbook,
)
from offer.models import Service, Tier
from tests.factories import UserFactory, officer_with

pytestmark = pytest.mark.django_db


def filled_template(rows: dict[str, list[dict]]) -> bytes:
    """The empty template with these rows: {sheet: [{column: value}]}."""
    book = openpyxl.load_workbook(io.BytesIO(offer_workbook(empty=True)))
    for sheet, records in rows.items():
        headers = [cell.value for cell in book[sheet][1]]
        for record in records:
            book[sheet].append([record.get(header, "") for header in headers])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


A_SMALL_OFFER = {
    "Contacts": [{"Name": "Short breaks team", "Email": "breaks@example.gov.uk",
                  "Phones": "01632 960 001 (Helpline)",
                  "Show on useful contacts page": "yes"}],
    "Eligibility rules": [{"Title": "Any disabled child", "Who can get it": "Any child with SEND.",
                           "Youngest age": 0, "Oldest age": 18}],
    "Referral routes": [{"Title": "Email the team", "What happens": "Email us.",
                         "Contacts": "Short breaks team"}],
    "Tiers": [{"Name": "Help for everyone", "Level": "universal", "Summary": "Open to all.",
               "Eligibility rules": "Any disabled child", "Referral routes": "Email the team"}],
    "Services": [
        {"Name": "Saturday club", "Level of support": "Help for everyone",
         "Summary": "Fun on Saturdays.", "Status": "available", "Times": "Weekends",
         "Away from home": "yes", "An educational or leisure activity": "yes",
         "What it costs": "An amount", "Amount (£)": "£2", "Amount per": "a session",
         "In the statement": "yes"},
        {"Name": "Sitting service", "Summary": "Planned.", "Status": "planned",
         "Expected from": 2027, "In the statement": "yes"},
    ],
}  # fmt: skip


@pytest.mark.parametrize("council", ["durham", "dorset", "leicestershire"])
def test_a_round_trip_of_each_council_changes_nothing(council):
    call_command("loaddata", council, verbosity=0)
    before = snapshot_digest(snapshot_build())
    report = offer_import(content=offer_workbook(), filename="offer.xlsx", dry_run=False)
    assert not report.has_problems, [p for s in report.sheets for p in s.problems]
    added, changed, unchanged = report.counts
    assert (added, changed) == (0, 0) and unchanged > 0
    assert snapshot_digest(snapshot_build()) == before


def test_a_dry_run_says_what_would_be_added_and_saves_nothing():
    content = filled_template(A_SMALL_OFFER)
    report = offer_import(content=content, filename="offer.xlsx", dry_run=True)
    assert not report.has_problems, [p for s in report.sheets for p in s.problems]
    sheets = {sheet.title: sheet for sheet in report.sheets}
    assert sheets["Services"].added == ["Saturday club", "Sitting service"]
    assert not Service.objects.exists() and not Tier.objects.exists()

    offer_import(content=content, filename="offer.xlsx", dry_run=False)
    club = Service.objects.get(name="Saturday club")
    assert club.tier.name == "Help for everyone" and club.slug == "saturday-club"
    assert [t.slug for t in club.times.all()] == ["weekends"]
    assert (club.away_from_home, club.leisure_activity) == (True, True)
    assert (club.cost_kind, club.cost_amount, club.cost_period) == ("amount", 2, "session")
    assert club.tier.referral_routes.get().contacts.get().phones.get().label == "Helpline"
    planned = Service.objects.get(name="Sitting service")
    assert (planned.status, planned.expected_from, planned.tier) == ("planned", "2027", None)


def test_a_change_lists_the_columns_that_change():
    offer_import(content=filled_template(A_SMALL_OFFER), filename="a.xlsx", dry_run=False)
    changed = {**A_SMALL_OFFER, "Services": [{**A_SMALL_OFFER["Services"][0],
                                              "Cost in words": "Trips cost extra",
                                              "Times": "Weekends; School holidays"}]}  # fmt: skip
    report = offer_import(content=filled_template(changed), filename="b.xlsx", dry_run=True)
    services = next(s for s in report.sheets if s.title == "Services")
    assert services.changed == [("Saturday club", ["Times", "Cost in words"])]
    assert Service.objects.get(name="Saturday club").cost == ""  # dry run


def test_problems_are_reported_by_row_and_column_and_nothing_is_saved():
    bad = {
        **A_SMALL_OFFER,
        "Services": [
            *A_SMALL_OFFER["Services"],
            {"Name": "Broken club", "Summary": "x", "Level of support": "No such level",
             "Youngest age": "ten", "Status": "someday", "Needs": "Autism"},
        ],
    }  # fmt: skip
    report = offer_import(content=filled_template(bad), filename="bad.xlsx", dry_run=False)
    problems = {(p.row, p.column): p.message for s in report.sheets for p in s.problems}
    assert problems[(4, "Level of support")] == (
        "There is no tier called 'No such level'. Choose from: 'Help for everyone'."
    )
    assert problems[(4, "Youngest age")] == "Write a whole number, not 'ten'."
    assert problems[(4, "Status")].startswith("'someday' is not one of: available, planned")
    assert problems[(4, "Needs")] == "There is no need called 'Autism'."
    assert not report.saved
    assert not Service.objects.exists() and not Tier.objects.exists()  # all or nothing


def test_names_typed_by_hand_match_in_any_capitals_and_a_near_miss_is_suggested():
    offer_import(content=filled_template(A_SMALL_OFFER), filename="a.xlsx", dry_run=False)
    typed = {
        "Services": [
            {"Name": "Holiday club", "Summary": "x", "Level of support": "help  FOR everyone"},
            {"Name": "Tea club", "Summary": "x", "Level of support": "Help for everybody"},
        ]
    }
    report = offer_import(content=filled_template(typed), filename="b.xlsx", dry_run=True)
    problems = {(p.row, p.column): p.message for s in report.sheets for p in s.problems}
    assert (2, "Level of support") not in problems  # the same name, typed differently
    assert problems[(3, "Level of support")] == (
        "There is no tier called 'Help for everybody'. Did you mean 'Help for everyone'?"
    )


def test_each_heading_is_the_admins_label_and_older_headings_still_read():
    """A column that fills a field is headed with the field's label in the admin, so an
    officer finds the same words in both; a file made from an older template, with its
    older headings, still imports."""
    from imports.spreadsheet.resources import SHEETS

    for name, resource_class in SHEETS:
        model = resource_class._meta.model
        for column in resource_class().get_export_fields():
            if column.attribute and column.attribute != "phones":
                label = str(model._meta.get_field(column.attribute).verbose_name)
                assert column.column_name.lower() == label.lower(), (name, column.column_name)

    book = openpyxl.load_workbook(io.BytesIO(filled_template(A_SMALL_OFFER)))
    services = book["Services"]
    for cell in services[1]:
        if cell.value == "An educational or leisure activity":
            cell.value = "An activity"  # as templates before this one said
    out = io.BytesIO()
    book.save(out)
    report = offer_import(content=out.getvalue(), filename="old.xlsx", dry_run=False)
    assert not report.has_problems, [p for s in report.sheets for p in s.problems]
    assert Service.objects.get(name="Saturday club").leisure_activity


def test_one_sheet_as_csv_in_and_out():
    call_command("loaddata", "leicestershire", verbosity=0)
    content = offer_csv(kind="Tiers")
    assert content.startswith("\ufeff".encode()) and b"Specialised provision" in content
    report = offer_import(content=content, filename="tiers.csv", dry_run=True)
    assert [sheet.title for sheet in report.sheets] == ["Tiers"]
    assert report.counts == (0, 0, 3)


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (b"", "offer.xlsx", "The file is empty."),
        (b"\x00\x01not a workbook", "offer.xlsx", "Upload the offer as an Excel workbook"),
        (b"PK\x03\x04broken", "offer.xlsx", "We could not read this"),
        (b"Name\nX\n", "offer.csv", "Say which sheet this CSV file is"),
        ("Name\nCaf\u00e9\n".encode("latin-1"), "needs.csv", "Save the CSV file as UTF-8"),
        (b"x" * (MAX_BYTES + 1), "offer.xlsx", "larger than 5 MB"),
    ],
    ids=["empty", "not a workbook", "damaged", "csv of no kind", "not utf-8", "too big"],
)
def test_a_file_we_cannot_read_gets_a_clear_message(content, filename, message):
    with pytest.raises(UnreadableFile, match=message):
        offer_import(content=content, filename=filename, dry_run=True)


def test_a_zip_that_is_not_a_workbook_is_refused_clearly():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hello")
    with pytest.raises(UnreadableFile, match="may be damaged"):
        offer_import(content=out.getvalue(), filename="offer.xlsx", dry_run=True)


def test_a_workbook_without_offer_sheets_says_which_it_needs():
    book = openpyxl.Workbook()
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(UnreadableFile, match="none of the sheets of the offer"):
        offer_import(content=out.getvalue(), filename="other.xlsx", dry_run=True)


# The admin ---------------------------------------------------------------------------

URL = "/admin/offer-spreadsheet/"


def upload(client, content: bytes, name: str = "offer.xlsx", **extra):
    file = io.BytesIO(content)
    file.name = name
    return client.post(URL, {"file": file, **extra})


def test_an_officer_checks_then_confirms_an_import_in_the_admin(client):
    editor = UserFactory(roles=["Editor"])
    client.force_login(editor)
    page = client.get(URL)
    assert page.status_code == 200 and 'name="file"' in page.content.decode()
    checked = upload(client, filled_template(A_SMALL_OFFER))
    html = checked.content.decode()
    assert checked.status_code == 200
    assert "Nothing is saved yet" in html and "Added: Saturday club, Sitting service." in html
    assert not Service.objects.exists()
    kept = ImportUpload.objects.get()
    # Someone else cannot confirm this officer's upload.
    client.force_login(UserFactory(roles=["Editor"]))
    refused = client.post(URL, {"upload": kept.pk, "confirm": "1"})
    assert refused.status_code == 400 and "no longer here" in refused.content.decode()
    client.force_login(editor)
    confirmed = client.post(URL, {"upload": kept.pk, "confirm": "1"})
    assert confirmed.status_code == 302 and confirmed["Location"] == reverse("admin:index")
    assert Service.objects.count() == 2 and not ImportUpload.objects.exists()


def test_the_admin_shows_problems_with_their_rows_and_keeps_nothing(client):
    client.force_login(UserFactory(roles=["Editor"]))
    bad = {"Services": [{"Name": "Club", "Summary": "x", "Status": "soon"}]}
    response = upload(client, filled_template(bad))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was saved" in html and "<td>2</td><td>Status</td>" in html
    assert "Import these changes" not in html and not ImportUpload.objects.exists()


def test_the_admin_refuses_unreadable_or_huge_files_with_a_message(client):
    client.force_login(UserFactory(roles=["Editor"]))
    damaged = upload(client, b"not a spreadsheet at all")
    assert damaged.status_code == 400 and "We could not read this file" in damaged.content.decode()
    huge = upload(client, b"x" * (MAX_BYTES + 1))
    assert huge.status_code == 400 and "larger than 5 MB" in huge.content.decode()
    nothing = client.post(URL, {})
    assert nothing.status_code == 400 and "Choose a file" in nothing.content.decode()


def test_downloads_give_the_workbook_the_template_and_csv(client):
    client.force_login(UserFactory(roles=["Editor"]))
    book = client.get(URL, {"download": "xlsx"})
    assert book["Content-Disposition"] == 'attachment; filename="short-breaks-offer.xlsx"'
    names = openpyxl.load_workbook(io.BytesIO(book.content)).sheetnames
    assert names[0] == "About this file" and "Services" in names
    template = client.get(URL, {"download": "csv", "kind": "Services", "empty": "1"})
    assert template.content.decode("utf-8-sig").startswith("Id,Name,Level of support,")
    assert client.get(URL, {"download": "pdf"}).status_code == 400


def test_only_officers_with_the_editor_role_may_import(client):
    client.force_login(officer_with("view_service"))
    assert client.get(URL).status_code == 403
    client.logout()
    assert client.get(URL)["Location"].startswith(reverse("admin:login"))
    viewer = UserFactory()
    from django.contrib.auth.models import Permission

    viewer.user_permissions.set(Permission.objects.filter(codename__startswith="view_"))
    client.force_login(viewer)
    assert "Bring the offer in" not in client.get(URL).content.decode()
    assert upload(client, filled_template(A_SMALL_OFFER)).status_code == 403


# The command line --------------------------------------------------------------------


def test_the_commands_export_and_import_with_a_dry_run(tmp_path, capsys):
    call_command("loaddata", "dorset", verbosity=0)
    path = tmp_path / "offer.xlsx"
    call_command("export_offer", str(path))
    call_command("import_offer", str(path), "--dry-run")
    assert "Dry run: nothing saved. 0 to add, 0 to change." in capsys.readouterr().out
    bad = tmp_path / "services.csv"
    bad.write_text("Name,Summary,Status\nClub,x,soon\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_offer", str(bad))
    assert "! row 2, Status: 'soon' is not one of" in capsys.readouterr().out
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_offer", str(tmp_path / "missing.xlsx"))


# Records found by their permanent id -------------------------------------------------


def _sheet_rows(content: bytes, sheet: str) -> list[dict]:
    book = openpyxl.load_workbook(io.BytesIO(content))
    rows = list(book[sheet].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_two_services_of_one_name_round_trip_by_their_ids():
    from tests.factories import ContactFactory, ReferralRouteFactory, ServiceFactory

    first, second = (ContactFactory(name="Reception") for _ in range(2))
    route = ReferralRouteFactory(title="Ring reception")
    route.contacts.set([first])
    ServiceFactory(name="Youth club", slug="youth-club-north", referral_routes=[route])
    ServiceFactory(name="Youth club", slug="youth-club-south", referral_routes=[route])
    content = offer_workbook()
    services = _sheet_rows(content, "Services")
    assert [row["Name"] for row in services] == ["Youth club", "Youth club"]
    assert {row["Id"] for row in services} == {
        str(s.uid) for s in Service.objects.filter(name="Youth club")
    }
    routes = _sheet_rows(content, "Referral routes")
    assert routes[0]["Contacts"] == f"Reception [{first.uid}]"  # two are called Reception
    report = offer_import(content=content, filename="offer.xlsx", dry_run=False)
    assert not report.has_problems, [p for s in report.sheets for p in s.problems]
    assert report.counts[:2] == (0, 0)
    assert list(route.contacts.all()) == [first] and second.referral_routes.count() == 0


def test_an_exported_workbook_of_an_imported_directory_imports_unchanged():
    from imports.openreferral import feed_from_url, feed_import

    from .directory_feeds import exampleshire_pages, served

    with served(exampleshire_pages()) as url:
        feed_import(services=feed_from_url(url), dry_run=False, source=url)
    before = snapshot_digest(snapshot_build())
    report = offer_import(content=offer_workbook(), filename="offer.xlsx", dry_run=False)
    assert not report.has_problems, [p for s in report.sheets for p in s.problems]
    added, changed, unchanged = report.counts
    assert (added, changed) == (0, 0) and unchanged > 0
    assert snapshot_digest(snapshot_build()) == before


def test_a_row_with_an_id_from_another_site_keeps_it_and_a_bad_id_is_a_problem():
    uid = "6f1c2a54-8a7d-4a4e-9a53-2f7f2e0b1c11"
    rows = {"Services": [{"Id": uid, "Name": "Moved club", "Summary": "From elsewhere."}]}
    offer_import(content=filled_template(rows), filename="a.xlsx", dry_run=False)
    assert str(Service.objects.get(name="Moved club").uid) == uid
    bad = {"Services": [{"Id": "12", "Name": "Club", "Summary": "x"}]}
    report = offer_import(content=filled_template(bad), filename="b.xlsx", dry_run=False)
    messages = " ".join(p.message for s in report.sheets for p in s.problems)
    assert "'12' is not an id as the export writes them" in messages


def test_a_name_two_records_share_needs_its_id():
    from tests.factories import ContactFactory

    ContactFactory(name="Reception")
    ContactFactory(name="Reception")
    rows = {"Referral routes": [{"Title": "Ring", "Contacts": "Reception"}]}
    report = offer_import(content=filled_template(rows), filename="a.xlsx", dry_run=True)
    messages = " ".join(p.message for s in report.sheets for p in s.problems)
    assert "More than one contact is called 'Reception'" in messages


def test_html_pasted_into_a_cell_becomes_words_and_markdown():
    rows = {
        "Services": [
            {
                "Name": "Parents &amp; carers <b>club</b>",
                "Summary": "<p>Meet&nbsp;other parents.</p>",
                "Description": '<p class="MsoNormal">We <b>meet</b> weekly.</p><ul><li>Tea</li>'
                "<li>Talks</li></ul>",
            }
        ]
    }
    offer_import(content=filled_template(rows), filename="a.xlsx", dry_run=False)
    club = Service.objects.get()
    assert club.name == "Parents & carers club"
    assert club.summary == "Meet other parents."
    assert club.description == "We **meet** weekly.\n\n- Tea\n- Talks"


@pytest.mark.parametrize("council", ["durham", "dorset", "leicestershire"])
def test_a_workbook_written_from_a_seed_publishes_an_empty_site_in_one_upload(council):
    """The officer's first edition: every sheet filled (as the export of the seed writes
    them) and uploaded once into a site with nothing in it, then published with no
    further step in the admin."""
    from editions.publishing import edition_publish, statement_problems
    from offer.models import Statement

    call_command("loaddata", council, verbosity=0)
    workbook = offer_workbook()
    seed = Statement.load()
    call_command("flush", interactive=False, verbosity=0)
    assert not Service.objects.exists() and Statement.load() is None

    report = offer_import(content=workbook, filename="offer.xlsx", dry_run=False)
    assert not report.has_problems, [p for s in report.sheets for p in s.problems]
    assert statement_problems() == []
    edition = edition_publish(label="First")
    statement = Statement.load()
    assert (statement.council_name, statement.title) == (seed.council_name, seed.title)
    read = edition.snapshot_read()
    assert len(read.services) == Service.objects.in_statement().count() > 0
    assert read.checker_rules and read.sections


def test_the_template_offers_drop_down_lists_of_the_allowed_values():
    """Each fixed list (a tick, a status...) and each column naming one record of another
    sheet has a drop-down; the About sheet lists the allowed values in words too."""
    import io

    import openpyxl

    call_command("loaddata", "durham", verbosity=0)
    book = openpyxl.load_workbook(io.BytesIO(offer_workbook(empty=True)))
    assert book["Allowed values"].sheet_state == "hidden"
    services = book["Services"]
    headers = [cell.value for cell in services[1]]

    def drop_down(header: str) -> str:
        letter = openpyxl.utils.get_column_letter(headers.index(header) + 1)
        found = [
            v.formula1
            for v in services.data_validations.dataValidation
            if any(str(r).startswith(f"{letter}2:") for r in v.sqref.ranges)
        ]
        assert len(found) == 1, header
        return found[0]

    assert drop_down("Level of support") == "='Tiers'!$B$2:$B$501"  # the Tiers sheet's names
    status = drop_down("Status").removeprefix("='Allowed values'!")
    column = status.split("$")[1]
    values = [c.value for c in book["Allowed values"][column] if c.value]
    assert values == ["available", "planned", "pilot", "paused"]
    assert drop_down("What it costs").startswith("='Allowed values'!")
    assert drop_down("Amount per").startswith("='Allowed values'!")
    about = " ".join(str(c.value) for c in book["About this file"]["A"])
    assert "Services, Status: available (Available); planned (Planned: being developed)" in about
    assert (
        "Referral routes, For: yes (Families whose child has a social worker); no (Families "
        "whose child has no social worker). Blank: Every family."
    ) in about
    # The hidden sheet is known to the import: nothing is said to be ignored.
    report = offer_import(content=offer_workbook(), filename="offer.xlsx", dry_run=True)
    assert report.ignored_sheets == []


def test_an_exported_cell_is_never_a_formula():
    """Words starting '=', '+', '-' or '@' (typed by an officer, or brought in from a
    feed) are written as words: opening the export runs nothing."""
    from tests.factories import ServiceFactory

    ServiceFactory(name='=HYPERLINK("http://example.org")', summary="=cmd|' /C calc'!A0")
    book = openpyxl.load_workbook(io.BytesIO(offer_workbook()))
    cells = [c for row in book["Services"].iter_rows(min_row=2) for c in row if c.value]
    risky = [c for c in cells if str(c.value).startswith("=")]
    assert len(risky) == 2 and all(c.data_type == "s" for c in risky)


def test_a_csv_export_runs_nothing_and_reads_back_unchanged():
    """A cell a spreadsheet would run (=, +, -, @) is written with a quote before it, and
    the import takes the quote off again: the round trip changes nothing."""
    from tests.factories import ServiceFactory

    call_command("loaddata", "leicestershire", verbosity=0)
    ServiceFactory(name="Club", summary="=cmd|' /C calc'!A0", description="- a list\n- of two")
    content = offer_csv(kind="Services")
    assert b"'=cmd|" in content and b"=cmd" not in content.replace(b"'=cmd", b"")
    report = offer_import(content=content, filename="services.csv", dry_run=True)
    assert not report.has_problems, [p for s in report.sheets for p in s.problems]
    added, changed, _ = report.counts
    assert (added, changed) == (0, 0)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("council", ["durham", "dorset", "leicestershire"])
def test_an_exported_workbook_imports_into_an_empty_site(council):
    """Its own levels, assessments, rules and contacts come first in the workbook, so a
    new site can start from another's export."""
    from offer.models import EligibilityRule, Tier

    call_command("loaddata", council, verbosity=0)
    counts = (Service.objects.count(), Tier.objects.count(), EligibilityRule.objects.count())
    workbook = offer_workbook()
    call_command("flush", interactive=False, verbosity=0)
    assert not Service.objects.exists()
    report = offer_import(content=workbook, filename="offer.xlsx", dry_run=False)
    assert not report.has_problems, [p for s in report.sheets for p in s.problems][:5]
    assert (Service.objects.count(), Tier.objects.count(), EligibilityRule.objects.count()) == (
        counts
    )
