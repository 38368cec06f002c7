// Keeps each Markdown preview in the admin in step with its text box as an officer
// types. Without JavaScript the preview shows the text as last saved. The server
// renders and cleans the HTML (core/prose.py), so nothing typed runs here.
(function () {
  "use strict";
  var WAIT_MS = 400;

  function connect(details) {
    var box = details.previousElementSibling;
    var body = details.querySelector(".app-prose-preview__body");
    var form = details.closest("form");
    if (!box || box.tagName !== "TEXTAREA" || !body || !form) return;
    var timer = null;
    var asked = 0;

    function update() {
      var token = form.querySelector("input[name=csrfmiddlewaretoken]");
      var data = new FormData();
      data.append("text", box.value);
      if (token) data.append("csrfmiddlewaretoken", token.value);
      var ask = ++asked;
      fetch(details.dataset.prosePreview, { method: "POST", body: data, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (html !== null && ask === asked) body.innerHTML = html;
        })
        .catch(function () { /* keep the last preview; saving still works */ });
    }

    box.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(update, WAIT_MS);
    });
  }

  function start() {
    document.querySelectorAll("details[data-prose-preview]").forEach(connect);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
  // Inline forms added with "Add another" bring their own previews.
  document.addEventListener("formset:added", function (event) {
    event.target.querySelectorAll("details[data-prose-preview]").forEach(connect);
  });
})();
