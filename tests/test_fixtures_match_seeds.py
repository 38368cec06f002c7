"""Each council's fixture says only what its source says: every phone number, email
address and web address in it occurs in the council's statement in ../shared/seeds/."""

import datetime
import io
import json
import os
import re
import tomllib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from editions.models import Edition

SEEDS = Path(os.environ.get("SEEDS_DIR", settings.BASE_DIR.parent / "shared" / "seeds"))
FIXTURES = settings.BASE_DIR / "fixtures"
COUNCILS = ["durham", "dorset", "leicestershire"]

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seeds not found at {SEEDS}")

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
WEB = re.compile(r"(?:https?://|www\.)[^\s\"'<>()\[\]]+", re.IGNORECASE)
# A UK phone number however it is grouped: 0 or +44, then 9 or 10 more digits.
PHONE = re.compile(r"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|0)\d(?:[\s-]?\d){8,9}(?!\w)")


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _fixture_text(council: str) -> str:
    records = json.loads((FIXTURES / f"{council}.json").read_text())
    # Ids and timestamps are ours, not the council's.
    return "\n".join(
        text
        for record in records
        for name, value in record["fields"].items()
        if name not in {"uid", "updated_at"}
        for text in _strings(value)
    )


def _seed_text(council: str) -> str:
    [seed] = SEEDS.glob(f"{council}-*.txt")
    return seed.read_text()


def _digits(number: str) -> str:
    digits = re.sub(r"\D", "", number)
    return "0" + digits[2:] if digits.startswith("44") else digits


def _address(url: str) -> str:
    """A web address as written in any of the usual ways: no scheme, no 'www.', no
    trailing slash or full stop, any case."""
    url = re.sub(r"^(?:https?://)?(?:www\.)?", "", url.lower()).rstrip("/.,;:")
    return url


@needs_seeds
@pytest.mark.parametrize("council", COUNCILS)
def test_every_phone_email_and_web_address_is_in_the_councils_statement(council):
    fixture, seed = _fixture_text(council), _seed_text(council)
    seed_digits = {_digits(number) for number in PHONE.findall(seed)}
    seed_emails = {email.lower().rstrip(".") for email in EMAIL.findall(seed)}
    seed_addresses = {_address(url) for url in WEB.findall(seed)}

    invented = [n for n in PHONE.findall(fixture) if _digits(n) not in seed_digits]
    invented += [e for e in EMAIL.findall(fixture) if e.lower().rstrip(".") not in seed_emails]
    invented += [
        url
        for url in WEB.findall(fixture)
        if _address(url) not in seed_addresses and _address(url) not in seed_emails
    ]
    assert invented == [], f"{council}: not in the statement: {invented}"


def test_the_check_finds_what_a_statement_does_not_say():
    """The patterns catch each way a fixture could invent a contact detail."""
    text = "Call 01632 960 001, email help@example.org or see https://example.org/x/."
    assert [_digits(n) for n in PHONE.findall(text)] == ["01632960001"]
    assert EMAIL.findall(text) == ["help@example.org"]
    assert [_address(u) for u in WEB.findall(text)] == ["example.org/x"]
    assert _address("http://www.dccarers.org") == _address("www.dccarers.org")


def _demo_editions() -> dict:
    with (FIXTURES / "demo-editions.toml").open("rb") as file:
        return tomllib.load(file)


def _dates_said(sentence: str) -> set[str]:
    """The dates a sentence gives, as `demo-editions.toml` writes them: 2024, 2024-06 or
    2024-06-20 ('20 June 2024')."""
    found = set(re.findall(r"\b(?:19|20)\d\d\b", sentence))
    for day, month, year in re.findall(r"\b(\d{1,2}) ([A-Z][a-z]+) ((?:19|20)\d\d)\b", sentence):
        number = datetime.datetime.strptime(month, "%B").month
        found.add(f"{year}-{number:02d}-{int(day):02d}")
    return found


@needs_seeds
@pytest.mark.parametrize("council", COUNCILS)
def test_a_demo_edition_states_only_dates_its_seed_gives(council):
    """Each review date load_demo publishes comes with the seed's own sentence giving it
    (found in the seed), and a council whose seed gives none is published with none."""
    options = _demo_editions().get(council, {})
    said = options.get("seed_says", {})
    seed = " ".join(_seed_text(council).split())
    for name in ("reviewed_on", "next_review_due"):
        if name not in options:
            continue
        sentence = said.get(name, "")
        assert sentence and sentence in seed, f"{council}: where does the seed give {name}?"
        assert str(options[name]) in _dates_said(sentence), (council, name, sentence)


def test_the_date_check_reads_dates_as_a_statement_writes_them():
    assert _dates_said("Last reviewed on 20 June 2024; next in 2025.") == {
        "2024",
        "2024-06-20",
        "2025",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("council", COUNCILS)
def test_load_demo_publishes_the_seeds_dates_and_no_others(council):
    call_command("load_demo", council, stdout=io.StringIO())
    edition = Edition.objects.get()
    options = _demo_editions().get(council, {})
    assert bool(edition.reviewed_on) == ("reviewed_on" in options)
    assert bool(edition.next_review_due) == ("next_review_due" in options)
