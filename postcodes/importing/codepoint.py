"""The Code-Point Open source (Ordnance Survey): one headerless CSV per postcode area.

Ten columns, in order (the names are in the zip's ``Doc/`` folder, never in the data):
Postcode, Positional_quality_indicator, Eastings, Northings, Country_code,
NHS_regional_HA_code, NHS_HA_code, Admin_county_code, Admin_district_code, Admin_ward_code.
Only live postcodes are published; quality indicator 90 means no coordinates (0, 0).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from typing import Any

from ..codes import split_postcode
from .collecting import SKIPPED_NO_COORDINATES, Collected

COLUMNS = (
    "Postcode",
    "Positional_quality_indicator",
    "Eastings",
    "Northings",
    "Country_code",
    "NHS_regional_HA_code",
    "NHS_HA_code",
    "Admin_county_code",
    "Admin_district_code",
    "Admin_ward_code",
)
NO_COORDINATES = 90
_DISTRICT = COLUMNS.index("Admin_district_code")


def looks_like_codepoint_row(cells: list[str]) -> bool:
    """Whether a first row is Code-Point data: ten cells, a postcode, then three numbers."""
    return (
        len(cells) == len(COLUMNS)
        and split_postcode(cells[0].strip().upper()) is not None
        and all(cell.strip().isdigit() for cell in cells[1:4])
    )


def read_codepoint(
    name: str,
    lines: Iterable[str],
    collected: Collected,
    progress: Callable[[Iterable[Any]], Iterable[Any]],
) -> None:
    """Read one Code-Point area file into ``collected``, noting every malformed cell."""
    width = len(COLUMNS)
    for number, row in enumerate(progress(csv.reader(lines)), start=1):
        collected.rows += 1
        if len(row) != width:
            if not any(cell.strip() for cell in row):
                continue  # a blank line, as a file saved again by hand may end with
            collected.problem(
                f"{name}, row {number}",
                f"has {len(row)} columns; Code-Point Open rows have {width}",
                number,
            )
            continue
        parts = split_postcode(row[0].upper())
        if parts is None:
            collected.problem(
                f"{name}, row {number}, column 'Postcode'",
                f"{row[0]!r} is not a postcode",
                number,
            )
            continue
        try:
            quality = int(row[1])
        except ValueError:
            collected.problem(
                f"{name}, row {number}, column 'Positional_quality_indicator'",
                f"{row[1]!r} is not a whole number",
                number,
            )
            continue
        if quality == NO_COORDINATES:
            collected.skipped[SKIPPED_NO_COORDINATES] += 1
            continue
        try:
            easting, northing = float(row[2]), float(row[3])
        except ValueError:
            column = "Eastings" if not _is_number(row[2]) else "Northings"
            collected.problem(
                f"{name}, row {number}, column {column!r}",
                f"{row[COLUMNS.index(column)]!r} is not a grid reference in metres",
                number,
            )
            continue
        outward, inward = parts
        collected.add(f"{outward} {inward}", outward, row[_DISTRICT].strip(), easting, northing)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
