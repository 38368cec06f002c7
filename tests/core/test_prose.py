"""Officers' Markdown as safe HTML: what they may write, what never gets through, and
plain text written before Markdown reading as it did."""

import re

import pytest

from core.prose import prose_html


def html(text: str, **options) -> str:
    return str(prose_html(text, **options))


def test_links_with_their_own_words_and_bold():
    assert html("[More on direct payments](https://www.example.gov.uk/dp) is **here**.") == (
        '<p class="govuk-body"><a class="govuk-link" href="https://www.example.gov.uk/dp">'
        "More on direct payments</a> is <strong>here</strong>.</p>"
    )


def test_sub_headings_start_at_the_level_the_page_gives():
    assert html("# Costs\n\nMost are free.", heading_level=3) == (
        '<h3 class="govuk-heading-m">Costs</h3><p class="govuk-body">Most are free.</p>'
    )
    assert html("# Costs\n\n## Grants", heading_level=2).startswith("<h2")
    assert '<h4 class="govuk-heading-s">Grants</h4>' in html("# Costs\n\n## Grants")


def test_bulleted_and_numbered_lists_in_govuk_styles():
    assert html("- Swimming\n- Crafts") == (
        '<ul class="govuk-list govuk-list--bullet"><li>Swimming</li><li>Crafts</li></ul>'
    )
    assert html("1. Phone us\n2. We visit") == (
        '<ol class="govuk-list govuk-list--number"><li>Phone us</li><li>We visit</li></ol>'
    )


def test_plain_text_written_before_markdown_reads_as_it_did():
    text = "Our clubs:\n\n• Swimming\n• Crafts\n\nAsk us."
    assert html(text) == (
        '<p class="govuk-body">Our clubs:</p>'
        '<ul class="govuk-list govuk-list--bullet"><li>Swimming</li><li>Crafts</li></ul>'
        '<p class="govuk-body">Ask us.</p>'
    )
    # One line break inside a paragraph is a space, as it was.
    assert html("Phone us\nany weekday.") == '<p class="govuk-body">Phone us any weekday.</p>'


def test_phone_numbers_and_emails_in_text_become_links():
    out = html("Call 01632 960 001 or email help@example.gov.uk.")
    assert '<a class="govuk-link" href="tel:+441632960001">01632 960 001</a>' in out
    assert '<a class="govuk-link" href="mailto:help@example.gov.uk">help@example.gov.uk</a>' in out
    # A number that is not a UK phone number (a year range, a reference) stays words.
    assert "href" not in html("Open 2024 to 2027, reference 12345.")


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        '<a href="javascript:alert(1)">x</a>',
        "[x](javascript:alert(1))",
        '<img src=x onerror="alert(1)">',
        "![x](https://example.org/x.png)",
        '<p onclick="alert(1)">x</p>',
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
    ],
)
def test_nothing_typed_becomes_other_markup(text):
    """Raw HTML is shown as the words typed; links go only to web, email and phone."""
    out = html(text)
    assert "<script" not in out and "<img" not in out
    assert not re.search(r"<[^>]*\son\w+=", out)  # no event handler on any real tag
    assert not re.search(r'<a [^>]*href="(?!https?:|mailto:|tel:)', out)


def test_markup_outside_what_a_statement_needs_is_left_as_words():
    out = html("_italic_ and `code`\n\n> quoted\n\n---\n\n    indented")
    assert "<em>" not in out and "<code>" not in out and "<blockquote>" not in out
    assert "<hr" not in out and "<pre>" not in out
    assert "italic" in out and "quoted" in out and "indented" in out


def test_glossary_marking_runs_on_words_but_not_inside_links():
    marked = html(
        "A PA helps. [Read about a PA](https://example.org/pa).",
        mark=lambda words: words.replace("PA", "<abbr>PA</abbr>"),
    )
    assert marked.count("<abbr>PA</abbr>") == 1
    assert ">Read about a PA</a>" in marked


@pytest.mark.parametrize(
    ("text", "linked"),
    [
        ("Call (01632) 960 001 today.", "(01632) 960 001"),
        ("Call us (01632 960 001).", "01632 960 001"),
        ("Ring +44 (0)1632 960001.", "+44 (0)1632 960001"),
    ],
)
def test_numbers_written_with_brackets_become_links(text, linked):
    html = prose_html(text)
    assert f'<a class="govuk-link" href="tel:+441632960001">{linked}</a>' in html
