"""Reading age and long sentences: what is measured, and what is left out."""

import json
from pathlib import Path

from core.prose import prose_html
from core.reading import (
    LONG_SENTENCE_WORDS,
    html_blocks,
    prose_blocks,
    reading_level,
    text_counts,
)

EASY = (
    "Short breaks give you a rest. Your child has fun with friends. "
    "You can ask us for help at any time. We will call you back. "
    "It is free to ask. Most clubs are near your home."
)
HARD = (
    "Eligibility determinations are undertaken following comprehensive multidisciplinary "
    "assessments, incorporating safeguarding considerations, commissioning frameworks and "
    "individualised personalisation arrangements, notwithstanding organisational "
    "responsibilities regarding statutory interoperability."
)


def test_harder_words_and_longer_sentences_read_older():
    easy, hard = reading_level([EASY]), reading_level([HARD, HARD])
    assert easy.age is not None and hard.age is not None
    assert easy.age <= 9
    assert hard.age >= 18


def test_sentences_over_25_words_are_listed_whole():
    long = "Word " + " ".join(["word"] * LONG_SENTENCE_WORDS) + "."
    just = "Word " + " ".join(["word"] * (LONG_SENTENCE_WORDS - 1)) + "."
    level = reading_level([f"{EASY} {long} {just}"])
    assert level.long_sentences == [long]


def test_too_little_text_has_no_reading_age():
    level = reading_level(["Call us."])
    assert level.age is None
    assert level.words == 2


def test_only_visible_running_text_in_main_is_measured():
    html = (
        "<p>Before main.</p><main><h1>A heading</h1><p>One <strong>two</strong> three."
        '<span class="govuk-visually-hidden"> unseen</span></p>'
        '<ul><li>Four.</li></ul><span hidden=""><p>Closed meaning.</p></span>'
        '<button>Copy link</button><p aria-hidden="true">Decoration.</p></main><p>After.</p>'
    )
    assert html_blocks(html, main_only=True) == ["One two three.", "Four."]


def _fixture_texts() -> list[str]:
    """Every text of more than one line or sentence in the three councils' fixtures."""
    texts = []
    for path in sorted((Path(__file__).parents[2] / "fixtures").glob("*.json")):
        for record in json.loads(path.read_text()):
            texts += [v for v in record["fields"].values() if isinstance(v, str) and " " in v]
    return texts


def test_plain_paragraphs_are_read_as_the_public_pages_render_them():
    texts = _fixture_texts()
    assert len(texts) > 500
    for text in texts:
        assert prose_blocks(text) == html_blocks(str(prose_html(text))), text
    plain = (
        "First paragraph,\nover two lines.\n\n  \n"
        "Second: see https://example.org or call 01632 960000!"
    )
    assert prose_blocks(plain) == html_blocks(str(prose_html(plain)))
    assert prose_blocks(plain)[0] == "First paragraph, over two lines."


def test_markdown_is_read_as_rendered():
    text = (
        "Intro.\n\n- one *item*\n- two\n\n1. first\n2) second\n\n# Heading\n\n"
        "[a link](https://example.org) &amp;"
    )
    assert prose_blocks(text) == html_blocks(str(prose_html(text)))
    assert "one item" in prose_blocks(text)
    assert "Heading" not in " ".join(prose_blocks(text))


def test_counts_of_texts_add_up_to_the_counts_of_them_together():
    together = text_counts([EASY, HARD])
    assert text_counts([EASY]) + text_counts([HARD]) == together
    assert together.level == reading_level([EASY, HARD])
    assert together.sentences == 7


def test_syllables_come_from_the_pronouncing_dictionary_else_hyphenation():
    # "Eligibility": 6 in the dictionary; an invented word, from its hyphenation points;
    # a hyphenated word, its parts.
    assert text_counts(["Eligibility."]).syllables == 6
    assert text_counts(["Eligibility-eligibility."]).syllables == 12
    assert text_counts(["Shortbreaksbility."]).syllables >= 3


def test_a_number_is_one_syllable_as_its_hyphenation_says():
    import pyphen

    hyphenation = pyphen.Pyphen(lang="en_US")
    for number in ("0", "16", "2026", "01632960000"):
        assert text_counts([f"{number}."]).syllables == len(hyphenation.positions(number)) + 1
