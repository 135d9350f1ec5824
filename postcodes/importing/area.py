"""Which postcodes to keep: the council's area plus the margin the council chose.

A county keeps tens of thousands of postcodes, not Great Britain's 1.7 million. The area is
local authority districts (GSS codes, as both files give them), a distance from the
council's schools, or both (a postcode passing either is kept); ``everything`` keeps all.
Distances are measured on the British National Grid, in metres, as both files give it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

METRES_PER_MILE = 1609.344


@dataclass
class Area:
    """The keep rule for one import."""

    districts: frozenset[str] = frozenset()
    # Grid references (easting, northing) of the council's schools, and the margin.
    points: tuple[tuple[float, float], ...] = ()
    margin_miles: float = 0.0
    everything: bool = False
    _cells: dict[tuple[int, int], list[tuple[float, float]]] = field(
        default_factory=lambda: defaultdict(list), repr=False
    )

    def __post_init__(self) -> None:
        self._margin = self.margin_miles * METRES_PER_MILE
        self._limit = self._margin**2
        if self._margin > 0:
            # A grid of margin-sized cells: a point near a postcode is in its cell or the
            # eight around it, so each postcode is measured against a few schools, not all.
            for easting, northing in self.points:
                self._cells[self._cell(easting, northing)].append((easting, northing))

    def _cell(self, easting: float, northing: float) -> tuple[int, int]:
        return int(easting // self._margin), int(northing // self._margin)

    def describe(self) -> str:
        """The rule in words, for the command's summary."""
        if self.everything:
            return "every postcode in the files"
        parts = []
        if self.districts:
            parts.append("districts " + ", ".join(sorted(self.districts)))
        if self.points and self._margin > 0:
            parts.append(
                f"within {self.margin_miles:g} miles of the council's {len(self.points)} schools"
            )
        return " or ".join(parts) or "nothing"

    def keeps(self, district: str, easting: float | None, northing: float | None) -> bool:
        """Whether a postcode with this district and grid reference is in the area."""
        if self.everything or district in self.districts:
            return True
        if easting is None or northing is None or not self._cells:
            return False
        ix, iy = self._cell(easting, northing)
        limit = self._limit
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for e, n in self._cells.get((ix + dx, iy + dy), ()):
                    if (e - easting) ** 2 + (n - northing) ** 2 <= limit:
                        return True
        return False


def area_for(
    *,
    districts: Iterable[str] = (),
    points: Iterable[tuple[float, float]] = (),
    margin_miles: float = 0.0,
    everything: bool = False,
) -> Area:
    """An ``Area`` from the command's options (districts upper-cased, as the files write them)."""
    return Area(
        districts=frozenset(code.strip().upper() for code in districts if code.strip()),
        points=tuple(points),
        margin_miles=margin_miles,
        everything=everything,
    )
