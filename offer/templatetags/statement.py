"""Template helpers for the public pages: officers' plain text made into safe HTML,
phone links and ages in words."""

import re

from django import template
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from contacts.validators import phone_tel_href
from offer import pages

register = template.Library()

_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+")
_URL_OR_EMAIL = re.compile(
    r"(?P<url>https?://[^\s<>\"]+[^\s<>\".,;:!?)])"
    r"|(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
)


def _linked(text: str) -> SafeString:
    """Escape text, turning web addresses and email addresses into links."""
    out: list[str] = []
    last = 0
    for match in _URL_OR_EMAIL.finditer(text):
        out.append(escape(text[last : match.start()]))
        if match["url"]:
            out.append(format_html('<a class="govuk-link" href="{0}">{0}</a>', match["url"]))
        else:
            out.append(
                format_html('<a class="govuk-link" href="mailto:{0}">{0}</a>', match["email"])
            )
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # every piece above was escaped or built by format_html


@register.filter
def prose(text: str) -> SafeString:
    """Paragraphs (blank line between) and bullet lists (lines starting '- ') in GOV.UK
    styles. Everything is escaped: officers type plain text, never HTML."""
    blocks: list[str] = []
    for block in re.split(r"\n\s*\n", (text or "").strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        intro: list[str] = []
        while lines and not _BULLET.match(lines[0]):
            intro.append(lines.pop(0))
        if intro:
            blocks.append(format_html('<p class="govuk-body">{}</p>', _linked(" ".join(intro))))
        if lines:
            items: list[str] = []
            for line in lines:
                if _BULLET.match(line):
                    items.append(_BULLET.sub("", line, count=1))
                elif items:  # a wrapped line continues the bullet above
                    items[-1] += " " + line
            numbered = bool(_NUMBERED.match(lines[0]))
            tag, style = ("ol", "govuk-list--number") if numbered else ("ul", "govuk-list--bullet")
            rows = format_html_join("", "<li>{}</li>", ((_linked(i),) for i in items))
            blocks.append(format_html('<{0} class="govuk-list {1}">{2}</{0}>', tag, style, rows))
    return mark_safe("".join(blocks))  # built only from format_html output


@register.filter
def tel_href(number: str) -> str:
    return phone_tel_href(number)


@register.filter
def display_url(url: str) -> str:
    """A web address as people read it: no https://, no trailing slash."""
    return re.sub(r"^https?://", "", url or "").rstrip("/")


@register.filter
def ages(record: dict) -> str:
    """A record's ages in words: '10 to 16 years', or '8 years old' for a single age."""
    low, high = record.get("min_age"), record.get("max_age")
    if low is None or high is None:
        return ""
    if low == high:
        return f"{low} years old"
    return f"{low} to {high} years"


@register.simple_tag(takes_context=True)
def page_url(context, page: str, *args) -> str:
    """Link to a public page, staying inside the edition being read (see offer/pages.py)."""
    return pages.request_page_url(context.get("request"), page, *args)


@register.filter
def change_count(report, status: str) -> int:
    """How many services a change report marks 'added', 'removed' or 'changed'."""
    return report.count(status)
