"""'How we know what families need': the statement's figures as words, as table rows and
as bar charts drawn in inline SVG (one chart per unit, since only like can be compared
with like)."""

import textwrap
from dataclasses import dataclass, field
from decimal import Decimal

from core.wording import figure_text
from editions.read import Figure

# Chart geometry, in SVG user units (the chart scales to its container).
CHART_WIDTH = 400
BAR_SPACE = 270  # the longest bar; the rest of the row holds the value's words
LINE_HEIGHT = 20
BAR_HEIGHT = 18
ROW_GAP = 14
LABEL_CHARACTERS = 44


@dataclass
class Bar:
    label_lines: list[str]
    text: str
    label_y: int  # baseline of the first label line
    bar_y: int
    width: float  # to the single value, or the low end of a range
    range_width: float  # from the low end to the high end of a range (0 if none)

    @property
    def text_x(self) -> float:
        return self.width + self.range_width + 6

    @property
    def text_y(self) -> int:
        return self.bar_y + BAR_HEIGHT - 4

    @property
    def label_lines_y(self) -> list[tuple[str, int]]:
        return [(line, self.label_y + i * LINE_HEIGHT) for i, line in enumerate(self.label_lines)]


@dataclass
class Chart:
    """The figures of one unit as horizontal bars."""

    unit: str
    title: str
    description: str
    bars: list[Bar] = field(default_factory=list)
    height: int = 0
    width: int = CHART_WIDTH


def _scale_top(figures: list[Figure], unit: str) -> Decimal:
    top = max(Decimal(f.value_to or f.value) for f in figures)
    if unit == "%":
        top = max(top, Decimal(100))  # percentages read against the whole
    return top or Decimal(1)


def _chart(unit: str, figures: list[Figure]) -> Chart:
    top = _scale_top(figures, unit)
    title = "Percentages" if unit == "%" else f"Numbers of {unit}"
    chart = Chart(
        unit=unit,
        title=title,
        description="; ".join(f"{f.label}: {figure_text(f)}" for f in figures) + ".",
    )
    y = 0
    for figure in figures:
        lines = textwrap.wrap(figure.label, LABEL_CHARACTERS) or [""]
        low = Decimal(figure.value)
        high = Decimal(figure.value_to) if figure.value_to is not None else low
        label_y = y + LINE_HEIGHT - 5
        bar_y = y + len(lines) * LINE_HEIGHT + 2
        chart.bars.append(
            Bar(
                label_lines=lines,
                text=figure_text(figure),
                label_y=label_y,
                bar_y=bar_y,
                width=round(float(low / top) * BAR_SPACE, 1),
                range_width=round(float((high - low) / top) * BAR_SPACE, 1),
            )
        )
        y = bar_y + BAR_HEIGHT + ROW_GAP
    chart.height = y
    return chart


def figure_charts(figures: list[Figure]) -> list[Chart]:
    """One chart for each unit that at least two figures share, in the order the units
    first appear. A figure with a unit of its own is in the table only."""
    by_unit: dict[str, list[Figure]] = {}
    for figure in figures:
        by_unit.setdefault(figure.unit.strip().casefold(), []).append(figure)
    return [_chart(group[0].unit.strip(), group) for group in by_unit.values() if len(group) > 1]
