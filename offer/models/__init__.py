"""The working copy officers edit, and what is kept about it.

Officers change the working copy (the statement, tiers, services, rules, routes...) in
the admin. Publishing (editions/) freezes it into an Edition (editions.models); families
only ever read editions (DESIGN.md sections 1 and 7).
"""

from .addresses import SlugHistory
from .checker import CheckerRule
from .records import REPORT_CLOSED_REASON, RecordChange, ReviewReminder
from .statement import (
    FamilyStory,
    FamilyView,
    GlossaryTerm,
    Question,
    Statement,
    StatementFigure,
    StatementSection,
)
from .support import (
    MAX_AGE,
    MIN_AGE,
    AgeRange,
    Assessment,
    EligibilityRule,
    HasPublicPage,
    ReferralRoute,
    Service,
    Tier,
    Venue,
    postcode_normalised,
)
from .terms import Area, BreakTime, Need, SearchWord

__all__ = [
    "MAX_AGE",
    "MIN_AGE",
    "AgeRange",
    "Assessment",
    "Area",
    "BreakTime",
    "CheckerRule",
    "EligibilityRule",
    "FamilyStory",
    "FamilyView",
    "GlossaryTerm",
    "HasPublicPage",
    "Need",
    "SearchWord",
    "Question",
    "RecordChange",
    "REPORT_CLOSED_REASON",
    "ReferralRoute",
    "ReviewReminder",
    "Service",
    "SlugHistory",
    "Statement",
    "StatementFigure",
    "StatementSection",
    "Tier",
    "Venue",
    "postcode_normalised",
]
