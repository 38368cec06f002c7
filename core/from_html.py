"""Text that arrives as HTML (a directory feed's descriptions, a cell pasted from Word)
turned into what every text field here holds: officers' Markdown for longer text, plain
words for names and summaries. Nothing stored keeps a tag or an entity.

The conversion is markdownify's (MIT licence, maintained, one overridable method per
tag); html2text does the same job but is GPL-licensed. Before it runs, the HTML is cut
down to what officers' Markdown can say (core/prose.py): paragraphs, lists, headings,
bold and links. Styles, classes, Word's own tags, scripts, images and `data:` addresses
go; spans and fonts leave their words; tables become a list of their rows; headings are
moved up so the text's first level sits under the page's own heading. What comes out is
then rendered through the same allow-list as anything an officer types.
"""

import re
from collections.abc import Iterable
from html.parser import HTMLParser

from bs4 import BeautifulSoup, Comment, NavigableString
from markdownify import MarkdownConverter

# Something a browser would read as markup: a tag families would see printed, or an
# entity such as &nbsp; or &#8217;. Officers' own '<' and '&' in words are not.
_TAG = re.compile(
    r"<\s*/?\s*(?:p|div|span|br|hr|ul|ol|li|h[1-6]|strong|b|em|i|u|a|table|tbody|thead|tr|td"
    r"|th|font|img|style|script|o:p|section|article|blockquote|sup|sub|small|pre|code|center"
    r"|html|body|head|meta|link|iframe|svg|dl|dt|dd)\b[^>]*>",
    re.IGNORECASE,
)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});", re.IGNORECASE)

# Tags whose contents are never words for a family: dropped with everything inside.
_DROPPED = {
    "script", "style", "head", "title", "meta", "link", "img", "svg", "picture", "video",
    "audio", "source", "iframe", "object", "embed", "noscript", "template", "input", "button",
    "select", "option", "textarea", "canvas", "map", "area", "form", "xml",
}  # fmt: skip
# Tags officers' Markdown can say; every other tag leaves its words and goes.
_KEPT = {
    "p", "br", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "a",
    "div", "section", "article", "dl", "dt", "dd",
}  # fmt: skip
_HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
# Where a text's words break into paragraphs when only its words are kept.
_BLOCKS = {"p", "div", "br", "li", "ul", "ol", "tr", "table", "section", "article", *_HEADINGS}
# Tags with no end, or seldom closed, or that never hold each other: not counted as nesting.
_FLAT = {"p", "li", "td", "th", "tr", "dt", "dd", "option", "br", "hr", "img", "meta", "link"}
_FLAT |= {"input", "area", "base", "col", "embed", "source", "track", "wbr", "o:p"}
_EMPTY = {"img", "meta", "link", "input", "source", "area"}  # dropped, but hold nothing
_LINK_SCHEMES = ("http://", "https://", "mailto:", "tel:")
# Spaces a word processor leaves that are not plain spaces, and marks that print nothing.
_ODD_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# A conversion is tried again on its own result when a feed encoded its HTML twice.
_PASSES = 3


def looks_like_html(text: str) -> bool:
    """Whether `text` holds HTML tags or entities that would be printed as they are."""
    return bool(text) and bool(_TAG.search(text) or _ENTITY.search(text))


# Past this many tags open at once, text is read as words and paragraphs only: a tree
# that deep is built and walked in time that grows with its square (a feed's bomb).
MAX_DEPTH = 100


class _Reader(HTMLParser):
    """One linear pass over HTML: how deeply its tags nest, and its words with a
    paragraph break at each block (what is kept of a text nested too deeply)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = self.deepest = 0
        self.words: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in _DROPPED:
            self.hidden += tag not in _EMPTY
        elif tag in _BLOCKS:
            self.words.append("\n\n")
        if tag not in _FLAT:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag):
        if tag in _DROPPED and tag not in _EMPTY:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.words.append("\n\n")
        if tag not in _FLAT:
            self.depth = max(0, self.depth - 1)

    def handle_data(self, data):
        if not self.hidden:
            self.words.append(data)


def _read(text: str) -> _Reader:
    reader = _Reader()
    reader.feed(text)
    reader.close()
    return reader


def _paragraphs(words: str) -> str:
    blocks = (" ".join(block.split()) for block in words.split("\n\n"))
    return "\n\n".join(block for block in blocks if block)


def _spaced(text: str) -> str:
    return _INVISIBLE.sub("", _ODD_SPACES.sub(" ", text))


def _soup(text: str) -> BeautifulSoup:
    soup = BeautifulSoup(text, "html.parser")
    for comment in soup.find_all(string=lambda node: isinstance(node, Comment)):
        comment.extract()  # Word's <!--[if gte mso 9]> blocks among them
    for tag in soup.find_all(True):
        if tag.decomposed:
            continue
        name = tag.name.lower()
        if name in _DROPPED or ":" in name and name != "o:p":
            tag.decompose()  # <w:WordDocument>, <v:shape> and the like hold no words
    return soup


def text_from_html(text: str) -> str:
    """Plain words on one line (a name, a title, a summary): tags dropped, entities
    decoded, spaces collapsed."""
    text = text or ""
    for _ in range(_PASSES):
        if not looks_like_html(text):
            break
        text = "".join(_read(text).words)
    return " ".join(_spaced(text).split())


class _Markdown(MarkdownConverter):
    """markdownify, writing only what core/prose.py renders."""

    def convert_a(self, el, text, parent_tags):
        href = (el.get("href") or "").strip()
        words = text.strip()
        if not words:
            return ""
        if not href.lower().startswith(_LINK_SCHEMES):
            return text  # an address on another site's own pages, a script: words only
        plain = words.replace("\\", "")
        if plain == href or f"mailto:{plain}" == href or f"tel:{plain}" == href:
            return text  # the address is its own words: written out, it becomes a link
        return f"[{words.replace('[', '(').replace(']', ')')}]({href.replace(' ', '%20')})"

    def convert_br(self, el, text, parent_tags):
        return " " if "_inline" in parent_tags else "\n"


_CONVERTER = _Markdown(
    heading_style="atx",
    bullets="-",
    escape_underscores=False,
    autolinks=False,
    strip_document="strip",
    # A line break in the HTML's source is a space, as a browser reads it; <br> is not.
    wrap=True,
    wrap_width=None,
)


def _tables_as_lists(soup: BeautifulSoup) -> None:
    """Each table a bulleted list with one item per row, its cells joined by ';'."""
    for table in reversed(soup.find_all("table")):
        listed = soup.new_tag("ul")
        for row in table.find_all("tr"):
            if row.find_parent("table") is not table:
                continue
            item = soup.new_tag("li")
            cells = [c for c in row.find_all(["td", "th"]) if c.find_parent("tr") is row]
            for cell in cells:
                if cell.get_text(strip=True):
                    if item.contents:
                        item.append(NavigableString("; "))
                    for child in list(cell.contents):
                        item.append(child.extract())
            if item.get_text(strip=True):
                listed.append(item)
        table.replace_with(listed)


def _headings_moved_up(soup: BeautifulSoup) -> None:
    """The text's highest heading becomes '#', the page's first level below its own."""
    headings = soup.find_all(_HEADINGS)
    for heading in headings:
        if not heading.get_text(strip=True) or heading.find_parent(["li", "td", "th"]):
            heading.unwrap() if heading.get_text(strip=True) else heading.decompose()
    headings = [h for h in headings if not h.decomposed and h.parent is not None]
    if not headings:
        return
    top = min(int(h.name[1]) for h in headings)
    for heading in headings:
        heading.name = f"h{int(heading.name[1]) - top + 1}"


def _cut_to_what_markdown_says(soup: BeautifulSoup) -> None:
    _tables_as_lists(soup)
    for tag in soup.find_all(True):
        if tag.decomposed:
            continue
        name = tag.name.lower()
        if name in ("blockquote", "pre", "address", "center", "figure", "figcaption"):
            tag.name = "div"  # a block of words, not a quote or code
        elif name not in _KEPT or name in ("b", "strong") and tag.find_parent(_HEADINGS):
            tag.unwrap()  # spans, fonts, Word's <o:p>, em and u (bold headings): words stay
        else:
            tag.attrs = {"href": tag["href"]} if name == "a" and tag.get("href") else {}
    _headings_moved_up(soup)


def _tidy(markdown: str) -> str:
    lines = [line.rstrip() for line in _spaced(markdown).split("\n")]
    kept = []
    for line in lines:
        words = line.strip()
        # A paragraph Word left empty (<p><br></p>, <p>&nbsp;</p>) or a lone marker.
        if words in ("-", "\\", "**", "\\*", "#", "1."):
            words, line = "", ""
        kept.append(re.sub(r"(?<=\S) {2,}", " ", line))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


def markdown_from_html(text: str) -> str:
    """`text` as officers' Markdown if it is HTML; otherwise as it was (already
    Markdown or plain paragraphs), with odd spaces made plain."""
    text = text or ""
    for _ in range(_PASSES):
        if not looks_like_html(text):
            break
        reader = _read(text)
        if reader.deepest > MAX_DEPTH:
            text = _paragraphs("".join(reader.words))
            continue
        soup = _soup(text)
        _cut_to_what_markdown_says(soup)
        text = _CONVERTER.convert_soup(soup)
    return _tidy(text)


# Summaries --------------------------------------------------------------------------

SUMMARY_CHARACTERS = 250
# The end of a sentence: its stop, then a space and a capital, digit or opening mark.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[A-Z0-9\"'“‘(£])")
_MARKUP = re.compile(r"\*\*|\\[*_\\\[\]#]|\[[^\]]*\]\([^)]*\)|^#{1,6}\s|^\s*(?:-|\d+\.)\s", re.M)


def _blocks(markdown: str) -> list[str]:
    return [block.strip() for block in re.split(r"\n\s*\n", markdown) if block.strip()]


def _plain(block: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", block)
    text = re.sub(r"^\s*(?:#{1,6}|-|\d+\.)\s+", "", text, flags=re.M)
    text = text.replace("**", "").replace("\\", "")
    return " ".join(text.split())


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def summary_from(text: str, *, limit: int = SUMMARY_CHARACTERS) -> str:
    """A sentence or two of plain words from `text`'s first paragraph (not a heading),
    cut where a sentence ends; a first sentence longer than `limit` is cut at a word."""
    paragraphs = [b for b in _blocks(text) if not b.startswith("#")] or _blocks(text)
    if not paragraphs:
        return ""
    plain = _plain(paragraphs[0])
    chosen: list[str] = []
    for sentence in _sentences(plain):
        if chosen and (len(chosen) == 2 or len(" ".join([*chosen, sentence])) > limit):
            break
        chosen.append(sentence)
    summary = " ".join(chosen)
    if len(summary) > limit:
        summary = summary[:limit].rsplit(" ", 1)[0].rstrip(",;:-") + "…"
    return summary


def summary_and_description(text: str) -> tuple[str, str]:
    """A record given only one text (a directory's description): a plain summary from
    its start and the rest as the description. The first paragraph moves into the
    summary only when it is all there is to it (short, plain words); otherwise the
    description keeps the whole text, links and all."""
    blocks = _blocks(text)
    if not blocks:
        return "", ""
    first = blocks[0]
    summary = summary_from(text)
    if summary == first and not _MARKUP.search(first):
        return summary, "\n\n".join(blocks[1:])
    return summary, "\n\n".join(blocks)


def joined(texts: Iterable[str]) -> str:
    """Several texts as paragraphs of one, each once, empty ones left out."""
    seen: dict[str, None] = {}
    for text in texts:
        if text and text.strip():
            seen.setdefault(text.strip(), None)
    return "\n\n".join(seen)
