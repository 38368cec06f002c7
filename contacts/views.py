"""The public 'Useful contacts' page, from the current edition."""

from django.shortcuts import render

from offer.views import published_view


@published_view
def contact_list(request, *, edition, statement):
    return render(
        request, "contacts/contact_list.html", {"edition": edition, "statement": statement}
    )
