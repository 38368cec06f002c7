"""Every edition as a PDF: tagged for screen readers, with its label and dates, the
contents as bookmarks and links that work; made once and kept, the same bytes every time.

veraPDF cannot run here, so `pdf_ua_problems` checks with pypdf what a PDF/UA-1 checker
checks first of a document like this: it declares itself PDF/UA (XMP pdfuaid:part 1)
and marked (/MarkInfo /Marked true), has a structure tree (/StructTreeRoot with a
/ParentTree and one /Document holding exactly one H1 and the H2 and H3 headings), a
language (/Lang), a title shown instead of the file name (dc:title and /ViewerPreferences
/DisplayDocTitle), every font embedded, and every link annotation tagged
(/StructParent) with a description (/Contents) on a page whose tab order follows the
structure (/Tabs /S).
"""

import io
import re
from collections import Counter

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from editions.models import EditionDocument
from editions.publishing import edition_publish
from offer.models import Service
from public import pdf as pdf_module

# Each test renders PDFs with WeasyPrint (seconds each): in `make test`, not the fast lane.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]

SITE = "https://breaks.example.gov.uk"


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def durham_two_editions(db):
    call_command("loaddata", "durham", verbosity=0)
    first = edition_publish(label="2025 to 2026")
    Service.objects.filter(slug="virtual-activities").update(include_in_statement=False)
    second = edition_publish(label="2026 to 2027")
    return first, second


def structure_counts(reader: PdfReader) -> Counter:
    counts: Counter = Counter()

    def walk(node):
        node = node.get_object()
        if isinstance(node, list):
            for item in node:
                walk(item)
            return
        if not hasattr(node, "keys"):
            return  # a marked-content id
        if "/S" in node:
            counts[node["/S"]] += 1
        if "/K" in node:
            walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return counts


def flag(value) -> bool:
    """A PDF boolean's value (pypdf's BooleanObject(False) is truthy)."""
    return getattr(value, "value", False) is True


def pdf_ua_problems(reader: PdfReader) -> list[str]:
    """What a PDF/UA-1 check would fail this document for (see the module's docstring)."""
    root = reader.trailer["/Root"]
    problems = []
    xmp = root["/Metadata"].get_object().get_data().decode()
    if 'pdfuaid:part="1"' not in xmp:
        problems.append("no PDF/UA identifier in the XMP metadata")
    if "<dc:title>" not in xmp:
        problems.append("no dc:title")
    if not flag(root.get("/MarkInfo", {}).get("/Marked")):
        problems.append("not marked")
    tree = root.get("/StructTreeRoot")
    if tree is None or "/ParentTree" not in tree:
        problems.append("no structure tree")
    else:
        counts = structure_counts(reader)
        if counts["/Document"] != 1 or counts["/H1"] != 1 or not counts["/H2"]:
            problems.append(f"structure lacks a document and its headings: {counts}")
    if not root.get("/Lang"):
        problems.append("no language")
    if not flag(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle")):
        problems.append("the viewer would show the file name, not the title")
    for number, page in enumerate(reader.pages, start=1):
        annotations = [item.get_object() for item in page.get("/Annots", []) or []]
        if annotations and page.get("/Tabs") != "/S":
            problems.append(f"page {number}: tab order does not follow the structure")
        for annotation in annotations:
            if "/StructParent" not in annotation or not annotation.get("/Contents"):
                problems.append(f"page {number}: a link is not tagged or not described")
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            described = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = described.get("/FontDescriptor", {})
            descriptor = descriptor.get_object() if descriptor else {}
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                problems.append(f"page {number}: font {font.get('/BaseFont')} not embedded")
    return problems


def bookmarks(outline, depth=0) -> list[tuple[int, str]]:
    found = []
    for item in outline:
        if isinstance(item, list):
            found += bookmarks(item, depth + 1)
        else:
            found.append((depth, item.title))
    return found


def links(reader: PdfReader) -> list[str]:
    return [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", []) or []
        if "/URI" in annotation.get_object().get("/A", {})
    ]


def test_the_current_edition_is_a_tagged_pdf_with_bookmarks_and_working_links(
    client, site_url, durham_two_editions
):
    response = client.get("/statement/statement.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'inline; filename="durham-county-council-short-breaks-statement-2026-to-2027.pdf"'
    )
    reader = PdfReader(io.BytesIO(response.content))
    assert pdf_ua_problems(reader) == []
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"

    # The edition's label in its title, its publication as its date.
    assert reader.metadata.title.startswith("Short Breaks Service Statement, 2026 to 2027 edition")
    assert reader.metadata.author == "Durham County Council"
    published = durham_two_editions[1].published_at
    assert reader.metadata.creation_date.replace(microsecond=0) == published.replace(microsecond=0)
    # Every page says which edition it is, and which page of how many.
    first_page = reader.pages[0].extract_text()
    assert "2026 to 2027 edition" in first_page and f"Page 1 of {len(reader.pages)}" in first_page

    # The contents as bookmarks: the parts and tiers, each tier's services inside it.
    marks = bookmarks(reader.outline)
    assert (0, "Specialist support") in marks and (1, "Overnight respite care") in marks
    assert (0, "Useful contacts") in marks
    assert not [title for depth, title in marks if title in ("Who can get it", "How to get it")]
    assert (1, "Virtual activities") not in marks  # withdrawn in this edition

    # Links go to this edition's own pages, in full; the contents link within the file.
    addresses = links(reader)
    assert f"{SITE}/statement/2/services/overnight-respite-care/" in addresses
    assert all(
        address.startswith(("https://", "http://", "mailto:", "tel:")) for address in addresses
    )
    # (The council's name at the top goes to the site's front page.)
    elsewhere = {f"{SITE}/", f"{SITE}/statement/editions/"}
    assert not [a for a in addresses if a.startswith(SITE) and "/statement/2/" not in a
                and a not in elsewhere]  # fmt: skip
    assert "service-overnight-respite-care" in reader.named_destinations

    # Printed like the whole statement: no more pages than it prints on (each service's
    # ages, which its level's rules give, take a line).
    assert len(reader.pages) <= 22


def test_an_earlier_edition_has_its_own_pdf_with_what_it_offered(
    client, site_url, durham_two_editions
):
    response = client.get("/statement/1/statement.pdf")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.metadata.title.startswith("Short Breaks Service Statement, 2025 to 2026 edition")
    assert (1, "Virtual activities") in bookmarks(reader.outline)
    assert f"{SITE}/statement/1/services/virtual-activities/" in links(reader)
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Earlier edition" not in text  # a document of its edition, dated as such
    assert client.get("/statement/9/statement.pdf").status_code == 404


def test_a_pdf_is_made_once_and_kept(client, site_url, durham_two_editions, monkeypatch):
    from django.core.cache import cache

    first = client.get("/statement/2/statement.pdf")
    assert EditionDocument.objects.filter(edition=durham_two_editions[1]).count() == 1

    def never(**kwargs):
        raise AssertionError("made again")

    monkeypatch.setattr(pdf_module, "statement_pdf_made", never)
    cache.clear()  # as on another instance: not in the page cache, only in the database
    again = client.get("/statement/statement.pdf")
    assert again.status_code == 200 and again.content == first.content
    # A reader who has it gets "not modified".
    etag = again["ETag"]
    assert client.get("/statement/statement.pdf", HTTP_IF_NONE_MATCH=etag).status_code == 304


@pytest.mark.slow
def test_a_fresh_instance_makes_the_same_file(client, site_url, durham_two_editions):
    kept = client.get("/statement/statement.pdf").content
    EditionDocument.objects.all().delete()
    from django.core.cache import cache

    cache.clear()
    remade = client.get("/statement/statement.pdf", HTTP_HOST="127.0.0.1")
    assert remade.content == kept


def test_the_statement_and_the_editions_link_to_the_pdfs(client, durham_two_editions):
    statement = client.get("/statement/").content.decode()
    assert 'href="/statement/statement.pdf"' in statement
    assert "Download this edition as a PDF" in statement
    assert 'href="/statement/1/statement.pdf"' in client.get("/statement/1/").content.decode()
    editions = client.get("/statement/editions/").content.decode()
    assert 'href="/statement/1/statement.pdf"' in editions
    assert 'href="/statement/2/statement.pdf"' in editions


def test_a_preview_has_no_pdf(admin_client, durham_two_editions):
    assert admin_client.get("/preview/statement/statement.pdf").status_code == 404
    assert "statement.pdf" not in admin_client.get("/preview/statement/").content.decode()


def test_a_statement_in_parts_has_a_pdf_per_part(client, site_url, durham_two_editions, settings):
    settings.STATEMENT_PART_SERVICES = 5
    second = client.get("/statement/?part=2").content.decode()
    count = int(second.split("part 2 of ")[1].split("<")[0])
    assert 'href="/statement/statement.pdf?part=2"' in second
    assert "Download part 2 as a PDF" in second
    shown = set(re.findall(r'id="service-([\w-]+)"', second))

    response = client.get("/statement/statement.pdf?part=2")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'inline; filename="durham-county-council-short-breaks-statement-2026-to-2027-'
        f'part-2-of-{count}.pdf"'
    )
    reader = PdfReader(io.BytesIO(response.content))
    assert pdf_ua_problems(reader) == []
    assert f"2026 to 2027 edition, part 2 of {count} - " in reader.metadata.title
    in_pdf = {name.removeprefix("service-") for name in reader.named_destinations}
    assert shown and shown <= in_pdf  # the part's services, and no other part's
    assert not {"overnight-respite-care"} - shown & in_pdf - shown
    first = set(re.findall(r'id="service-([\w-]+)"', client.get("/statement/").content.decode()))
    assert not first & in_pdf
    assert EditionDocument.objects.filter(edition=durham_two_editions[1], part=2).count() == 1
    for bad in ("0", str(count + 1), "two"):
        assert client.get(f"/statement/statement.pdf?part={bad}").status_code == 404, bad
