"""The site's own words read at age 9 or below (GOV.UK's aim): the sentences in the public
templates and the finder's and checker's hints and messages, measured with the reading-age
counter officers see for their own pages (core/reading.py). The council's words are the
council's: officers see their reading age in the preview and on the publish page."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from core.reading import html_blocks, reading_level

TARGET_AGE = 9
TEMPLATES = Path(settings.BASE_DIR) / "templates"
# Pages for families: the public pages, their shared pieces and the error pages. (The
# preview's reading-age panel is for officers.)
FAMILY_TEMPLATES = sorted(
    [
        *TEMPLATES.glob("public/*.html"),
        *(p for p in TEMPLATES.glob("includes/*.html") if p.name != "reading_age.html"),
        *TEMPLATES.glob("*.html"),
    ]
)
_TAG = re.compile(r"\{%\s*(\w+)[^%]*%\}|\{\{.*?\}\}|\{#.*?#\}", re.DOTALL)
_OPENS = {"if", "for", "with", "block", "comment", "spaceless", "autoescape", "filter"}
_OTHER_BRANCH = {"else", "elif", "empty"}


def own_words(template: str) -> str:
    """A template's own words: a variable stands as one short word ('X'), and of each
    choice only the first branch is read, as one family would see one of them."""
    out, depth, skipping_below = [], 0, None
    position = 0
    for tag in _TAG.finditer(template):
        if skipping_below is None:
            out.append(template[position : tag.start()])
        position = tag.end()
        word = tag.group(1)
        if tag.group(0).startswith("{{") and skipping_below is None:
            out.append("X")
        elif word in _OPENS:
            depth += 1
        elif word and word.startswith("end"):
            if skipping_below == depth:
                skipping_below = None
            depth -= 1
        elif word in _OTHER_BRANCH and skipping_below is None:
            skipping_below = depth
    out.append(template[position:] if skipping_below is None else "")
    return "".join(out)


def reading_age(blocks: list[str]) -> int | None:
    """As officers see it for their pages (None: too few words to say)."""
    return reading_level(blocks).age


def test_own_words_reads_one_branch_of_each_choice():
    text = own_words("Hello {{ name }}. {% if a %}One{% elif b %}Two{% else %}Three{% endif %}.")
    assert text == "Hello X. One."


@pytest.mark.parametrize("path", FAMILY_TEMPLATES, ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_each_family_page_template_reads_at_age_9_or_below(path):
    age = reading_age(html_blocks(own_words(path.read_text())))
    assert age is None or age <= TARGET_AGE, f"{path.name} reads at age {age}"


def test_all_the_sites_own_words_together_read_at_age_9_or_below():
    from public.forms import CheckerForm, FinderForm

    blocks = [b for p in FAMILY_TEMPLATES for b in html_blocks(own_words(p.read_text()))]
    for form in (FinderForm, CheckerForm):
        for field in form.base_fields.values():
            blocks += [field.help_text, *map(str, field.error_messages.values())]
    age = reading_age([b for b in blocks if b])
    assert age is not None and age <= TARGET_AGE, f"the site's own words read at age {age}"
