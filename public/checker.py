"""'What could we get?': which tiers a family could start with, from their answers and
the officers' checker rules in an edition.

Pure functions over a read edition (editions.read.Statement): the answers come from
the address and go nowhere else (nothing is saved or logged), and the rules are data
officers edit, so nothing here knows any council's offer.
"""

from dataclasses import dataclass, field

from editions.cache import KeptWith
from editions.read import (
    CheckerRule,
    Contact,
    ReferralRoute,
    Service,
    Statement,
    Story,
    Term,
    Tier,
)
from offer.choices import Answer, Condition
from offer.models import MAX_AGE, MIN_AGE

from .finder import Filters, finder_index, terms_offered


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
    """One tier to start with, why, its ways in for this family (in the order the
    reasons name them), the services in it that fit the answers, those that may (the
    statement does not say enough to tell: ask), and a family's story at this level."""

    tier: Tier
    reasons: list[str]
    services: list[Service]
    ask: list[Service]
    routes: list[ReferralRoute] = field(default_factory=list)
    story: Story | None = None


@dataclass(frozen=True)
class StartHere:
    """The one first step to show above everything: the child's own social worker, or
    the first contact (or way in) of the first suggestion."""

    social_worker: bool = False
    contact: Contact | None = None
    route: ReferralRoute | None = None


@dataclass
class CheckResult:
    in_age_range: bool
    suggestions: list[Suggestion]
    start_here: StartHere | None = None
    # Services the family can start themselves (a self-assessment, say) that suit the
    # child, wherever the rules pointed.
    self_started: list[Service] = field(default_factory=list)


@dataclass(frozen=True)
class Questions:
    """What the checker asks a family: only what the council's services, ways in and
    checker rules use, so no question or choice leads nowhere."""

    needs: list[Term]
    times: list[Term]
    social_worker: bool
    ehcp: bool
    tried_community: bool


def _questions(statement: Statement) -> Questions:
    rules = statement.checker_rules
    offered = terms_offered(statement)
    needs = offered["needs"] | {slug for rule in rules for slug in rule.need_slugs}
    times = offered["times"] | {slug for rule in rules for slug in rule.time_slugs}
    routes = (route for service in statement.offered_services for route in service.ways_in)
    return Questions(
        needs=[term for term in statement.needs if term.slug in needs],
        times=[term for term in statement.times if term.slug in times],
        social_worker=any(r.social_worker for r in rules) or any(r.social_worker for r in routes),
        ehcp=any(rule.ehcp for rule in rules),
        tried_community=any(rule.tried_community for rule in rules),
    )


# Worked out once per read edition, not on every page of questions.
checker_questions = KeptWith(_questions)


def _condition_met(condition: str, answer: str) -> bool:
    return condition == Condition.ANY or condition == answer


def rule_matches(rule: CheckerRule, answers: Answers) -> bool:
    """True when the answers meet every condition the rule sets."""
    low, high = rule.min_age, rule.max_age  # blank: any age
    return (
        (low is None or low <= answers.age)
        and (high is None or answers.age <= high)
        and _condition_met(rule.social_worker, answers.social_worker)
        and _condition_met(rule.ehcp, answers.ehcp)
        and _condition_met(rule.tried_community, answers.tried_community)
        and (not rule.need_slugs or any(need in rule.need_slugs for need in answers.needs))
        and (not rule.time_slugs or any(time in rule.time_slugs for time in answers.times))
    )


def _route_applies(route: ReferralRoute, answers: Answers) -> bool:
    """A way in only for families with (or without) a social worker is shown to them
    alone; a family not sure sees both."""
    wanted = route.social_worker
    return not wanted or answers.social_worker in (wanted, Answer.NOT_SURE)


def _in_order_of(routes: list[ReferralRoute], reasons: list[str]) -> list[ReferralRoute]:
    """Ways in in the order the reasons first name them (their title or a contact),
    then the rest in their own order."""
    text = " ".join(reasons).casefold()

    def first_named(route: ReferralRoute) -> int:
        names = [route.title, *(contact.name for contact in route.contacts)]
        found = [text.find(name.casefold()) for name in names if name]
        found = [position for position in found if position >= 0]
        return min(found) if found else len(text) + 1

    return sorted(routes, key=first_named)  # sorted() keeps equal ones in order


def _start_here(answers: Answers, suggestions: list[Suggestion]) -> StartHere | None:
    if answers.social_worker == Answer.YES:
        return StartHere(social_worker=True)
    for suggestion in suggestions:
        for route in suggestion.routes:
            for contact in route.contacts:
                if contact.phones or contact.email:
                    return StartHere(contact=contact, route=route)
            if route.link:
                return StartHere(route=route)
    return None


def _self_started(statement: Statement, answers: Answers, listed: set[str]) -> list[Service]:
    """Services a family can start themselves, not already listed under a suggestion:
    every assessment its rules name is one the family starts (a self-assessment, or
    asking for an assessment without being referred), at least one does, and at least
    one of its ways in is open to this family. Those suiting the child, and those whose
    statement does not say enough to tell (a self-assessment will)."""
    found = finder_index(statement).find(
        Filters(age=answers.age, needs=answers.needs, times=answers.times)
    )
    chosen = []
    for service in found.matches + found.ask:
        assessments = [r.assessment for r in service.applicable_rules if r.assessment]
        can_start = (
            all(a.family_can_start or a.none_needed for a in assessments)
            and any(a.family_can_start and not a.none_needed for a in assessments)
            # A service reached only through a social worker is not the family's to start.
            and any(_route_applies(route, answers) for route in service.ways_in)
        )
        if can_start and service.id not in listed:
            chosen.append(service)
    return chosen


def checker_suggest(*, statement: Statement, answers: Answers) -> CheckResult:
    """The tiers whose rules the answers match, each once, in rule order, with every
    matching rule's reason, the tier's ways in for this family and its services that
    suit the child's age, needs and the times asked for; the one step to start with; and
    any service the family can start themselves."""
    served = statement.ages_served
    if not MIN_AGE <= answers.age <= MAX_AGE or (served and not served.includes(answers.age)):
        return CheckResult(in_age_range=False, suggestions=[])
    suggestions: dict[str, Suggestion] = {}
    for rule in statement.checker_rules:
        if not rule_matches(rule, answers):
            continue
        tier = rule.tier
        if tier.id not in suggestions:
            found = finder_index(statement).find(
                Filters(
                    age=answers.age,
                    needs=answers.needs,
                    times=answers.times,
                    tiers=[tier.slug],
                )
            )
            suggestions[tier.id] = Suggestion(
                tier=tier, reasons=[], services=found.matches, ask=found.ask
            )
        suggestions[tier.id].reasons.append(rule.reason)
    for suggestion in suggestions.values():
        routes = [r for r in suggestion.tier.referral_routes if _route_applies(r, answers)]
        suggestion.routes = _in_order_of(routes, suggestion.reasons)
        suggestion.story = next(
            (s for s in statement.stories if any(t is suggestion.tier for t in s.tiers)),
            None,
        )
    ordered = list(suggestions.values())
    listed = {s.id for suggestion in ordered for s in suggestion.services}
    return CheckResult(
        in_age_range=True,
        suggestions=ordered,
        start_here=_start_here(answers, ordered),
        self_started=_self_started(statement, answers, listed),
    )
