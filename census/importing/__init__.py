"""Importing the DfE's school-level "Special educational needs in England" file.

In stages, as ``schools.importing`` does: read the file (``reading``), check every row and
gather the council's schools (``validation``, with the DfE's labels in ``labels``), match
them to the school pages on the site, and only when the whole file is valid, save
(``writing``). Each academic year in the file replaces that year's figures: loading the
same file twice changes nothing, and other years are kept for trends.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from schools.importing.problems import InvalidImportFile
from schools.models import SchoolPage

from ..models import academic_year
from .reading import CensusRows, count_lines
from .validation import CensusFile, check_rows
from .writing import PlannedSchool, write_years

__all__ = ["CensusImportResult", "InvalidImportFile", "import_census_file"]

Progress = Callable[[Iterable[tuple[int, list[str]]], int], Iterable[tuple[int, list[str]]]]


@dataclass(frozen=True)
class CensusImportResult:
    """What an import did (or, for a dry run, would do)."""

    checked: CensusFile
    planned: tuple[PlannedSchool, ...]
    dry_run: bool = False

    def lines(self) -> list[str]:
        """A plain-English summary, one fact per line."""
        checked = self.checked
        verb = "Would load" if self.dry_run else "Loaded"
        lines = []
        for year in sorted(checked.years):
            schools = sum(1 for planned in self.planned if planned.rows.year == year)
            lines.append(
                f"{verb} {academic_year(year)} (January {year + 1} census): figures for "
                f"{schools} school{'s' if schools != 1 else ''} of local authority "
                f"{checked.la_code}."
            )
        if not checked.years:
            lines.append(f"The file has no rows for local authority {checked.la_code}.")
        if checked.skipped_urns:
            urns = ", ".join(sorted(checked.skipped_urns))
            lines.append(
                f"Skipped {len(checked.skipped_urns)} school(s) of the council with no page "
                f"on the site (URN {urns}): run import_gias first if they should have one."
            )
        lines.append(
            f"Read {checked.rows:,} rows; {checked.other_councils:,} belong to other councils."
        )
        if self.dry_run:
            lines.append("Dry run: nothing was saved.")
        return lines


def import_census_file(
    path: Path,
    la_code: str,
    *,
    dry_run: bool = False,
    example: bool = False,
    progress: Progress | None = None,
) -> CensusImportResult:
    """Check the whole file at ``path``, then (unless ``dry_run``) save its figures.

    Keeps the rows of local authority ``la_code`` whose URN is a school page on the
    site. Raises ``InvalidImportFile``, having written nothing, if any row has a problem.
    ``progress`` wraps the rows (a progress bar), given their number. ``example`` marks
    the figures as made up (the demo site's), so that every page showing them says so.
    """
    rows = CensusRows(path)
    source = str(path)
    stream: Iterable[tuple[int, list[str]]] = rows
    if progress is not None:
        stream = progress(rows, max(count_lines(path) - 1, 0))
    checked = check_rows(stream, rows.index, la_code)
    problems = checked.all_problems()
    if problems:
        raise InvalidImportFile(source, problems)
    pages = dict(
        SchoolPage.objects.filter(urn__in={urn for _, urn in checked.schools}).values_list(
            "urn", "pk"
        )
    )
    planned = []
    for (_, urn), school in sorted(checked.schools.items()):
        if urn in pages:
            planned.append(PlannedSchool(pages[urn], school))
        else:
            checked.skipped_urns[urn] += 1
    if not dry_run:
        write_years(checked.years, planned, path.name, example=example)
    return CensusImportResult(checked, tuple(planned), dry_run)
