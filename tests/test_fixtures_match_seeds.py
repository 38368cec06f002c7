"""Each council's fixture says only what its source says: every phone number, email
address and web address in it occurs in the council's statement in ../shared/seeds/."""

import json
import os
import re
from pathlib import Path

import pytest
from django.conf import settings

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
