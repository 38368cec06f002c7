"""What a service costs, as one phrase: 'Free', 'Depends on your assessment', '£5 a
session', 'A contribution of £3 a session'. Published with each edition, so an edition
reads as it was published whatever the labels become."""

from decimal import Decimal

from .choices import CostKind, CostPeriod

_PERIODS = dict(CostPeriod.choices)


def pounds(amount: Decimal | None) -> str | None:
    """An amount as written for families and feeds: '5' for whole pounds, else '7.50'."""
    if amount is None:
        return None
    return f"{amount:.0f}" if amount == amount.to_integral_value() else f"{amount:.2f}"


def cost_label(*, kind: str, amount: Decimal | None, period: str) -> str:
    """The council's choice as a phrase; '' when it did not choose (not stated)."""
    priced = f"£{pounds(amount)}" if amount is not None else ""
    if priced and period:
        priced += f" {_PERIODS[period]}"
    if kind == CostKind.FREE:
        return "Free"
    if kind == CostKind.ASSESSED:
        return "Depends on your assessment"
    if kind == CostKind.CONTRIBUTION:
        return f"A contribution of {priced}" if priced else "A contribution"
    if kind == CostKind.AMOUNT:
        return priced
    return ""
