"""Every public page, declared once: its name, its address and its view, which families
of addresses it is in, where it sits in the menu and whether search engines are told
about it. public/urls.py makes the current, pinned and preview addresses from this list;
the menu, the sitemap and the fuzz test read it too. A new page is one line here and a
template."""

from collections.abc import Iterator

from .forms import CheckerForm, FinderForm
from .viewing import Addresses, Page, page_url
from .views import checker, content, editions, finder, shortlist
from .views.checker import CHECKER_STEPS

CURRENT_ONLY = frozenset({Addresses.CURRENT})
NOT_PINNED = frozenset({Addresses.CURRENT, Addresses.PREVIEW})
NOT_PREVIEWED = frozenset({Addresses.CURRENT, Addresses.PINNED})

FINDER_READS = (*FinderForm.base_fields, "page", "ask")
CHECKER_READS = (*CheckerForm.base_fields, *CHECKER_STEPS)

PAGES: tuple[Page, ...] = (
    Page("home", "", content.home, NOT_PINNED, pinned_alias="statement", menu="Home",
         in_sitemap=True),
    Page("tier", "support/<slug:slug>/", content.tier_detail, menu="Home"),
    Page("find", "find/", finder.finder, CURRENT_ONLY, menu="Find a short break",
         in_sitemap=True, reads=FINDER_READS),
    Page("check", "check/", checker.checker, menu="What could we get?", in_sitemap=True,
         reads=CHECKER_READS, shown_if="checker_rules", private=True),
    Page("check_result", "check/result/", checker.checker_result, menu="What could we get?",
         reads=CHECKER_READS, shown_if="checker_rules", private=True),
    Page("service", "services/<slug:slug>/", content.service_detail, menu="Find a short break"),
    Page("shortlist", "list/", shortlist.shortlist_page, CURRENT_ONLY, menu="Find a short break",
         private=True),
    Page("providers", "providers/", content.provider_list, menu="Providers", in_sitemap=True,
         shown_if="providers"),
    Page("provider", "providers/<slug:slug>/", content.provider_detail, menu="Providers"),
    Page("contacts", "contacts/", content.contact_list, menu="Useful contacts", in_sitemap=True,
         shown_if="useful_contacts"),
    Page("statement", "statement/", content.statement_detail, pinned_route="",
         menu="The whole statement", in_sitemap=True, reads=("part",)),
    Page("statement_pdf", "statement/statement.pdf", content.statement_pdf, NOT_PREVIEWED,
         pinned_route="statement.pdf", reads=("part",)),
    Page("needs", "what-families-need/", content.what_families_need, in_sitemap=True,
         shown_if="has_needs_page"),
    Page("section", "about/<slug:slug>/", content.section_page),
    Page("questions", "faq/", content.question_list, menu="Questions", in_sitemap=True,
         shown_if="questions"),
    Page("stories", "stories/", content.story_list, in_sitemap=True, shown_if="stories"),
    Page("glossary", "glossary/", content.glossary, in_sitemap=True, shown_if="glossary"),
    Page("editions", "statement/editions/", editions.edition_list, CURRENT_ONLY,
         in_sitemap=True),
    Page("changes", "statement/changes/", editions.edition_changes_page, NOT_PREVIEWED,
         pinned_route="changes/", reads=("since",)),
    Page("accessibility", "accessibility/", content.accessibility, CURRENT_ONLY,
         in_sitemap=True, before_publishing=True),
)  # fmt: skip

PAGES_BY_NAME = {page.name: page for page in PAGES}


def pages_at(addresses: Addresses) -> Iterator[tuple[Page, str]]:
    """The pages in `family`, each with its address within the family."""
    for page in PAGES:
        if addresses not in page.addresses:
            continue
        route = page.pinned_route if addresses is Addresses.PINNED else None
        yield page, page.route if route is None else route


def menu(viewing, statement) -> list[dict]:
    """The menu: one item for each `menu` the pages name, in order, linking to the first
    page naming it (within the addresses being read), unless the statement has nothing for
    that page. As GOV.UK's service navigation marks them: `active` when the page read is
    under the item, `current` when it is the item's own page."""
    items: dict[str, dict] = {}
    for page in PAGES:
        if not page.menu or page.menu in items:
            continue
        if statement is not None and not page.shown_in(statement):
            items[page.menu] = {}  # its first page is the item's link: none, no item
            continue
        items[page.menu] = {
            "label": page.menu,
            "url": viewing.url(page.name) if viewing else page_url(page.name),
            "active": viewing is not None and viewing.page.menu == page.menu,
            "current": viewing is not None and viewing.page.name == page.name,
        }
    return [item for item in items.values() if item]
