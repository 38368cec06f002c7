"""Public pages about providers, from the current edition."""

from django.shortcuts import render

from offer.views import found_or_404, published_view


@published_view
def provider_list(request, *, edition, statement):
    return render(
        request, "providers/provider_list.html", {"edition": edition, "statement": statement}
    )


@published_view
def provider_detail(request, slug: str, *, edition, statement):
    provider = found_or_404(statement.provider(slug), "We could not find that provider.")
    return render(
        request,
        "providers/provider_detail.html",
        {"edition": edition, "statement": statement, "provider": provider},
    )
