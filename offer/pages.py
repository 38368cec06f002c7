"""The public page family and its two sets of addresses: the current edition's
(`/services/<slug>/`) and an edition pinned by version (`/statement/3/services/<slug>/`).

Templates link with `{% page_url %}`, so a page read inside a pinned edition keeps its
links inside that edition.
"""

from django.urls import reverse

from .models import Edition

# page: (URL name in the current edition, URL name pinned to an edition)
PAGES = {
    "home": ("offer:home", "pinned:statement"),
    "statement": ("offer:statement", "pinned:statement"),
    "tier": ("offer:tier", "pinned:tier"),
    "service": ("offer:service", "pinned:service"),
    "providers": ("providers:list", "pinned:providers"),
    "provider": ("providers:detail", "pinned:provider"),
    "contacts": ("contacts:list", "pinned:contacts"),
    "changes": ("offer:changes", "pinned:changes"),
}


def page_url(page: str, *args, edition: Edition | None = None) -> str:
    """The address of a public page, in the current edition or pinned to `edition`."""
    current_name, pinned_name = PAGES[page]
    if edition is None:
        return reverse(current_name, args=args)
    return reverse(pinned_name, args=(edition.version, *args))
