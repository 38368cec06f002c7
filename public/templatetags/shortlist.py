"""Template tags for the shortlist: the "Add to my list" link under a service and the
addresses that carry the list from page to page (public/shortlist.py)."""

from django import template
from django.http import QueryDict

from editions.read import Service

from ..shortlist import SHORTLIST_PARAMETER, shortlist_address, shortlist_read

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


@register.inclusion_tag("includes/shortlist_bar.html", takes_context=True)
def shortlist_bar(context) -> dict:
    """ "Your list (3)", kept in view at the top of every page while the family has a
    list; an empty placeholder otherwise, for JavaScript to fill in."""
    request = context.get("request")
    viewing = getattr(request, "viewing", None)
    if viewing is None:
        return {}  # an error page: no list read
    shortlist = context.get("shortlist")
    statement = context.get("statement")
    if shortlist is None and statement is not None and SHORTLIST_PARAMETER in request.GET:
        shortlist = shortlist_read(query=request.GET, statement=statement)
    count = len(shortlist.services) if shortlist else 0
    query = shortlist_address(QueryDict(), shortlist.ids) if count else ""
    return {
        "count": count,
        "list_url": viewing.url("shortlist") + (f"?{query}" if query else ""),
        "on_list_page": viewing.page.name == "shortlist",
    }
