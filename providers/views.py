"""Public pages about providers, from the current edition."""

from django.shortcuts import render

from offer.views import moved_or_missing, published_view


@published_view
def provider_list(request, *, edition, statement):
    return render(
        request, "providers/provider_list.html", {"edition": edition, "statement": statement}
    )


@published_view
def provider_detail(request, slug: str, *, edition, statement):
    provider = statement.provider(slug)
    if provider is None:
        return moved_or_missing(
            request,
            page="provider",
            slug=slug,
            statement=statement,
            missing="We could not find that provider.",
        )
    return render(
        request,
        "providers/provider_detail.html",
        {"edition": edition, "statement": statement, "provider": provider},
    )
