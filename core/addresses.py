"""Addresses of pages of one record, worked out once for lists of thousands."""

from collections.abc import Callable

from django.urls import reverse

_MARKER = "slug-marker-0"


def address_maker(viewname: str, **kwargs) -> Callable[[str], str]:
    """reverse(viewname, kwargs={**kwargs, "slug": slug}) as a function of the slug,
    reversed once. Slugs hold only letters, digits, hyphens and underscores, so the
    address needs no escaping."""
    before, after = reverse(viewname, kwargs={**kwargs, "slug": _MARKER}).rsplit(_MARKER, 1)
    return lambda slug: f"{before}{slug}{after}"
