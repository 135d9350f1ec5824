"""Checking every row and gathering the council's schools' figures, before any writing."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from schools.importing.problems import Problem

from ..figures import Figure, NotPublished
from . import labels
from .labels import Provision
from .reading import (
    COUNT,
    DISTRICT_CODE,
    DISTRICT_NAME,
    LA_CODE,
    NEED,
    PROVISION,
    REQUIRED_COLUMNS,
    SCHOOL_NAME,
    TIME_PERIOD,
    URN,
)

T = TypeVar("T")

# A file broken throughout would list every row: say the first ones, and how many more.
MAX_PROBLEMS = 50

_TIME_PERIOD = re.compile(r"^(\d{4})(\d{2})$")
_URN = re.compile(r"^\d{6}$")
_NOT_PUBLISHED = {choice.value: choice.value for choice in NotPublished}


@dataclass
class SchoolRows:
    """What the file says about one school in one year, keyed by (provision, need)."""

    urn: str
    year: int
    name: str
    district_code: str
    district_name: str
    first_row: int
    cells: dict[tuple[Provision, str], Figure] = field(default_factory=dict)

    def figure(self, provision: Provision, need: str) -> Figure:
        return self.cells.get((provision, need), Figure(None))

    def need_pupils(self, need: str) -> Figure:
        """Pupils with ``need``: the file's total, else the sum over SEN support and plans."""
        if (Provision.TOTAL, need) in self.cells:
            return self.cells[(Provision.TOTAL, need)]
        support = self.cells.get((Provision.SEN_SUPPORT, need), Figure(0))
        plans = self.cells.get((Provision.EHC_PLAN, need), Figure(0))
        return support.plus(plans)

    @property
    def need_codes(self) -> list[str]:
        """The census codes the file gives figures for, in the file's order."""
        found = (need for _, need in self.cells)
        return [n for n in dict.fromkeys(found) if n not in (labels.TOTAL, labels.NO_NEED)]


@dataclass
class CensusFile:
    """What ``check_rows`` found: the council's schools' figures, and every problem."""

    la_code: str
    rows: int = 0
    schools: dict[tuple[int, str], SchoolRows] = field(default_factory=dict)
    years: set[int] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
    more_problems: int = 0
    unknown_labels: dict[tuple[str, str], int] = field(default_factory=dict)
    other_councils: int = 0
    skipped_urns: Counter[str] = field(default_factory=Counter)

    def problem(self, row: int, column: str, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(f"row {row}, column {column!r}", message, record=row))
        else:
            self.more_problems += 1

    def all_problems(self) -> list[Problem]:
        """Every problem, unknown labels first (one line each, with the row they start on)."""
        found = [
            Problem(
                f"row {row}, column {column!r}",
                f"{label!r} is not a label this import knows; nothing was guessed. "
                "If the DfE has started using it, it needs adding to the import.",
                record=row,
            )
            for (column, label), row in self.unknown_labels.items()
        ]
        found.extend(self.problems)
        if self.more_problems:
            found.append(
                Problem("and more", f"{self.more_problems:,} more problems like these.", 10**12)
            )
        return found


def check_rows(
    rows: Iterable[tuple[int, list[str]]], index: dict[str, int], la_code: str
) -> CensusFile:
    """Check every row; keep the rows of local authority ``la_code``, grouped by school.

    Labels are checked on every row (a file with a label we cannot map is refused as a
    whole); numbers and URNs on the council's rows, the only ones kept.
    """
    result = CensusFile(la_code=la_code)
    at = {name: index[name] for name in (TIME_PERIOD, LA_CODE, URN, PROVISION, NEED, COUNT)}
    width = max(index[name] for name in REQUIRED_COLUMNS) + 1
    for row, cells in rows:
        result.rows += 1
        if len(cells) < width:
            result.problem(row, COUNT, f"The row has {len(cells)} cells; the header has more.")
            continue
        provision = _label(result, row, PROVISION, cells[at[PROVISION]], labels.provision)
        need = _label(result, row, NEED, cells[at[NEED]], labels.need)
        if cells[at[LA_CODE]].strip() != la_code:
            result.other_councils += 1
            continue
        year = _year(result, row, cells[at[TIME_PERIOD]])
        urn = cells[at[URN]].strip()
        if not _URN.match(urn):
            result.problem(row, URN, f"{urn!r} is not a 6-digit URN.")
        count = _count(result, row, cells[at[COUNT]])
        if provision is None or need is None or year is None or count is None:
            continue
        if not _URN.match(urn):
            continue
        school = result.schools.get((year, urn))
        if school is None:
            school = result.schools[(year, urn)] = SchoolRows(
                urn=urn,
                year=year,
                name=_cell(cells, index, SCHOOL_NAME),
                district_code=_cell(cells, index, DISTRICT_CODE)[:12],
                district_name=_cell(cells, index, DISTRICT_NAME)[:120],
                first_row=row,
            )
            result.years.add(year)
        key = (provision, need)
        # The same count twice (say under "Total" and "All pupils") is harmless; two
        # different counts for one thing cannot both be right.
        if key in school.cells and school.cells[key] != count:
            result.problem(
                row,
                NEED,
                f"URN {urn} already has a different {cells[at[PROVISION]].strip()!r} / "
                f"{cells[at[NEED]].strip()!r} count for {year}/{(year + 1) % 100:02d}.",
            )
            continue
        school.cells[key] = count
    return result


def _cell(cells: list[str], index: dict[str, int], column: str) -> str:
    return " ".join(cells[index[column]].split())


def _label(
    result: CensusFile, row: int, column: str, value: str, lookup: Callable[[str], T | None]
) -> T | None:
    found = lookup(value)
    if found is None:
        # One line per label however often it occurs: the row where it first appears.
        result.unknown_labels.setdefault((column, value.strip()), row)
    return found


def _year(result: CensusFile, row: int, value: str) -> int | None:
    match = _TIME_PERIOD.match(value.strip())
    if match is None or (int(match[1]) + 1) % 100 != int(match[2]):
        result.problem(row, TIME_PERIOD, f"{value.strip()!r} is not an academic year like 202425.")
        return None
    return int(match[1])


def _count(result: CensusFile, row: int, value: str) -> Figure | None:
    text = value.strip().lower()
    if text in _NOT_PUBLISHED:
        return Figure(None, _NOT_PUBLISHED[text])
    if text.isdigit() and len(text) < 8:
        return Figure(int(text))
    result.problem(
        row,
        COUNT,
        f"{value.strip()!r} is not a number of pupils, nor one of the DfE's symbols for a "
        "figure it does not publish (x, z, c, low).",
    )
    return None
