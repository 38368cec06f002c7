"""Every public address of a published site, for tests that must visit them all."""

import re
from urllib.parse import urlencode

from editions.models import Edition


def public_addresses(client) -> list[str]:
    """The sitemap's pages, plus the ones it leaves out: a finder search, a checker
    answer, the changes pages, every pinned edition's pages and the API."""
    sitemap = client.get("/sitemap.xml").content.decode()
    urls = re.findall(r"<loc>(.*?)</loc>", sitemap)
    paths = [re.sub(r"^https?://[^/]+", "", url) for url in urls]
    checker = urlencode({"age": 8, "social_worker": "no", "ehcp": "yes", "tried_community": "no"})
    paths += ["/find/?q=club", "/check/result/?" + checker, "/statement/changes/"]
    for edition in Edition.objects.order_by("version"):
        prefix = f"/statement/{edition.version}"
        statement = edition.snapshot
        paths += [f"{prefix}/", f"{prefix}/changes/", f"{prefix}/contacts/"]
        paths += [f"{prefix}/services/{s['slug']}/" for s in statement["services"]]
        paths += [f"{prefix}/support/{t['slug']}/" for t in statement["tiers"]]
        paths += [f"{prefix}/providers/{p['slug']}/" for p in statement["providers"]]
    paths += ["/api/openreferral/", "/api/openreferral/services?per_page=500"]
    paths += ["/api/openreferral/taxonomy_terms?per_page=500", "/api/openreferral/taxonomies"]
    paths += ["/api/openreferral/service_at_locations"]
    return paths


def main_content(client, path: str, status: int = 200) -> str:
    """The main content of the page at `path` (between the skip link's target and the
    end of <main>), after checking it answered `status`."""
    response = client.get(path)
    assert response.status_code == status, path
    html = response.content.decode()
    return html[html.index('id="main-content"') : html.index("</main>")]
