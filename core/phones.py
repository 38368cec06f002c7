"""UK phone numbers: what families can actually dial. Shared by contact details and by
officers' text, where numbers become links."""

import re

# Spaces, dashes, dots and brackets are how people write numbers; they carry no meaning.
_SEPARATORS = re.compile(r"[\s\-().]")

# A UK phone number as people write it in words: +44 or 0, then 9 or 10 more digits in
# any grouping ('(01632) 960 001', '+44 (0)1632 960001'). Officers' text makes each one
# that phone_digits accepts a link; feedback masks every one before saving.
PHONE_IN_TEXT = re.compile(r"(?<![\w+])(?:\+44\s?\(?0?\)?|\(?0)(?:[\s().-]*\d){9,10}(?!\d)")


def phone_digits(number: str) -> str:
    """The number as national digits (starting 0), or '' if it is not a UK number."""
    compact = _SEPARATORS.sub("", number or "")
    if compact.startswith("+44"):
        compact = "0" + compact[3:].removeprefix("0")
    elif compact.startswith("0044"):
        compact = "0" + compact[4:].removeprefix("0")
    # ASCII digits only: '²' or '٣' are digits to Python, but no phone dials them.
    if not (compact.isascii() and compact.isdigit()) or not compact.startswith("0"):
        return ""
    # UK numbers are 10 or 11 digits with the leading 0 (e.g. 0800 111 111 or 01632 960 001).
    if len(compact) not in (10, 11) or compact.startswith("00"):
        return ""
    return compact


def phone_tel_href(number: str) -> str:
    """A tel: link in international form, so it dials from any phone."""
    digits = phone_digits(number)
    if not digits:
        return ""
    return "tel:+44" + digits[1:]
