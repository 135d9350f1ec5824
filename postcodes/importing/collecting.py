"""What the readers of both formats hand on: kept postcodes, outward codes, problems.

Both sources (``codepoint``, ``onspd``) call ``Collected.add`` for each live postcode with
coordinates; the collected result is converted and written only if no file had a problem.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from pyproj import Transformer

from schools.importing.problems import Problem

from .area import Area

# A file with thousands of bad rows is wrong as a whole; the first ones say how.
MAX_PROBLEMS = 50

SKIPPED_TERMINATED = "terminated"
SKIPPED_NO_COORDINATES = "without coordinates"
SKIPPED_OUTSIDE = "outside the area"


@cache
def grid_to_wgs84() -> Transformer:
    """British National Grid (EPSG:27700) to WGS84; x/y (easting/longitude) first."""
    return Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)


@cache
def wgs84_to_grid() -> Transformer:
    """WGS84 to the British National Grid; longitude first."""
    return Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)


@dataclass
class Unit:
    """A kept postcode; latitude/longitude None until converted from the grid reference."""

    outward: str
    district: str
    easting: float | None
    northing: float | None
    latitude: float | None = None
    longitude: float | None = None


@dataclass
class Collected:
    """Everything read from the files of one import."""

    area: Area
    rows: int = 0
    units: dict[str, Unit] = field(default_factory=dict)
    # outward code -> [sum of eastings, sum of northings, postcodes, postcodes kept]
    outward: dict[str, list[float]] = field(default_factory=dict)
    skipped: Counter[str] = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, location: str, message: str, row: int) -> None:
        """Record a problem (the first ``MAX_PROBLEMS``; the rest are counted)."""
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(location, message, row))
        else:
            self.skipped["further problems not listed"] += 1

    def add(
        self,
        postcode: str,
        outward: str,
        district: str,
        easting: float | None,
        northing: float | None,
        latitude: float | None = None,
        longitude: float | None = None,
    ) -> None:
        """One live postcode with coordinates (a grid reference, a latitude/longitude or both)."""
        kept = self.area.keeps(district, easting, northing)
        if easting is not None and northing is not None:
            sums = self.outward.get(outward)
            if sums is None:
                sums = self.outward[outward] = [0.0, 0.0, 0, 0]
            sums[0] += easting
            sums[1] += northing
            sums[2] += 1
            sums[3] += kept
        if kept:
            self.units[postcode] = Unit(outward, district, easting, northing, latitude, longitude)
        else:
            self.skipped[SKIPPED_OUTSIDE] += 1

    def convert(self) -> None:
        """Latitude/longitude for every kept postcode that has only a grid reference."""
        missing = [unit for unit in self.units.values() if unit.latitude is None]
        if not missing:
            return
        longitudes, latitudes = grid_to_wgs84().transform(
            [unit.easting for unit in missing], [unit.northing for unit in missing]
        )
        for unit, latitude, longitude in zip(missing, latitudes, longitudes, strict=True):
            unit.latitude = round(float(latitude), 6)
            unit.longitude = round(float(longitude), 6)

    def outward_centres(self) -> list[tuple[str, float, float, int, bool]]:
        """``(code, latitude, longitude, postcodes, in_area)`` for every outward code read."""
        codes = sorted(self.outward)
        if not codes:
            return []
        longitudes, latitudes = grid_to_wgs84().transform(
            [self.outward[code][0] / self.outward[code][2] for code in codes],
            [self.outward[code][1] / self.outward[code][2] for code in codes],
        )
        return [
            (
                code,
                round(float(latitude), 6),
                round(float(longitude), 6),
                int(self.outward[code][2]),
                bool(self.outward[code][3]),
            )
            for code, latitude, longitude in zip(codes, latitudes, longitudes, strict=True)
        ]
