"""Submitting an admin form as a browser would: every field the page shows, with the
values it shows (inline formsets' management fields included), then the officer's own."""

from html.parser import HTMLParser

from django.test import Client


class _FormFields(HTMLParser):
    """The named fields of the page's main form and the values a browser would send."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.values: dict[str, list[str]] = {}
        self._select: str | None = None
        self._select_multiple = False
        self._first_option: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        name = attributes.get("name")
        if tag == "input" and name:
            kind = attributes.get("type", "text")
            if kind in ("submit", "button", "image", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attributes:
                self.values.setdefault(name, [])
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            self.values.setdefault(name, []).append(attributes.get("value", default))
        elif tag == "select" and name:
            self._select, self._select_multiple = name, "multiple" in attributes
            self._first_option = None
            self.values.setdefault(name, [])
        elif tag == "option" and self._select:
            if self._first_option is None:
                self._first_option = attributes.get("value", "")
            if "selected" in attributes:
                self.values[self._select].append(attributes.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            # A single choice with none marked sends its first option.
            if not self._select_multiple and not self.values[self._select]:
                self.values[self._select].append(self._first_option or "")
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.values[self._textarea] = ["".join(self._text).removeprefix("\n")]
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)


def admin_post(client: Client, url: str, data: dict) -> "object":
    """GET the admin page at `url`, then POST its form with `data` on top of what it
    shows (a list value for a multiple choice)."""
    page = client.get(url)
    assert page.status_code == 200, url
    fields = _FormFields()
    fields.feed(page.content.decode())
    values = {name: list(found) for name, found in fields.values.items()}
    values.pop("_addanother", None)
    for name, value in data.items():
        values[name] = [str(v) for v in value] if isinstance(value, list) else [str(value)]
    # Unticked boxes and empty multiple choices send nothing, as in a browser.
    posted = {name: found for name, found in values.items() if found}
    return client.post(url, posted)
