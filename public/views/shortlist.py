"""'Your list': the services a family chose, from the address alone, with what each
costs, whom to contact first and how to get it, ready to print, email or copy."""

from urllib.parse import quote

from django.shortcuts import render

from core.wording import cost_line

from ..shortlist import Shortlist, shortlist_address, shortlist_read
from ..viewing import public_url


def shortlist_page(request, *, edition, statement):
    """The list in the address. Values that are not service ids are left off with a
    message (400); services the statement no longer offers are counted, not shown."""
    shortlist = shortlist_read(query=request.GET, statement=statement)
    # The list's own address, with any unreadable part left off.
    carried = shortlist_address(request.GET, shortlist.ids)
    address = public_url(request, request.path + (f"?{carried}" if carried else ""))
    context = {
        "edition": edition,
        "statement": statement,
        "shortlist": shortlist,
        "address": address,
        "email_url": _email_url(shortlist, address=address, statement=statement),
        "finder_url": request.viewing.url("find") + (f"?{carried}" if carried else ""),
    }
    status = 400 if shortlist.problems else 200
    return render(request, "public/shortlist.html", context, status=status)


def _email_url(shortlist: Shortlist, *, address: str, statement) -> str:
    """A mailto: link with the list written out, to send to oneself or to someone
    helping the family (their email program opens; nothing is sent from here)."""
    council = statement.details.council_name
    lines = [f"Short breaks on my list, from {council}:" if council else "Short breaks on my list:"]
    lines.append("")
    for service in shortlist.services:
        lines.append(f"- {service.name} ({cost_line(service)})")
    lines += ["", f"The list, with how to get each one: {address}"]
    subject = quote("My list of short breaks")
    return f"mailto:?subject={subject}&body={quote(chr(10).join(lines))}"
