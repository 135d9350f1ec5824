"""The report's tables, as the page shows them and as the CSV and Excel downloads hold them.

One definition for both, so a download always says what the page says.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from schools.spreadsheets import spreadsheet_text

from .report import GroupRow, Mismatch, NeedsReport, Total

Cell = str | int | float | None


@dataclass(frozen=True)
class Table:
    key: str
    sheet: str  # the spreadsheet tab: at most 31 characters, no "/"
    title: str
    headings: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    # Columns after the first ``text_columns`` are numbers (aligned right on the page).
    text_columns: int = 1
    links: tuple[str, ...] = ()  # per row, where the first cell links to (the page only)

    @property
    def linked_rows(self) -> list[tuple[str, tuple[Cell, ...]]]:
        """``(link or "", row)`` for each row, for the page."""
        links = self.links or ("",) * len(self.rows)
        return list(zip(links, self.rows, strict=True))


def _unpublished(total: Total) -> Cell:
    return total.not_published or None


def _group_rows(groups: list[GroupRow]) -> tuple[tuple[Cell, ...], ...]:
    return tuple(
        (
            group.label,
            group.schools,
            group.pupils.value,
            group.sen_support.value,
            group.sen_support_percent,
            group.ehc_plans.value,
            group.ehc_plans_percent,
        )
        for group in groups
    )


GROUP_HEADINGS = (
    "Schools",
    "Pupils",
    "On SEN support",
    "On SEN support (%)",
    "With an EHC plan",
    "With an EHC plan (%)",
)


def report_tables(report: NeedsReport, edit_url: Any = None) -> list[Table]:
    """Every table of the report, in page order. ``edit_url(page_id)`` links schools."""
    change = (
        f"Change since {report.previous_academic_year}"
        if report.previous_year
        else "Change since the previous year"
    )
    needs = Table(
        key="needs",
        sheet="Pupils by need",
        title=f"Pupils by primary type of need, {report.academic_year}",
        headings=(
            "Primary type of need",
            "Pupils",
            change,
            "Schools that say they provide for it",
            "Pupils at those schools",
            "On SEN support",
            "With an EHC plan",
            "Schools with the count not published",
        ),
        rows=tuple(
            (
                row.label,
                row.pupils.value,
                row.change,
                row.providing_schools if row.providable else None,
                row.pupils_at_providing.value if row.providable else None,
                row.sen_support.value,
                row.ehc_plans.value,
                _unpublished(row.pupils),
            )
            for row in report.needs
        ),
    )

    def schools(
        key: str, sheet: str, title: str, mismatches: list[Mismatch], with_pupils: bool
    ) -> Table:
        headings = ("School", "URN", "Type of need") + (("Pupils",) if with_pupils else ())
        return Table(
            key=key,
            sheet=sheet,
            title=title,
            headings=headings,
            rows=tuple(
                (m.name, m.urn, m.need_label) + ((m.pupils,) if with_pupils else ())
                for m in mismatches
            ),
            text_columns=3,
            links=tuple(edit_url(m.page_id) for m in mismatches) if edit_url else (),
        )

    return [
        needs,
        Table(
            key="districts",
            sheet="By district",
            title="By district",
            headings=("District", *GROUP_HEADINGS),
            rows=_group_rows(report.by_district),
        ),
        Table(
            key="phases",
            sheet="By phase",
            title="By phase",
            headings=("Phase", *GROUP_HEADINGS),
            rows=_group_rows(report.by_phase),
        ),
        Table(
            key="trend",
            sheet="Year by year",
            title="Year by year",
            headings=("Academic year", *GROUP_HEADINGS),
            rows=_group_rows(report.trend),
        ),
        schools(
            "unmentioned",
            "Need not mentioned",
            f"Schools with {report.threshold} or more pupils with a need their page does not "
            "say they provide for",
            report.unmentioned,
            with_pupils=True,
        ),
        schools(
            "unrecorded",
            "No pupils recorded",
            "Schools that say they provide for a need with no pupils recorded",
            report.unrecorded,
            with_pupils=False,
        ),
    ]


def csv_bytes(table: Table) -> bytes:
    """The table as CSV (UTF-8 with a byte-order mark, so spreadsheets read accents)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([table.title])
    writer.writerow(table.headings)
    for row in table.rows:
        writer.writerow([spreadsheet_text(cell) if isinstance(cell, str) else cell for cell in row])
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def xlsx_bytes(tables: list[Table], heading: str) -> bytes:
    """Every table on its own sheet of one workbook (openpyxl, as the moderation exports)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    for table in tables:
        sheet = workbook.create_sheet(title=table.sheet)
        for values in ((heading,), (table.title,), table.headings, *table.rows):
            row = []
            for value in values:
                cell = WriteOnlyCell(sheet, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # text, never a formula, whatever it starts with
                row.append(cell)
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
