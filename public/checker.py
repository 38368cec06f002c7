"""'What could we get?': which tiers a family could start with, from their answers and
the officers' checker rules in an edition.

Pure functions over a PublishedStatement: the answers come from the address and go
nowhere else (nothing is saved or logged), and the rules are data officers edit, so
nothing here knows any council's offer.
"""

from dataclasses import dataclass, field
from typing import Any

from offer.choices import Answer, Condition
from offer.models import MAX_AGE, MIN_AGE

from .finder import Filters


@dataclass(frozen=True)
class Answers:
    """What a family told the checker."""

    age: int
    needs: list[str] = field(default_factory=list)
    times: list[str] = field(default_factory=list)
    social_worker: str = Answer.NOT_SURE
    ehcp: str = Answer.NOT_SURE
    tried_community: str = Answer.NOT_SURE


@dataclass
class Suggestion:
    """One tier to start with, why, the services in it that fit the answers, and those
    that may (the statement does not say enough to tell: ask)."""

    tier: dict[str, Any]
    reasons: list[str]
    services: list[dict[str, Any]]
    ask: list[dict[str, Any]]


@dataclass
class CheckResult:
    in_age_range: bool
    suggestions: list[Suggestion]


def _condition_met(condition: str, answer: str) -> bool:
    return condition == Condition.ANY or condition == answer


def rule_matches(rule: dict[str, Any], answers: Answers) -> bool:
    """True when the answers meet every condition the rule sets."""
    low, high = rule["min_age"], rule["max_age"]  # blank: any age
    return (
        (low is None or low <= answers.age)
        and (high is None or answers.age <= high)
        and _condition_met(rule["social_worker"], answers.social_worker)
        and _condition_met(rule["ehcp"], answers.ehcp)
        and _condition_met(rule["tried_community"], answers.tried_community)
        and (not rule["needs"] or any(need in rule["needs"] for need in answers.needs))
        and (not rule["times"] or any(time in rule["times"] for time in answers.times))
    )


def checker_suggest(*, statement, answers: Answers) -> CheckResult:
    """The tiers whose rules the answers match, each once, in rule order, with every
    matching rule's reason and the tier's services that suit the child's age, needs and
    the times asked for."""
    if not MIN_AGE <= answers.age <= MAX_AGE:
        return CheckResult(in_age_range=False, suggestions=[])
    suggestions: dict[str, Suggestion] = {}
    for rule in statement.checker_rules:
        if not rule_matches(rule, answers):
            continue
        tier = rule["tier"]
        if tier["id"] not in suggestions:
            found = statement.finder_index.find(
                Filters(
                    age=answers.age,
                    needs=answers.needs,
                    times=answers.times,
                    tiers=[tier["slug"]],
                )
            )
            suggestions[tier["id"]] = Suggestion(
                tier=tier, reasons=[], services=found.matches, ask=found.ask
            )
        suggestions[tier["id"]].reasons.append(rule["reason"])
    return CheckResult(in_age_range=True, suggestions=list(suggestions.values()))
