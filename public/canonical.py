"""A page's address in one form: only the parameters it reads, each once, in one order,
numbers written one way. The page is rendered and kept under this address, and the first
middleware (public/page_cache.py) reduces every request to it before looking the page
up, so any spelling of a kept page (the finder's form in its own field order, a link
with utm_source) is a hit."""

import re

from django.http import QueryDict

# Parameters holding a whole number: '05' and '5' ask for the same thing.
_WHOLE_NUMBERS = frozenset({"age", "page", "ask", "part", "since"})
# The finder's page numbers: anything else shows the first page, as if none were asked
# for (a part of the statement that is not there is a 404, never kept).
_PAGE_NUMBERS = frozenset({"page", "ask"})
# A whole number, any leading zeros aside, short enough to be one (int() of a huge one
# is an error).
_DIGITS = re.compile(r"0*[0-9]{1,9}")


def canonical_query(query: QueryDict, reads: tuple[str, ...]) -> QueryDict:
    """Only the parameters a page reads, each once, in one order, whole numbers written
    one way and page numbers that are not numbers left out: the same page at every
    address that asks for the same thing, so it is rendered and kept once (a flood of
    '?page=<anything>' is one kept page, not one each)."""
    canonical = QueryDict(mutable=True)
    for name in sorted(reads):
        values = query.getlist(name)
        if name in _WHOLE_NUMBERS:
            values = [str(int(v)) if _DIGITS.fullmatch(v.strip()) else v for v in values]
        if name in _PAGE_NUMBERS:
            values = [v for v in values if _DIGITS.fullmatch(v) and v != "0"]
        # An empty field (a form sends "age=" when it is left blank) asks for nothing.
        values = sorted(set(values) - {""})
        if values:
            canonical.setlist(name, values)
    return QueryDict(canonical.urlencode())  # read-only, as request.GET is
