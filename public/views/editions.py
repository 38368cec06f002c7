"""Every published edition, and what changed in one since an earlier one."""

from django.shortcuts import render

from editions.selectors import (
    edition_changes,
    editions_published,
    services_changed_because_told,
)


def edition_list(request, *, edition, statement):
    editions = editions_published()
    context = {
        "edition": edition,
        "statement": statement,
        "editions": editions,
        # A column only for what some edition states: an empty column says nothing.
        "shows_reviewed": any(item.reviewed_on for item in editions),
        "shows_next_review": any(item.next_review_due for item in editions),
    }
    return render(request, "public/edition_list.html", context)


def edition_changes_page(request, *, edition, statement):
    """What changed in `edition`, since the edition before or since ?since=<number>."""
    earlier = [item for item in editions_published() if item.version < edition.version]
    since = earlier[0] if earlier else None  # newest first: the edition just before
    raw = request.GET.get("since", "").strip()
    if raw:
        # ASCII digits only ('²' is a digit to Python), and short: int() of a huge
        # number is an error, and no statement will reach a billion editions.
        if not (raw.isascii() and raw.isdigit()) or len(raw) > 9:
            return _bad_request(request, statement, "Choose an earlier edition by its number.")
        since = next((item for item in earlier if item.version == int(raw)), None)
        if since is None:
            return _bad_request(
                request,
                statement,
                f"There is no edition {raw} before edition {edition.version} to compare with.",
            )
    context = {
        "edition": edition,
        "statement": statement,
        "since": since,
        "earlier": earlier,
        "report": edition_changes(edition=edition, since=since),
        "told": services_changed_because_told(edition=edition, since=since),
    }
    return render(request, "public/edition_changes.html", context)


def _bad_request(request, statement, message: str):
    return render(request, "400.html", {"statement": statement, "message": message}, status=400)
