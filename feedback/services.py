"""Writes for feedback: masking personal details, and the per-client rate limit."""

import re

from django.conf import settings
from django.core.cache import cache

from editions.selectors import edition_current

from .models import PageFeedback

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# UK-style phone numbers: +44 or 0 followed by 9 or 10 more digits, in any grouping.
_PHONE = re.compile(r"(?<!\w)(?:\+44\s?\(?0?\)?|\(?0)(?:[\s().-]*\d){9,10}(?!\d)")
EMAIL_MASK = "[email address removed]"
PHONE_MASK = "[phone number removed]"


def comment_mask(*, text: str) -> str:
    """The comment with email addresses and phone numbers replaced by a note."""
    return _PHONE.sub(PHONE_MASK, _EMAIL.sub(EMAIL_MASK, text))


def feedback_record(*, path: str, useful: bool, comment: str) -> PageFeedback:
    """Save one answer against the page and the edition current now."""
    edition = edition_current()
    return PageFeedback.objects.create(
        path=path,
        useful=useful,
        comment=comment_mask(text=comment.strip()),
        edition_version=edition.version if edition else None,
    )


def feedback_allowed(*, client: str) -> bool:
    """Count one submission for this client; False once it has sent more than
    FEEDBACK_RATE_LIMIT in FEEDBACK_RATE_WINDOW seconds."""
    key = f"feedback-rate:{client}"
    window = settings.FEEDBACK_RATE_WINDOW
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return True
    return count <= settings.FEEDBACK_RATE_LIMIT
