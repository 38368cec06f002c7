"""HTML as directories and word processors write it becomes officers' Markdown and plain
words: what a family reads survives (paragraphs, lists, headings, bold, links, phone
numbers), and no tag, entity, style or image is ever stored or shown."""

import re

import pytest

from core.from_html import (
    looks_like_html,
    markdown_from_html,
    summary_and_description,
    summary_from,
    text_from_html,
)
from core.prose import prose_html

# Word's own HTML, as pasted into a directory's editor.
WORD = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<meta name=Generator content="Microsoft Word 15"><style>p.MsoNormal{font-family:Calibri}</style>
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]-->
</head><body lang=EN-GB>
<p class=MsoNormal style='margin-bottom:0cm;line-height:normal'><span style='font-size:11.0pt;
font-family:"Calibri",sans-serif;mso-fareast-language:EN-GB'>Our&nbsp;<b>Saturday club</b>
&nbsp;&nbsp;&nbsp;is for children aged 8&ndash;18.&nbsp;Call 01632&nbsp;960&nbsp;001
to book.<o:p></o:p></span></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<h2><span style='color:#2F5496'><strong>What we do</strong></span></h2>
<ul style='margin-top:0cm' type=disc><li class=MsoNormal>
<span><span>Swimming &amp; cinema</span></span></li>
<li class=MsoNormal><span lang=EN-GB>Cooking</span><o:p></o:p></li></ul>
<h3>Costs</h3><p>£5 a session. See <a href="https://www.example.org/club" target="_blank"
style="color:#0563C1">our club&#8217;s page</a>.</p>
<p><br></p><p>&nbsp;</p>
</body></html>"""

TAG_OR_ENTITY = re.compile(r"<[a-z/!][^>]*>|&[#a-z0-9]+;", re.IGNORECASE)


def test_word_html_becomes_markdown_a_family_can_read():
    text = markdown_from_html(WORD)
    assert not TAG_OR_ENTITY.search(text)
    assert text.startswith("Our **Saturday club** is for children aged 8–18. Call 01632 960 001")
    for gone in ("MsoNormal", "Calibri", "mso-", "nbsp", "WordDocument", "style", "font"):
        assert gone not in text, gone
    # Headings move up under the page's own; the page's bold heading is not bold twice.
    assert "\n# What we do\n" in text and "\n## Costs\n" in text
    assert "- Swimming & cinema\n- Cooking" in text
    assert "[our club’s page](https://www.example.org/club)" in text
    assert not text.endswith("\n") and "\n\n\n" not in text


def test_what_comes_out_renders_as_links_lists_and_a_tappable_phone():
    html = prose_html(markdown_from_html(WORD))
    assert 'href="tel:+441632960001"' in html
    assert '<a class="govuk-link" href="https://www.example.org/club">' in html
    assert '<ul class="govuk-list govuk-list--bullet">' in html
    assert "<strong>Saturday club</strong>" in html
    assert "&amp;nbsp;" not in html and "&lt;" not in html


@pytest.mark.parametrize(
    "html",
    ["<p><br></p>", "<p>&nbsp;</p>", "<p class='MsoNormal'><o:p>&nbsp;</o:p></p>", "<div> </div>"],
)
def test_a_paragraph_word_left_empty_is_nothing(html):
    assert markdown_from_html(html) == ""
    assert markdown_from_html(html * 3 + "<p>Words</p>" + html) == "Words"


def test_images_scripts_styles_and_data_addresses_are_dropped():
    image = "data:image/png;base64," + "iVBORw0KGgo" * 13_000  # about 145 KB, as seen
    html = (
        f'<p>Before <img src="{image}" alt="A photo of the club"> after</p>'
        '<script>alert("x")</script><style>p{color:red}</style>'
        '<p><a href="javascript:alert(1)">Click</a> <a href="data:text/html,x">here</a> '
        '<a href="/local/page">and here</a></p><svg><text>drawn</text></svg>'
    )
    text = markdown_from_html(html)
    assert text == "Before after\n\nClick here and here"
    assert len(text) < 50


def test_long_descriptions_convert_whole():
    paragraph = "<p><span style='x'>A sentence about the club and what happens.</span></p>"
    html = paragraph * 2_500  # over 100 KB
    assert len(html) > 100_000
    text = markdown_from_html(html)
    assert text.count("A sentence about the club") == 2_500 and "<" not in text


def test_html_encoded_twice_is_decoded_both_times():
    assert markdown_from_html("&lt;p&gt;Parents &amp;amp; carers&lt;/p&gt;") == "Parents & carers"


def test_thousands_of_nested_tags_still_give_their_words():
    assert markdown_from_html("<div>" * 3_000 + "Deep words" + "</div>" * 3_000) == "Deep words"


def test_a_table_becomes_a_list_of_its_rows():
    html = (
        "<table><tr><th>Day</th><th>Time</th></tr><tr><td>Saturday</td><td>10am</td></tr></table>"
    )
    assert markdown_from_html(html) == "- Day; Time\n- Saturday; 10am"


def test_markdown_and_plain_text_are_left_as_they_are():
    written = "Plain **bold** words & more < less.\n\n- one\n- two\n\n[a link](https://example.org)"
    assert not looks_like_html(written)
    assert markdown_from_html(written) == written


def test_names_become_plain_words_on_one_line():
    assert text_from_html("Parents &amp; carers <b>group</b>&nbsp; ") == "Parents & carers group"
    assert text_from_html("<p>Line one<br>line two</p>") == "Line one line two"
    assert text_from_html("Plain name") == "Plain name"


def test_a_summary_is_a_sentence_or_two_of_plain_words():
    text = (
        "We run a **club** on Saturdays. Children swim and cook. They also go bowling, "
        "to the cinema and to the park.\n\nMore about it."
    )
    assert summary_from(text) == "We run a club on Saturdays. Children swim and cook."
    long = "word " * 100
    cut = summary_from(long.strip() + ".")
    assert cut.endswith("…") and len(cut) <= 251


def test_the_description_keeps_the_whole_text_unless_the_summary_is_all_its_first_part():
    assert summary_and_description("A short one.\n\nMore text.") == ("A short one.", "More text.")
    summary, description = summary_and_description(
        "See [our page](https://example.org). Then call.\n\nMore."
    )
    assert summary == "See our page. Then call."
    assert description.startswith("See [our page](https://example.org)")
    first = "One. Two. Three is a longer sentence than the others are."
    assert summary_and_description(first + "\n\nMore.")[1].startswith(first)
    assert summary_and_description("# Heading\n\nThe words.") == (
        "The words.",
        "# Heading\n\nThe words.",
    )
    assert summary_and_description("") == ("", "")
