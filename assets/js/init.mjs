// Progressive enhancement only: every page works without this file.
// Only the GOV.UK Frontend components whose behaviour our pages use are bundled, to
// keep the first page load small. Checkboxes and radios need no JavaScript here: we
// use no conditional reveals.
import {
  Button,
  createAll,
  ErrorSummary,
  NotificationBanner,
  ServiceNavigation,
  SkipLink,
} from "govuk-frontend";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
for (const Component of [Button, ErrorSummary, NotificationBanner, ServiceNavigation, SkipLink]) {
  createAll(Component);
}

// "Copy link": shown only where the browser can copy; the address is always visible
// as text, so without JavaScript people select and copy it themselves.
for (const button of document.querySelectorAll("[data-copy-link]")) {
  const source = document.getElementById(button.dataset.copyLink);
  const status = document.getElementById(button.dataset.copyStatus);
  if (!source || !status || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(source.textContent.trim());
      status.textContent = "Link copied.";
    } catch {
      status.textContent = "The link could not be copied. Select the address above and copy it.";
    }
  });
}

// After a search the finder lands on its results (the form's address ends #results):
// moving focus there has screen readers read how many were found.
const results = document.getElementById("results");
if (results && window.location.hash === "#results") {
  results.focus();
}

// On a phone, the finder's filters fold away once a search has been made, so the
// results come first; one tap opens them again.
const filters = document.querySelector("details.app-filters");
if (filters && window.location.search && window.matchMedia("(max-width: 40.0525em)").matches) {
  filters.open = false;
}

// "Copy link to this section" beside the headings professionals link to.
for (const section of document.querySelectorAll("[data-copy-section]")) {
  const button = section.querySelector("button");
  const status = section.querySelector("[role=status]");
  if (!button || !status || !navigator.clipboard) continue;
  section.hidden = false;
  button.addEventListener("click", async () => {
    const address = `${window.location.origin}${window.location.pathname}#${section.dataset.copySection}`;
    try {
      await navigator.clipboard.writeText(address);
      status.textContent = "Link to this section copied.";
    } catch {
      status.textContent = `The link could not be copied. It is ${address}`;
    }
  });
}

// "Print this statement": the browser's own print, which the print styles shape.
for (const button of document.querySelectorAll("[data-print]")) {
  button.closest("[hidden]")?.removeAttribute("hidden");
  button.addEventListener("click", () => window.print());
}

// The family's list. Without JavaScript every page with a list in its address puts it
// in each link within the site (public/shortlist.py). Here the browser also keeps it in
// its own storage, so it survives a page reached without it (the home page typed in, a
// bookmark, Back): links and search forms take the kept list along, and a page opened
// without it fetches its list parts with it. Nothing goes to the server but the address.
const LIST = "s";
const LIST_KEY = "short-breaks-list";
const LIST_MOST = 30;

const storage = (() => {
  try {
    window.localStorage.setItem(`${LIST_KEY}-test`, "1");
    window.localStorage.removeItem(`${LIST_KEY}-test`);
    return window.localStorage;
  } catch {
    return null; // storage refused (a private window, a setting): addresses alone
  }
})();

function listKept() {
  try {
    const ids = JSON.parse(storage?.getItem(LIST_KEY) ?? "[]");
    return Array.isArray(ids) ? ids.filter((id) => typeof id === "string").slice(0, LIST_MOST) : [];
  } catch {
    return [];
  }
}

function listKeep(ids) {
  if (!storage) return;
  if (ids.length) storage.setItem(LIST_KEY, JSON.stringify(ids.slice(0, LIST_MOST)));
  else storage.removeItem(LIST_KEY);
}

const listIn = (address) => new URL(address, window.location.href).searchParams.getAll(LIST);

function withList(address, ids) {
  const url = new URL(address, window.location.href);
  url.searchParams.delete(LIST);
  for (const id of ids) url.searchParams.append(LIST, id);
  return url;
}

// A page of this site (not a file, a static asset or the feed).
const carriesList = (url) => url.origin === window.location.origin
  && !/^\/(static|api|feedback)\//.test(url.pathname) && !/\.[a-z0-9]+$/i.test(url.pathname);

const announcer = document.createElement("p");
announcer.className = "govuk-visually-hidden";
announcer.setAttribute("aria-live", "polite");
announcer.id = "shortlist-announce";
document.body.append(announcer);

// The page at `address` fetched, and its list parts (the list link, "Add to my list"
// links, the finder's results and hidden inputs) put in place of this page's.
async function listPartsSwap(address, keep) {
  const response = await fetch(address, { headers: { Accept: "text/html" } });
  if (!response.ok) throw new Error(String(response.status));
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  const fresh = [...page.querySelectorAll("[data-shortlist-part]")]
    .filter((part) => part.id && !part.parentElement.closest("[data-shortlist-part]"));
  if (keep && !page.getElementById(keep.id)) throw new Error("not on the new page");
  for (const part of fresh) {
    document.getElementById(part.id)?.replaceWith(document.importNode(part, true));
  }
  window.history.replaceState(null, "", String(address).split("#")[0] + window.location.hash);
}

// "Add to my list": without JavaScript each link reloads the page with the list in its
// address. Here the same page is fetched and only its list parts are swapped in, the
// address bar takes the new list, focus stays on the link and a live region says what
// changed. Any failure falls back to following the link.
document.addEventListener("click", async (event) => {
  const link = event.target.closest?.("a[data-shortlist]");
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey
    || event.shiftKey || event.altKey) return;
  const toggle = link.closest("[data-shortlist-part]");
  event.preventDefault();
  try {
    await listPartsSwap(link.href, toggle);
    listKeep(listIn(link.href));
    const replaced = toggle && document.getElementById(toggle.id);
    (replaced?.querySelector("a") ?? replaced)?.focus();
    announcer.textContent = link.dataset.announce ?? "";
  } catch {
    window.location.assign(link.href);
  }
});

if (storage && document.getElementById("my-list")) {
  const here = listIn(window.location.href);
  const navigation = window.performance?.getEntriesByType?.("navigation")[0];
  const kept = listKept();
  // An address with a list is the list (a link sent by someone, a bookmark), except on
  // Back and Forward, where the address is older than what the family has since done.
  const list = here.length && navigation?.type !== "back_forward" ? here : kept;
  listKeep(list);
  if (String(list) !== String(here)) {
    listPartsSwap(withList(window.location.href, list)).catch(() => {});
  }

  // Links within the site and search forms take the kept list along.
  document.addEventListener("click", (event) => {
    const link = event.target.closest?.("a[href]:not([data-shortlist])");
    if (!link) return;
    const url = new URL(link.href, window.location.href);
    if (!carriesList(url)) return;
    const ids = listKept();
    if (String(ids) !== String(listIn(url))) link.href = String(withList(url, ids));
  });
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (form.method.toLowerCase() !== "get" || !carriesList(new URL(form.action))) return;
    for (const input of form.querySelectorAll(`input[name="${LIST}"]`)) input.remove();
    for (const id of listKept()) {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = LIST;
      input.value = id;
      form.append(input);
    }
  });
}

// A glossary term's "?" button shows its meaning in place (a disclosure: the button
// says whether it is open, the meaning follows it in reading order). The term's link
// to the glossary stays; without JavaScript it is all there is.
for (const button of document.querySelectorAll(".app-term__button")) {
  const meaning = document.getElementById(button.getAttribute("aria-controls"));
  if (!meaning) continue;
  button.hidden = false;
  const show = (open) => {
    button.setAttribute("aria-expanded", String(open));
    meaning.hidden = !open;
  };
  button.addEventListener("click", () => show(button.getAttribute("aria-expanded") !== "true"));
  button.addEventListener("keydown", (event) => {
    if (event.key === "Escape") show(false);
  });
}
