"""The public page family and its three sets of addresses: the current edition's
(`/services/<slug>/`), an edition pinned by version (`/statement/3/services/<slug>/`)
and the officers' preview of the working copy (`/preview/services/<slug>/`).

Templates link with `{% page_url %}`, so a page read inside a pinned edition or the
preview keeps its links inside it.
"""

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from .models import Edition

# page: (URL name in the current edition, pinned to an edition, in the preview)
PAGES = {
    "home": ("offer:home", "pinned:statement", "preview:home"),
    "statement": ("offer:statement", "pinned:statement", "preview:statement"),
    "tier": ("offer:tier", "pinned:tier", "preview:tier"),
    "service": ("offer:service", "pinned:service", "preview:service"),
    "providers": ("providers:list", "pinned:providers", "preview:providers"),
    "provider": ("providers:detail", "pinned:provider", "preview:provider"),
    "contacts": ("contacts:list", "pinned:contacts", "preview:contacts"),
    "changes": ("offer:changes", "pinned:changes", "offer:changes"),
    "questions": ("offer:questions", "pinned:questions", "preview:questions"),
    "stories": ("offer:stories", "pinned:stories", "preview:stories"),
    "glossary": ("offer:glossary", "pinned:glossary", "preview:glossary"),
    "needs": ("offer:needs", "pinned:needs", "preview:needs"),
    "check": ("offer:check", "pinned:check", "preview:check"),
    "check_result": ("offer:check_result", "pinned:check_result", "preview:check_result"),
}


def page_url(page: str, *args, edition: Edition | None = None, preview: bool = False) -> str:
    """The address of a public page: in the current edition, pinned to `edition`, or in
    the preview of the working copy."""
    current_name, pinned_name, preview_name = PAGES[page]
    if preview:
        return reverse(preview_name, args=args)
    if edition is None:
        return reverse(current_name, args=args)
    return reverse(pinned_name, args=(edition.version, *args))


def request_page_url(request: HttpRequest | None, page: str, *args) -> str:
    """The address of a page in the same family (current, pinned or preview) as the
    page `request` is for."""
    return page_url(
        page,
        *args,
        edition=getattr(request, "pinned_edition", None),
        preview=getattr(request, "is_preview", False),
    )


def public_url(request: HttpRequest, path: str) -> str:
    """The address the public uses for `path`: at SITE_URL when set (behind a proxy the
    request's own host may be an internal one), else at the request's host."""
    return f"{settings.SITE_URL}{path}" if settings.SITE_URL else request.build_absolute_uri(path)
