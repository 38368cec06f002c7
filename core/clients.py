"""Which client a request comes from: the one place the site decides, for the sign-in
lockout, the feedback limit and anything else that counts clients.

Behind PROXY_COUNT load balancers or proxies, each appends the address it received the
request from to X-Forwarded-For, so the client is the PROXY_COUNT-th address from the
right: anything further left was written by the client itself and cannot be trusted.
With no proxies declared the header is ignored, since anyone could send one.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str | None:
    """The client's own IP address, as the nearest proxy we trust saw it (None if no
    address was given at all)."""
    direct = request.META.get("REMOTE_ADDR", "")
    count = settings.PROXY_COUNT
    if count > 0:
        forwarded = request.headers.get("x-forwarded-for", "").split(",")
        if len(forwarded) >= count:
            found = _address(forwarded[-count])
            if found is not None:
                return found
    return _address(direct)
