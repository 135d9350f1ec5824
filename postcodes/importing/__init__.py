"""``import_postcodes``: Code-Point Open and ONSPD files into the postcode tables.

The same shape as the schools' imports (schools/importing): a source per format
(``codepoint``, ``onspd``) reads and checks every file, each problem a
``schools.importing.problems.Problem`` with its file, row and column; nothing is written
unless every file is sound (``writing``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from schools.importing.problems import InvalidImportFile

from ..selectors import forget_cached
from ..signals import postcodes_replaced
from .area import Area, area_for
from .codepoint import read_codepoint
from .collecting import Collected, wgs84_to_grid
from .files import CsvFile, Format, UnreadableFile, csv_files
from .onspd import read_onspd
from .writing import replace_postcodes

__all__ = [
    "Area",
    "ImportResult",
    "InvalidImportFile",
    "UnreadableFile",
    "area_for",
    "grid_references",
    "import_postcodes",
]

Progress = Callable[[Iterable[Any], int | None, str], Iterable[Any]]


def _no_progress(items: Iterable[Any], total: int | None, description: str) -> Iterable[Any]:
    return items


@dataclass(frozen=True)
class ImportResult:
    """What an import read and kept."""

    files: tuple[str, ...]
    rows: int
    postcodes: int
    outward_codes: int
    skipped: dict[str, int]
    area: str

    @property
    def summary(self) -> str:
        skipped = ", ".join(f"{count:,} {why}" for why, count in sorted(self.skipped.items()))
        return (
            f"Read {self.rows:,} rows from {len(self.files)} file(s); kept {self.postcodes:,} "
            f"postcodes in {self.outward_codes:,} outward codes ({self.area})"
            + (f"; skipped {skipped}." if skipped else ".")
        )


def grid_references(points: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
    """British National Grid ``(easting, northing)`` of WGS84 ``(latitude, longitude)`` points."""
    points = list(points)
    if not points:
        return []
    eastings, northings = wgs84_to_grid().transform(
        [longitude for _, longitude in points], [latitude for latitude, _ in points]
    )
    return list(zip(map(float, eastings), map(float, northings), strict=True))


def import_postcodes(
    paths: Sequence[Path],
    area: Area,
    *,
    dry_run: bool = False,
    progress: Progress = _no_progress,
) -> ImportResult:
    """Read every file, then replace the loaded postcodes with those in ``area``.

    Raises ``UnreadableFile`` for a path that holds no postcode CSV and
    ``InvalidImportFile`` (every problem, with file, row and column) for a malformed
    one; in both cases nothing is written.
    """
    found: list[CsvFile] = []
    for path in paths:
        found.extend(csv_files(path))
    collected = Collected(area)
    for csv_file in found:
        read = read_codepoint if csv_file.format is Format.CODEPOINT else read_onspd
        with csv_file.open() as lines:

            def bar(items: Iterable[Any], name: str = csv_file.name) -> Iterable[Any]:
                return progress(items, None, f"Reading {Path(name).name}")

            try:
                read(csv_file.name, lines, collected, bar)
            except UnicodeDecodeError as error:
                raise UnreadableFile(
                    f"{csv_file.name} is not UTF-8 text ({error.reason})."
                ) from error
    if collected.problems:
        names = ", ".join(f.name for f in found)
        raise InvalidImportFile(names, collected.problems)
    collected.convert()
    outward = collected.outward_centres()
    if not dry_run:
        replace_postcodes(
            collected, outward, lambda items, total: progress(items, total, "Writing")
        )
        forget_cached()
        postcodes_replaced.send(sender=ImportResult)
    return ImportResult(
        files=tuple(f.name for f in found),
        rows=collected.rows,
        postcodes=len(collected.units),
        outward_codes=sum(1 for *_, in_area in outward if in_area),
        skipped=dict(collected.skipped),
        area=area.describe(),
    )
