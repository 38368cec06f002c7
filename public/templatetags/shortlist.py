"""Template tags for the shortlist: the "Add to my list" link under a service and the
addresses that carry the list from page to page (public/shortlist.py)."""

from django import template
from django.http import QueryDict

from editions.read import Service

from ..shortlist import shortlist_address

register = template.Library()


@register.inclusion_tag("includes/shortlist_toggle.html", takes_context=True)
def shortlist_toggle(context, service: Service) -> dict:
    """A link that reloads this page with `service` added to (or taken off) the list in
    its address, landing back on the link; with JavaScript it updates in place."""
    shortlist = context.get("shortlist")
    if shortlist is None:
        return {"shown": False}
    request = context["request"]
    on = shortlist.has(service)
    ids = shortlist.query(removing=service) if on else shortlist.query(adding=service)
    query = shortlist_address(request.GET, ids)
    anchor = f"toggle-{service.slug}"
    return {
        "shown": True,
        "service": service,
        "on": on,
        "full": shortlist.full and not on,
        "url": f"{request.path}{'?' + query if query else ''}#{anchor}",
        "anchor": anchor,
    }


@register.simple_tag(takes_context=True)
def with_list(context, url: str) -> str:
    """`url` (a page address without a query) carrying the family's list, if any."""
    shortlist = context.get("shortlist")
    if not shortlist or not shortlist.ids:
        return url
    return f"{url}?{shortlist_address(QueryDict(), shortlist.ids)}"


@register.inclusion_tag("includes/shortlist_status.html", takes_context=True)
def shortlist_status(context) -> dict:
    """ "Your list: 3 services. See your list", once the list has something in it."""
    shortlist = context.get("shortlist")
    return {"shortlist": shortlist, "list_url": with_list(context, _list_url(context))}


def _list_url(context) -> str:
    return context["request"].viewing.url("shortlist")
