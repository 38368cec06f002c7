"""JSON that is safe wherever it lands: in a <script> element, or opened by a browser
that guesses it is HTML."""

import json
from typing import Any

# <, > and & written as JSON escapes: the same data once decoded, but officers' text
# can never close a script element or be read as markup.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_for_html(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False).translate(_ESCAPES)
