"""Statutory coverage: what the Breaks for Carers of Disabled Children Regulations 2011
ask a council's range of short breaks to include, against what a snapshot offers, by
age and by level of support, with the gaps called out. It informs officers; it never
blocks a publish.

Regulation 4 asks for a range of breaks that includes day-time care in the child's home
and elsewhere, overnight care in the home and elsewhere, educational or leisure
activities outside the home, and services in the evenings, at weekends and in the school
holidays; regulation 5, a statement of the eligibility criteria and of how the range is
designed to meet local carers' needs. A kind of break is read from a service's times
(the standard ones a site starts with), whether it is at home or away (or has places),
whether it is an activity, and its ages (as the read model decides them: its own, else
those of the rules that apply to it).
"""

from dataclasses import dataclass, field

from .read import Statement
from .snapshot.records import Service

KINDS: list[tuple[str, str]] = [
    ("day_home", "Day-time care in the child's home"),
    ("day_away", "Day-time care elsewhere"),
    ("night_home", "Overnight care in the child's home"),
    ("night_away", "Overnight care elsewhere"),
    ("activities", "Educational or leisure activities outside the home"),
    ("evenings", "Breaks in the evenings"),
    ("weekends", "Breaks at weekends"),
    ("holidays", "Breaks in the school holidays"),
]
AGE_BANDS: list[tuple[int, int, str]] = [
    (0, 4, "0 to 4"),
    (5, 10, "5 to 10"),
    (11, 15, "11 to 15"),
    (16, 17, "16 and 17"),
    (18, 25, "18 to 25"),
]
_DAY_TIMES = {"daytime", "after-school"}


@dataclass
class KindRow:
    key: str
    label: str
    by_band: list[int]
    ages_not_stated: int
    by_tier: list[int]
    services: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.services)


@dataclass
class Coverage:
    bands: list[str]
    tiers: list[str]
    rows: list[KindRow]
    # Offered services the matrix cannot place: they say too little.
    setting_not_stated: list[str]
    times_not_stated: list[str]
    eligibility_rules: int
    design_sections: list[str]
    family_views: int

    @property
    def setting_not_stated_named(self) -> str:
        return _named(self.setting_not_stated)

    @property
    def times_not_stated_named(self) -> str:
        return _named(self.times_not_stated)

    @property
    def gaps(self) -> list[str]:
        """In words: each kind of break no service offers, and each age band a kind
        does not reach."""
        found = []
        for row in self.rows:
            if not row.total:
                found.append(f"No service offers {row.label[0].lower()}{row.label[1:]}.")
                continue
            missing = [
                band for band, count in zip(self.bands, row.by_band, strict=True) if not count
            ]
            if missing and row.ages_not_stated == 0:
                found.append(f"{row.label}: nothing for ages {', '.join(missing)}.")
        if not self.eligibility_rules:
            found.append("The statement gives no eligibility criteria (who can get what).")
        if not self.design_sections:
            found.append(
                "No section says how the services are designed with families (tick it on "
                "the section that does)."
            )
        return found


def _kinds(service: Service) -> set[str]:
    times = set(service.time_slugs)
    day = bool(times & _DAY_TIMES) or service.any_time
    night = "overnight" in times
    home = service.in_family_home
    away = service.away_from_home or bool(service.venues)
    kinds = set()
    for when, is_when in (("day", day), ("night", night)):
        if is_when and home:
            kinds.add(f"{when}_home")
        if is_when and away:
            kinds.add(f"{when}_away")
    if service.leisure_activity and not (home and not away):
        kinds.add("activities")
    for key, slug in (("evenings", "evenings"), ("weekends", "weekends")):
        if slug in times or service.any_time:
            kinds.add(key)
    if "school-holidays" in times or service.any_time:
        kinds.add("holidays")
    return kinds


# Named in a sentence before the rest are counted.
NAMES_SHOWN = 10


def _named(names: list[str]) -> str:
    """'A, B, C' or, for a long list, 'A, B, ... and 990 more'."""
    if len(names) <= NAMES_SHOWN:
        return ", ".join(names)
    return f"{', '.join(names[:NAMES_SHOWN])} and {len(names) - NAMES_SHOWN} more"


def statutory_coverage(statement: Statement) -> Coverage:
    """The coverage of a statement (an edition, or the working copy) as read."""
    tiers = statement.tiers
    rows = {
        key: KindRow(key, label, [0] * len(AGE_BANDS), 0, [0] * len(tiers)) for key, label in KINDS
    }
    setting_not_stated, times_not_stated = [], []
    for service in statement.offered_services:
        if not (service.in_family_home or service.away_from_home or service.venues):
            setting_not_stated.append(service.name)
        if not (service.time_slugs or service.any_time):
            times_not_stated.append(service.name)
        for key in _kinds(service):
            row = rows[key]
            row.services.append(service.name)
            if service.ages is None:
                row.ages_not_stated += 1
            else:
                # An end not stated reaches as far as the statement's ages go.
                low = service.ages.low if service.ages.low is not None else 0
                high = service.ages.high if service.ages.high is not None else 25
                for index, (start, end, _) in enumerate(AGE_BANDS):
                    if low <= end and high >= start:
                        row.by_band[index] += 1
            if service.tier is not None:
                row.by_tier[tiers.index(service.tier)] += 1
    rules_in_use = {
        rule.id for record in (*statement.services, *tiers) for rule in record.eligibility_rules
    }
    return Coverage(
        bands=[label for _, _, label in AGE_BANDS],
        tiers=[tier.name for tier in tiers],
        rows=list(rows.values()),
        setting_not_stated=setting_not_stated,
        times_not_stated=times_not_stated,
        eligibility_rules=len(rules_in_use),
        design_sections=[s.title for s in statement.sections if s.describes_design],
        family_views=len(statement.family_views),
    )
