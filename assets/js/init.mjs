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

// "Add to my list": without JavaScript each link reloads the page with the list in its
// address. Here the same page is fetched and only its list parts are swapped in (the
// link, the list count, the finder's results and hidden inputs), the address bar takes
// the new list, focus stays on the link and a live region says what changed. Any
// failure falls back to following the link.
const announcer = document.createElement("p");
announcer.className = "govuk-visually-hidden";
announcer.setAttribute("aria-live", "polite");
announcer.id = "shortlist-announce";
document.body.append(announcer);

document.addEventListener("click", async (event) => {
  const link = event.target.closest?.("a[data-shortlist]");
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey
    || event.shiftKey || event.altKey) return;
  const toggle = link.closest("[data-shortlist-part]");
  event.preventDefault();
  try {
    const response = await fetch(link.href, { headers: { Accept: "text/html" } });
    if (!response.ok) throw new Error(String(response.status));
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const fresh = [...page.querySelectorAll("[data-shortlist-part]")]
      .filter((part) => part.id && !part.parentElement.closest("[data-shortlist-part]"));
    if (toggle && !page.getElementById(toggle.id)) throw new Error("not on the new page");
    for (const part of fresh) {
      document.getElementById(part.id)?.replaceWith(document.importNode(part, true));
    }
    window.history.replaceState(null, "", link.href.split("#")[0] + window.location.hash);
    const replaced = toggle && document.getElementById(toggle.id);
    (replaced?.querySelector("a") ?? replaced)?.focus();
    announcer.textContent = link.dataset.announce ?? "";
  } catch {
    window.location.assign(link.href);
  }
});

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
