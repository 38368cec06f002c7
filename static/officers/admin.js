// Small mends to the Django admin's own widgets, for screen readers.
(function () {
  "use strict";

  // The search-as-you-type chooser (select2) puts a search box beside each list with
  // no label: give it its field's name.
  function labelSearchBoxes() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var label = document.querySelector('label[for="' + select.id + '"]');
      var chooser = select.nextElementSibling;
      if (!label || !chooser) return;
      var name = "Search " + label.textContent.replace(/:\s*$/, "").trim();
      chooser.querySelectorAll(".select2-search__field").forEach(function (box) {
        if (box.getAttribute("aria-label") !== name) box.setAttribute("aria-label", name);
      });
    });
  }

  function start() {
    labelSearchBoxes();
    // select2 draws its search box again after every choice.
    new MutationObserver(labelSearchBoxes).observe(document.body, {
      childList: true,
      subtree: true,
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
