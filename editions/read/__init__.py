"""An edition's typed read model: its records (declared once, in
editions/snapshot/records.py) joined to what they refer to, with every rule about a
service decided once (statement.py). The public pages, the feed, what changed, coverage
and reading ages all read an edition through it: import its types from here."""

from ..snapshot.records import (
    Ages,
    CheckerRule,
    Contact,
    EligibilityRule,
    Figure,
    GlossaryTerm,
    Phone,
    Provider,
    ReferralRoute,
    SearchWord,
    Service,
    Story,
    Term,
    Tier,
    Venue,
)
from .statement import UNTIERED_SLUG, Statement

__all__ = [
    "UNTIERED_SLUG",
    "Ages",
    "CheckerRule",
    "Contact",
    "EligibilityRule",
    "Figure",
    "GlossaryTerm",
    "Phone",
    "Provider",
    "ReferralRoute",
    "SearchWord",
    "Service",
    "Statement",
    "Story",
    "Term",
    "Tier",
    "Venue",
]
