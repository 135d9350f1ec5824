"""Chart geometry for SVG drawn in templates: no script, no inline style, no library.

The templates draw what these functions measure; every chart has its figures in a table
beside it, and a text alternative (``summary``) for screen readers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# Each bar has its label above it, so long names of needs are never cut.
BAR_AREA = 560
BAR_HEIGHT = 18
LABEL_HEIGHT = 20
GAP = 10
ROW = LABEL_HEIGHT + BAR_HEIGHT + GAP


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: int
    width: int

    @property
    def label_y(self) -> int:
        return self.y + LABEL_HEIGHT - 6

    @property
    def bar_y(self) -> int:
        return self.y + LABEL_HEIGHT

    @property
    def value_y(self) -> int:
        return self.bar_y + BAR_HEIGHT - 4

    @property
    def value_x(self) -> int:
        return self.width + 6


@dataclass(frozen=True)
class BarChart:
    bars: tuple[Bar, ...]
    width: int
    height: int
    summary: str
    bar_height: int = BAR_HEIGHT


def bar_chart(items: Sequence[tuple[str, int]], *, what: str) -> BarChart:
    """Horizontal bars, longest first as given; ``what`` names the figures in the summary."""
    largest = max((value for _, value in items), default=0)
    bars = tuple(
        Bar(
            label=label,
            value=value,
            y=index * ROW,
            width=round(BAR_AREA * value / largest) if largest else 0,
        )
        for index, (label, value) in enumerate(items)
    )
    listed = "; ".join(f"{label}: {value:,}" for label, value in items)
    return BarChart(
        bars=bars,
        width=BAR_AREA + 60,
        height=max(len(bars) * ROW, ROW),
        summary=f"Bar chart of {what}. {listed}." if items else f"No {what} to show.",
    )


@dataclass(frozen=True)
class Point:
    x: int
    y: int
    value: int


@dataclass(frozen=True)
class Line:
    name: str
    css_class: str
    points: tuple[Point, ...]

    @property
    def path(self) -> str:
        return " ".join(f"{point.x},{point.y}" for point in self.points)


@dataclass(frozen=True)
class Tick:
    x: int
    label: str


@dataclass(frozen=True)
class LineChart:
    lines: tuple[Line, ...]
    ticks: tuple[Tick, ...]
    width: int
    height: int
    top: int
    bottom: int
    summary: str


def line_chart(
    labels: Sequence[str], series: Sequence[tuple[str, str, Sequence[int]]], *, what: str
) -> LineChart:
    """One line per ``(name, css class, values)``, a point per label (years, oldest first)."""
    width, height, top, bottom, left, right = 640, 240, 20, 200, 60, 580
    largest = max((value for _, _, values in series for value in values), default=0) or 1
    step = (right - left) / max(len(labels) - 1, 1)

    def y(value: int) -> int:
        return round(bottom - (bottom - top) * value / largest)

    lines = tuple(
        Line(
            name=name,
            css_class=css_class,
            points=tuple(
                Point(round(left + index * step), y(value), value)
                for index, value in enumerate(values)
            ),
        )
        for name, css_class, values in series
    )
    ticks = tuple(Tick(round(left + index * step), label) for index, label in enumerate(labels))
    described = "; ".join(
        f"{name}: "
        + ", ".join(f"{label} {value:,}" for label, value in zip(labels, values, strict=True))
        for name, _, values in series
    )
    return LineChart(
        lines=lines,
        ticks=ticks,
        width=width,
        height=height,
        top=top,
        bottom=bottom,
        summary=f"Line chart of {what}. {described}.",
    )
