"""Every public page, declared once: its name, its address and its view, which families
of addresses it is in, where it sits in the menu and whether search engines are told
about it. public/urls.py makes the current, pinned and preview addresses from this list;
the menu, the sitemap and the fuzz test read it too. A new page is one line here and a
template."""

from collections.abc import Iterator

from .family import Family, Page, page_url
from .forms import CheckerForm, FinderForm
from .shortlist import SHORTLIST_PARAMETER
from .views import checker, editions, finder, shortlist, statement

CURRENT_ONLY = frozenset({Family.CURRENT})
NOT_PINNED = frozenset({Family.CURRENT, Family.PREVIEW})
NOT_PREVIEWED = frozenset({Family.CURRENT, Family.PINNED})

FINDER_READS = (*FinderForm.base_fields, "page", "ask", SHORTLIST_PARAMETER)
CHECKER_READS = tuple(CheckerForm.base_fields)

PAGES: tuple[Page, ...] = (
    Page("home", "", statement.home, NOT_PINNED, pinned_alias="statement", menu="Home",
         in_sitemap=True),
    Page("tier", "support/<slug:slug>/", statement.tier_detail, menu="Home"),
    Page("find", "find/", finder.finder, CURRENT_ONLY, menu="Find a short break",
         in_sitemap=True,
         reads=FINDER_READS),
    Page("check", "check/", checker.checker, menu="What could we get?", in_sitemap=True,
         reads=CHECKER_READS, shown_if="checker_rules"),
    Page("check_result", "check/result/", checker.checker_result, menu="What could we get?",
         reads=CHECKER_READS, shown_if="checker_rules"),
    Page("service", "services/<slug:slug>/", statement.service_detail, menu="Find a short break",
         reads=(SHORTLIST_PARAMETER,)),
    Page("shortlist", "list/", shortlist.shortlist_page, CURRENT_ONLY, menu="Find a short break",
         reads=(SHORTLIST_PARAMETER,)),
    Page("providers", "providers/", statement.provider_list, menu="Providers", in_sitemap=True,
         shown_if="providers"),
    Page("provider", "providers/<slug:slug>/", statement.provider_detail, menu="Providers"),
    Page("contacts", "contacts/", statement.contact_list, menu="Useful contacts", in_sitemap=True,
         shown_if="useful_contacts"),
    Page("statement", "statement/", statement.statement_detail, pinned_route="",
         menu="The whole statement", in_sitemap=True, reads=("part",)),
    Page("statement_pdf", "statement/statement.pdf", statement.statement_pdf, NOT_PREVIEWED,
         pinned_route="statement.pdf"),
    Page("needs", "what-families-need/", statement.what_families_need, in_sitemap=True,
         shown_if="has_needs_page"),
    Page("section", "about/<slug:slug>/", statement.section_page),
    Page("questions", "faq/", statement.question_list, in_sitemap=True, shown_if="questions"),
    Page("stories", "stories/", statement.story_list, in_sitemap=True, shown_if="stories"),
    Page("glossary", "glossary/", statement.glossary, in_sitemap=True, shown_if="glossary"),
    Page("editions", "statement/editions/", editions.edition_list, CURRENT_ONLY,
         in_sitemap=True),
    Page("changes", "statement/changes/", editions.edition_changes_page, NOT_PREVIEWED,
         pinned_route="changes/", reads=("since",)),
    Page("accessibility", "accessibility/", statement.accessibility, CURRENT_ONLY,
         in_sitemap=True, before_publishing=True),
)  # fmt: skip

PAGES_BY_NAME = {page.name: page for page in PAGES}


def family_pages(family: Family) -> Iterator[tuple[Page, str]]:
    """The pages in `family`, each with its address within the family."""
    for page in PAGES:
        if family not in page.families:
            continue
        route = page.pinned_route if family is Family.PINNED else None
        yield page, page.route if route is None else route


def menu(reading, statement) -> list[dict]:
    """The menu: one item for each `menu` the pages name, in order, linking to the first
    page naming it (within the family being read), unless the statement has nothing for
    that page. As GOV.UK's service navigation marks them: `active` when the page read is
    under the item, `current` when it is the item's own page."""
    items: dict[str, dict] = {}
    for page in PAGES:
        if not page.menu or page.menu in items:
            continue
        if statement is not None and not statement.shows(page):
            items[page.menu] = {}  # its first page is the item's link: none, no item
            continue
        items[page.menu] = {
            "label": page.menu,
            "url": reading.url(page.name) if reading else page_url(page.name),
            "active": reading is not None and reading.page.menu == page.menu,
            "current": reading is not None and reading.page.name == page.name,
        }
    return [item for item in items.values() if item]
