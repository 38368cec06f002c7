"""An edition as a PDF, for councils that must file one and families who ask for one.

Made by WeasyPrint from the same HTML as the whole statement page (its print styles,
with page numbers added), tagged for screen readers (PDF/UA-1), with the edition's label
and dates in its properties and the contents as bookmarks. Links point at the edition's
own pinned pages, in full, so they keep working after the next edition.

An edition never changes, so its PDF is made the first time someone asks, by a
background task while the reader is told it is being prepared, and kept in the database
(editions.EditionDocument): every instance serves the same file. A statement long
enough to come in parts (STATEMENT_PART_SERVICES) has a PDF per part, each made on its
own, so time and memory grow with the number of parts, never faster. Nothing is fetched
from the network while making it: stylesheets and images come from the site's own
static files.
"""

import copy
import logging
import mimetypes
import os
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.db import DatabaseError, IntegrityError, transaction
from django.http import HttpRequest, QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.text import slugify
from django_tasks import task

from editions.models import Edition, EditionDocument

from .statement_parts import statement_parts
from .viewing import Addresses, Viewing, page_url, public_url

logger = logging.getLogger(__name__)

# Each font cut down for a PDF is stamped with the time it was cut (fontTools reads this
# reproducible-builds variable instead of the clock), so without a fixed time two
# instances, or two seconds, make different bytes of the same edition.
os.environ.setdefault("SOURCE_DATE_EPOCH", "946684800")

# Each page numbered and labelled with the edition; bookmarks for the contents only (the
# parts, tiers and services, not every "Who can get it" inside them).
_PDF_STYLES = """
@page {
  size: A4;
  margin: 18mm 16mm 20mm;
  @bottom-left { content: "%(label)s"; font: 9pt arial, sans-serif; color: #505a5f; }
  @bottom-right {
    content: "Page " counter(page) " of " counter(pages);
    font: 9pt arial, sans-serif; color: #505a5f;
  }
}
h1, h2 { bookmark-level: 1; }
h3, h4, h5, h6 { bookmark-level: none; }
.app-statement article[aria-labelledby^="service-"] > h3 { bookmark-level: 2; }
"""


def _css_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


# How long the task making a PDF may take before another may be started (a PDF of a
# large statement takes tens of seconds; a task that died leaves its lock this long).
PDF_MAKING_SECONDS = 180


class PdfBeingMade(Exception):
    """This edition's PDF is being made in the background and is not ready yet."""


def _kept(edition: Edition, part: int) -> bytes | None:
    kept = (
        EditionDocument.objects.filter(edition=edition, part=part)
        .values_list("pdf", flat=True)
        .first()
    )
    if kept is not None:
        return bytes(kept)
    # Made but not saved (the database refused it): kept in the shared cache instead.
    return cache.get(_cache_key(edition, part))


def _cache_key(edition: Edition, part: int) -> str:
    return f"edition-pdf:{edition.uid}:{part}"


def statement_pdf_kept(
    *, request: HttpRequest, edition: Edition, statement, part: int = 1
) -> bytes:
    """The edition (or part `part` of it) as a PDF: the kept one; else it is made by a
    background task (one at a time: a lock in the shared cache) and, until it is there,
    PdfBeingMade. Run in the request (TASKS_IMMEDIATE), the task has made it by the
    time this returns. If saving it failed (a full disk), the PDF made is kept in the
    cache instead, so nobody makes it again meanwhile."""
    kept = _kept(edition, part)
    if kept is not None:
        return kept
    if cache.add(_making_key(edition, part), True, timeout=PDF_MAKING_SECONDS):
        host = request.get_host() if not settings.SITE_URL else ""
        edition_pdf_make.enqueue(edition.pk, part=part, scheme=request.scheme, host=host)
        kept = _kept(edition, part)
        if kept is not None:
            return kept
    raise PdfBeingMade(edition.version)


def _making_key(edition: Edition, part: int) -> str:
    return f"edition-pdf-making:{edition.uid}:{part}"


@task()
def edition_pdf_make(
    edition_id: int, *, part: int = 1, scheme: str = "https", host: str = ""
) -> None:
    """Make an edition's PDF (or one part's) and keep it (public/pdf.py), off the
    request that asked. `scheme` and `host` are the asker's, for the addresses in it
    when SITE_URL is not set."""
    from editions.selectors import edition_statement

    # Read by name: public/pages.py lists the views, and the PDF's view imports this.
    pages = import_string("public.pages.PAGES_BY_NAME")
    edition = Edition.objects.get(pk=edition_id)
    request = HttpRequest()
    request.META = {
        "HTTP_HOST": host or "localhost",
        "SERVER_NAME": (host or "localhost").split(":")[0],
        "SERVER_PORT": "443" if scheme == "https" else "80",
        "wsgi.url_scheme": scheme,
        "PATH_INFO": "/",
    }
    if scheme == "https":
        request.META["HTTPS"] = "on"
    request.viewing = Viewing(Addresses.PINNED, pages["statement"], None, edition, edition, pages)
    try:
        pdf = statement_pdf_made(
            request=request,
            edition=edition,
            statement=edition_statement(edition=edition),
            part=part,
        )
        try:
            with transaction.atomic():
                EditionDocument.objects.create(edition=edition, part=part, pdf=pdf)
        except IntegrityError:
            logger.info("Edition %s's PDF was kept by another instance first.", edition.version)
        except DatabaseError:
            logger.exception(
                "Edition %s's PDF could not be saved; kept in the cache.", edition.version
            )
            cache.set(_cache_key(edition, part), pdf, timeout=PDF_MAKING_SECONDS * 20)
    finally:
        cache.delete(_making_key(edition, part))


def pdf_file_name(*, edition: Edition, statement, part: int = 1, parts: int = 1) -> str:
    """What a saved copy is called: whose statement, which edition (and which part)."""
    council = statement.details.council_name
    name = f"{council} short breaks statement {edition.label}"
    if parts > 1:
        name += f" part {part} of {parts}"
    return f"{slugify(name)}.pdf"


def statement_pdf_made(
    *, request: HttpRequest, edition: Edition, statement, part: int = 1
) -> bytes:
    """Make the edition's PDF (part `part` of it, past STATEMENT_PART_SERVICES services)
    from its whole-statement page. The page is rendered as an anonymous reader of the
    pinned edition would see it, so the bytes depend only on the edition and the site's
    public address (SITE_URL). Raises IndexError for a part the statement lacks."""
    from weasyprint import CSS, HTML  # loads Pango: only when a PDF is made

    parts = statement_parts(statement, per_part=settings.STATEMENT_PART_SERVICES)
    reader = _pinned_reader(request=request, edition=edition, part=part)
    html = render_to_string(
        "public/statement_pdf.html",
        {
            "edition": edition,
            "statement": statement,
            "part": parts[part - 1],
            "parts": parts if len(parts) > 1 else None,
            "as_pdf": True,
        },
        request=reader,
    )
    base_url = public_url(reader, reader.get_full_path())
    label = f"{statement.details.title}, {edition.label} edition".lstrip(", ")
    if len(parts) > 1:
        label += f", part {part} of {len(parts)}"
    document = HTML(string=html, base_url=base_url, url_fetcher=_site_files(base_url))
    return document.write_pdf(
        stylesheets=[CSS(string=_PDF_STYLES % {"label": _css_string(label)})],
        pdf_variant="pdf/ua-1",
        pdf_identifier=str(edition.uid).encode(),
    )


def _pinned_reader(*, request: HttpRequest, edition: Edition, part: int) -> HttpRequest:
    """A request for the edition's pinned whole-statement page (the part's), read by
    nobody signed in: the page a PDF is made from must not depend on who asked first."""
    pages = request.viewing.pages
    path = page_url("statement", addresses=Addresses.PINNED, edition=edition)
    query = f"part={part}" if part > 1 else ""
    reader = copy.copy(request)
    reader.META = {**request.META, "PATH_INFO": path, "QUERY_STRING": query}
    reader.path = reader.path_info = path
    reader.GET = QueryDict(query)
    reader.user = AnonymousUser()
    reader.viewing = Viewing(Addresses.PINNED, pages["statement"], None, edition, edition, pages)
    return reader


def _site_files(base_url: str):
    """WeasyPrint's fetcher for the page's stylesheets and images: the site's static files
    and its print addresses stylesheet, read here; anything else is refused, so making a
    PDF never waits on the network (a council's logo is a static file too)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
    static_prefix = f"{origin}{settings.STATIC_URL}"
    site_css = f"{origin}{reverse('site_css')}"

    class SiteFiles(URLFetcher):
        def fetch(self, url, headers=None):
            if url == site_css:
                css = f':root{{--app-site-address:"{_css_string(origin)}"}}\n'
                return URLFetcherResponse(url, css.encode(), {"Content-Type": "text/css"})
            if url.startswith(static_prefix):
                path = _static_file(urlsplit(url).path.removeprefix(settings.STATIC_URL))
                if path is not None:
                    with open(path, "rb") as file:
                        body = file.read()
                    return URLFetcherResponse(url, body, {"Content-Type": _mime_type(path)})
            raise ValueError(f"Not fetched for a PDF: {url}")

    return SiteFiles(allowed_protocols=())


def _mime_type(path: str) -> str:
    return mimetypes.guess_type(path)[0] or "application/octet-stream"


def _static_file(name: str) -> str | None:
    """Where static file `name` is on disk: collected (the name may carry its hash) or,
    in development, in its app or STATICFILES_DIRS."""
    try:
        if staticfiles_storage.exists(name):
            return staticfiles_storage.path(name)
    except (NotImplementedError, ValueError):
        pass
    found = finders.find(name)
    return found if isinstance(found, str) else None
