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
    easting_at, northing_at = at[EASTING], at[NORTHING]
    latitude_at, longitude_at = at.get(LATITUDE), at.get(LONGITUDE)
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
            easting = _number(row[easting_at])
            northing = _number(row[northing_at])
        except ValueError:
            column = EASTING if not _is_number_or_blank(row[easting_at]) else NORTHING
            collected.problem(
                f"{name}, row {number}, column {column!r}",
                f"{row[at[column]]!r} is not a grid reference in metres",
                number,
            )
            continue
        latitude = longitude = None
        if latitude_at is not None and longitude_at is not None:
            try:
                latitude = _number(row[latitude_at])
                longitude = _number(row[longitude_at])
            except ValueError:
                column = LATITUDE if not _is_number_or_blank(row[latitude_at]) else LONGITUDE
                collected.problem(
                    f"{name}, row {number}, column {column!r}",
                    f"{row[at[column]]!r} is not a latitude or longitude",
                    number,
                )
                continue
            if latitude is None or longitude is None or latitude == UNKNOWN_LATITUDE:
                latitude = longitude = None
        if easting is None or northing is None:
            easting = northing = None
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


def _number(text: str) -> float | None:
    text = text.strip()
    return float(text) if text else None


def _is_number_or_blank(text: str) -> bool:
    try:
        _number(text)
    except ValueError:
        return False
    return True
