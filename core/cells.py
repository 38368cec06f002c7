"""Text written into a spreadsheet (CSV downloads), kept as text."""

import re

# A cell, or a part of one a spreadsheet splits off at a separator, that starts with one
# of these is run as a formula.
_FORMULA_START = re.compile(r"(^|[;,\t|]\s*)(?=[=+\-@])")


def spreadsheet_safe(text: str) -> str:
    """Text a spreadsheet shows as text: a quote before anything it would run as a
    formula, at the start or after a separator it may split the cell at."""
    return _FORMULA_START.sub(lambda match: match[1] + "'", text)


_QUOTED = re.compile(r"(^|[;,\t|]\s*)'(?=[=+\-@])")


def spreadsheet_text(text: str) -> str:
    """The text spreadsheet_safe was given, read back from a file it wrote (the offer's
    CSV round trip): each quote it added taken off again."""
    return _QUOTED.sub(lambda match: match[1], text)
