"""The ONS Postcode Directory source: one large CSV with a header row, UK-wide.

Current and terminated postcodes; the columns read are ``pcds`` (one space), ``doterm``
(date terminated, empty while live), ``oslaua`` (district GSS code), ``oseast1m`` /
``osnrth1m`` (grid reference) and ``lat`` / ``long`` (WGS84; 99.999999 / 0 where unknown).
Column names are matched case-insensitively: most editions write them in lower case.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from typing import Any

from schools.importing.problems import Problem

from ..codes import split_postcode
from .collecting import SKIPPED_NO_COORDINATES, SKIPPED_TERMINATED, Collected

POSTCODE = "pcds"
TERMINATED = "doterm"
DISTRICT = "oslaua"
EASTING = "oseast1m"
NORTHING = "osnrth1m"
LATITUDE = "lat"
LONGITUDE = "long"
REQUIRED = (POSTCODE, TERMINATED, DISTRICT, EASTING, NORTHING)
# ONSPD writes this latitude for a postcode it cannot place.
UNKNOWN_LATITUDE = 99.999999
# What a coordinate column holds, for the message when a cell holds something else.
MEANING = {
    EASTING: "a grid reference in metres",
    NORTHING: "a grid reference in metres",
    LATITUDE: "a latitude or longitude",
    LONGITUDE: "a latitude or longitude",
}


def read_onspd(
    name: str,
    lines: Iterable[str],
    collected: Collected,
    progress: Callable[[Iterable[Any]], Iterable[Any]],
) -> None:
    """Read the directory into ``collected``, noting every malformed cell."""
    reader = csv.reader(lines)
    header = [cell.strip().lower() for cell in next(reader, [])]
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        collected.problems.append(
            Problem(f"{name}, row 1", "no column " + ", ".join(repr(c) for c in missing), 1)
        )
        return
    width = len(header)
    at = {
        column: header.index(column)
        for column in (*REQUIRED, LATITUDE, LONGITUDE)
        if column in header
    }
    postcode_at, terminated_at, district_at = at[POSTCODE], at[TERMINATED], at[DISTRICT]
    for number, row in enumerate(progress(reader), start=2):
        collected.rows += 1
        if len(row) != width:
            if not any(cell.strip() for cell in row):
                continue
            collected.problem(
                f"{name}, row {number}",
                f"has {len(row)} columns; the header has {width}",
                number,
            )
            continue
        parts = split_postcode(row[postcode_at].upper())
        if parts is None:
            collected.problem(
                f"{name}, row {number}, column {POSTCODE!r}",
                f"{row[postcode_at]!r} is not a postcode",
                number,
            )
            continue
        if row[terminated_at].strip():
            collected.skipped[SKIPPED_TERMINATED] += 1
            continue
        try:
            easting, northing = _pair(row, at, EASTING, NORTHING)
            latitude = longitude = None
            if LATITUDE in at and LONGITUDE in at:
                latitude, longitude = _pair(row, at, LATITUDE, LONGITUDE)
        except _NotANumber as bad:
            collected.problem(
                f"{name}, row {number}, column {bad.column!r}",
                f"{bad.text!r} is not {MEANING[bad.column]}",
                number,
            )
            continue
        if latitude == UNKNOWN_LATITUDE:
            latitude = longitude = None
        if latitude is None and easting is None:
            collected.skipped[SKIPPED_NO_COORDINATES] += 1
            continue
        outward, inward = parts
        collected.add(
            f"{outward} {inward}",
            outward,
            row[district_at].strip(),
            easting,
            northing,
            latitude,
            longitude,
        )


class _NotANumber(ValueError):
    """A coordinate cell that is neither a number nor blank."""

    def __init__(self, column: str, text: str) -> None:
        super().__init__(column, text)
        self.column = column
        self.text = text


def _pair(
    row: list[str], at: dict[str, int], first: str, second: str
) -> tuple[float, float] | tuple[None, None]:
    """The numbers in columns ``first`` and ``second`` of ``row``: both, or neither when
    either cell is blank. Raises ``_NotANumber`` for the first cell that is not a number."""
    numbers = []
    for column in (first, second):
        text = row[at[column]].strip()
        try:
            numbers.append(float(text) if text else None)
        except ValueError:
            raise _NotANumber(column, row[at[column]]) from None
    one, other = numbers
    if one is None or other is None:
        return None, None
    return one, other
