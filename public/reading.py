"""The reading age of a previewed page, shown to officers in the preview's banner: the
page is measured as rendered, so it is the text a family would read."""

from django.http import HttpResponse
from django.template.loader import render_to_string

from core.reading import html_blocks, reading_level
from editions.reading import reading_age_target

PLACEHOLDER = "<!-- reading age -->"


def reading_age_shown(response: HttpResponse) -> HttpResponse:
    """`response` (a previewed page) with its reading age in the preview banner."""
    if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
        return response
    html = response.content.decode()
    if PLACEHOLDER not in html:
        return response
    level = reading_level(html_blocks(html, main_only=True))
    panel = render_to_string(
        "includes/reading_age.html", {"level": level, "target": reading_age_target()}
    )
    response.content = html.replace(PLACEHOLDER, panel, 1)
    return response
