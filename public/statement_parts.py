"""The whole statement on one page, or in parts once it lists more services than
anyone would print (STATEMENT_PART_SERVICES): a first render then takes a fraction of
a second at any size, and each part is a page a phone can hold.

Parts follow the statement's order: the opening (summary, contents, sections before)
starts the first; each level's services fill parts in turn, a level carrying on into
the next part when it is long; the closing sections end the last. Each part gives
every way in in full the first time it names it, so no link points into another part.
"""

from dataclasses import dataclass, field
from functools import cached_property

from editions.read import ReferralRoute, Service, Statement, Tier


@dataclass(frozen=True)
class LevelPiece:
    """The services of one level (tier) shown in a part."""

    level: Tier
    services: list[Service]
    # Number in the level of the first service shown (1-based).
    start: int
    # The level's heading and text are in this part (else it carries on from before).
    first: bool
    # The level ends in this part: its services not offered yet come after.
    last: bool

    @property
    def end(self) -> int:
        return self.start + len(self.services) - 1


@dataclass(frozen=True)
class StatementPart:
    """One page of the whole statement."""

    number: int
    opening: bool = False
    closing: bool = False
    pieces: list[LevelPiece] = field(default_factory=list)

    @cached_property
    def routes(self) -> dict[str, dict[str, list]]:
        """For each level (by slug) and service (by id) in this part, its ways in to give
        in full (where the part first names them) and those given in full above."""
        printed: set[str] = set()
        layout = {}

        def split(routes: list[ReferralRoute]) -> dict[str, list]:
            return {
                "full": [r for r in routes if r.id not in printed],
                "above": [r for r in routes if r.id in printed],
            }

        for piece in self.pieces:
            if piece.first:
                layout[piece.level.slug] = split(piece.level.referral_routes)
                printed.update(route.id for route in piece.level.referral_routes)
            for service in piece.services:
                layout[service.id] = split(service.ways_in)
                printed.update(route.id for route in service.ways_in)
        return layout

    @property
    def description(self) -> str:
        """What the part holds, for its contents entry and caption."""
        names = []
        if self.opening:
            names.append("Introduction")
        for piece in self.pieces:
            count = len(piece.level.services)
            if piece.first and piece.last:
                names.append(piece.level.name)
            else:
                names.append(
                    f"{piece.level.name}, services {piece.start} to {piece.end} of {count}"
                )
        if self.closing:
            # Only what the statement has: its closing sections, figures, providers, contacts.
            names.append("The rest of the statement")
        return "; ".join(names)


def statement_parts(statement: Statement, *, per_part: int) -> list[StatementPart]:
    """The statement as one part when it lists at most `per_part` services, else in
    parts of at most `per_part` services each."""
    levels = statement.service_levels
    if sum(len(level.services) for level in levels) <= per_part:
        whole = [LevelPiece(level, level.services, 1, True, True) for level in levels]
        return [StatementPart(1, opening=True, closing=True, pieces=whole)]
    parts = [StatementPart(1, opening=True)]
    room = per_part
    for level in levels:
        services = level.services
        taken = 0
        while True:
            if room == 0:
                parts.append(StatementPart(len(parts) + 1))
                room = per_part
            chunk = services[taken : taken + room]
            last = taken + len(chunk) == len(services)
            parts[-1].pieces.append(LevelPiece(level, chunk, taken + 1, taken == 0, last))
            taken += len(chunk)
            room -= len(chunk)
            if last:
                break
    closing = parts[-1]
    parts[-1] = StatementPart(closing.number, closing.opening, True, closing.pieces)
    return parts
