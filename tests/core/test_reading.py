"""Reading age and long sentences: what is measured, and what is left out."""

from core.reading import LONG_SENTENCE_WORDS, html_blocks, reading_level

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
