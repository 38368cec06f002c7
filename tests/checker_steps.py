"""Going through the checker's question pages as a family without JavaScript would:
follow the start link, fill in each question's form (its hidden fields and the answer)
and submit it, page by page."""

import html as html_lib
import re
from urllib.parse import urlencode


def _form_fields(page: str) -> tuple[str, list[tuple[str, str]], str]:
    """The question form's action, its hidden fields and the question's name."""
    form = page.split('<form method="get"', 1)[1].split("</form>", 1)[0]
    action = html_lib.unescape(re.search(r'action="([^"]*)"', form)[1])
    hidden = [
        (name, html_lib.unescape(value))
        for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form)
    ]
    question = dict(hidden)["from"]
    return action, hidden, question


def checker_walk(client, answers: dict, *, start: str = "/check/") -> tuple[list[str], object]:
    """Answer every question asked with `answers` (a question not in it is sent with
    no answer); the names of the questions asked, in order, and the 'Check your
    answers' page reached (or the page that stopped the walk)."""
    page = client.get(start).content.decode()
    link = html_lib.unescape(
        re.search(r'href="([^"]+)" role="button"[^>]*govuk-button--start', page)[1]
    )
    response = client.get(link)
    asked = []
    while '<input type="hidden" name="from"' in response.content.decode():
        action, hidden, question = _form_fields(response.content.decode())
        asked.append(question)
        value = answers.get(question, [])
        sent = hidden + [(question, v) for v in (value if isinstance(value, list) else [value])]
        response = client.get(f"{action}?{urlencode(sent)}")
        if response.status_code != 200:
            break
    return asked, response
