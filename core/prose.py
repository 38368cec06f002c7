"""Officers' text as safe HTML in GOV.UK styles.

Officers write Markdown limited to what a statement needs: paragraphs, links with their
own words, sub-headings, bulleted and numbered lists, and bold. It is parsed with
markdown-it (raw HTML off), its plain text is escaped by us (marking glossary terms and
turning web addresses, emails and UK phone numbers into links), and the result is
cleaned once more with an allow-list (nh3), so nothing an officer types can become
other markup. Plain text written before Markdown (paragraphs, '- ' and '• ' bullets,
numbered lines) reads as it did.
"""

import html
import re
from collections.abc import Callable

import nh3
from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

from .phones import PHONE_IN_TEXT, phone_digits, phone_tel_href

# The tags and attributes the renderer below makes; anything else is removed.
_TAGS = {"p", "ul", "ol", "li", "strong", "a", "abbr", "h2", "h3", "h4", "h5", "h6"}
# A glossary term's link, button and meaning (templates/includes/glossary_term.html).
_TAGS |= {"span", "button"}
_ATTRIBUTES = {
    "span": {"class", "id", "hidden", "aria-hidden"},
    "button": {"type", "class", "aria-expanded", "aria-controls", "hidden"},
    "a": {"href", "class"},
    "abbr": {"title"},
    "p": {"class"},
    "ul": {"class"},
    "ol": {"class"},
    "h2": {"class"},
    "h3": {"class"},
    "h4": {"class"},
    "h5": {"class"},
    "h6": {"class"},
}
_SCHEMES = {"http", "https", "mailto", "tel"}

_CLASSES = {
    "paragraph_open": 'class="govuk-body"',
    "bullet_list_open": 'class="govuk-list govuk-list--bullet"',
    "ordered_list_open": 'class="govuk-list govuk-list--number"',
    "link_open": 'class="govuk-link"',
}
# Headings: the page gives the level the text sits under; '#' is one below it.
_HEADING_STYLE = {
    2: "govuk-heading-l",
    3: "govuk-heading-m",
    4: "govuk-heading-s",
    5: "govuk-heading-s",
}

# Bullets typed before Markdown: '•' or '*' at the start of a line.
_OLD_BULLET = re.compile(r"^(\s*)[•]\s+", re.MULTILINE)


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": True, "typographer": False})
    parser.enable("linkify")
    # Only addresses written in full (https://...) and email addresses become links, not
    # every word with a dot in it.
    parser.linkify.set({"fuzzy_link": False})
    # What a statement needs and nothing else: indented text is not code, '---' is
    # not a rule or an underline heading, '>' is not a quote and images are not shown.
    parser.disable(["code", "fence", "blockquote", "hr", "lheading", "image", "backticks"])
    return parser


_MARKDOWN = _parser()

Marker = Callable[[str], SafeString]


def prose_html(text: str, *, mark: Marker | None = None, heading_level: int = 3) -> SafeString:
    """`text` as HTML. `mark` escapes a run of plain text and marks glossary terms in
    it (escaping alone when None); '#' headings start at `heading_level`."""
    source = _OLD_BULLET.sub(r"\1- ", (text or "").strip())
    if not source:
        return mark_safe("")
    tokens = _MARKDOWN.parse(source)
    html = _render(tokens, mark or escape, heading_level)
    cleaned = nh3.clean(
        html, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_SCHEMES, link_rel=None
    )
    return mark_safe(cleaned)  # built by _render from escaped text, then cleaned


def _render(tokens, mark: Marker, heading_level: int) -> str:
    out: list[str] = []
    in_link = 0
    for token in tokens:
        if token.type == "inline":
            out.append(_render(token.children or [], mark, heading_level))
        elif token.type == "text":
            out.append(escape(token.content) if in_link else _text(token.content, mark))
        elif token.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif token.type == "link_open":
            in_link += 1
            href = token.attrGet("href") or ""
            out.append(format_html('<a class="govuk-link" href="{}">', href))
        elif token.type == "link_close":
            in_link -= 1
            out.append("</a>")
        elif token.type in ("heading_open", "heading_close"):
            level = min(heading_level + int(token.tag[1]) - 1, 6)
            if token.type == "heading_open":
                style = _HEADING_STYLE.get(level, "govuk-heading-s")
                out.append(f'<h{level} class="{style}">')
            else:
                out.append(f"</h{level}>")
        elif token.type == "strong_open":
            out.append("<strong>")
        elif token.type == "strong_close":
            out.append("</strong>")
        elif token.type in ("em_open", "em_close"):
            continue  # italics are not part of what officers may use: the words stay
        elif token.type.endswith("_open") and token.tag in ("p", "ul", "ol", "li"):
            if token.tag == "p" and token.hidden:
                continue  # a tight list's items hold their words directly
            classes = _CLASSES.get(token.type)
            out.append(f"<{token.tag} {classes}>" if classes else f"<{token.tag}>")
        elif token.type.endswith("_close") and token.tag in ("p", "ul", "ol", "li"):
            if token.tag == "p" and token.hidden:
                continue
            out.append(f"</{token.tag}>")
        elif token.type == "html_inline" or token.type == "html_block":
            out.append(escape(token.content))
        elif token.children:
            out.append(_render(token.children, mark, heading_level))
        else:
            out.append(escape(token.content))
    return "".join(out)


def _text(text: str, mark: Marker) -> str:
    """Plain words: UK phone numbers become tel: links, the rest is marked and escaped."""
    out: list[str] = []
    last = 0
    for match in PHONE_IN_TEXT.finditer(text):
        number, start = match.group(0), match.start()
        if number.startswith("(") and ")" not in number:
            number, start = number[1:], start + 1  # '(01632 960 001)': the bracket is words
        if not phone_digits(number):
            continue
        out.append(mark(text[last:start]))
        link = format_html('<a class="govuk-link" href="{}">{}</a>', phone_tel_href(number), number)
        out.append(link)
        last = match.end()
    out.append(mark(text[last:]))
    return "".join(out)


def prose_plain(text: str) -> str:
    """`text` as plain words (for a glossary term's meaning shown in place, or a count
    of words): the Markdown rendered, then its tags dropped, blocks joined by spaces."""
    rendered = prose_html(text).replace("</", " </")
    return " ".join(html.unescape(strip_tags(rendered)).split())
