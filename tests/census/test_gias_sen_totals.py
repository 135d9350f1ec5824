"""`import_gias` keeps the two census totals GIAS repeats (SENStat, SENNoStat) and their date."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from schools.models import SchoolIndexPage, SchoolPage

from ..gias.gias_csv import gias_csv


def load(tmp_path: Path, **cells: str) -> None:
    path = tmp_path / "edubasealldata20260115.csv"
    row = {"URN": "990011", "EstablishmentName": "Beck Primary School", **cells}
    path.write_bytes(gias_csv([row]))
    call_command("import_gias", str(path), "--la", "815", stdout=io.StringIO())


def test_the_totals_are_kept_with_the_census_date(
    schools_index: SchoolIndexPage, tmp_path: Path
) -> None:
    load(tmp_path, SENStat="3", SENNoStat="27", CensusDate="16-01-2025")
    page = SchoolPage.objects.get(urn="990011")
    assert (page.gias_ehc_plans, page.gias_sen_support) == (3, 27)
    assert page.gias_census_date == dt.date(2025, 1, 16)

    load(tmp_path, SENStat="4", SENNoStat="25", CensusDate="15-01-2026")
    page = SchoolPage.objects.get(urn="990011")
    assert (page.gias_ehc_plans, page.gias_sen_support) == (4, 25)
    assert page.gias_census_date == dt.date(2026, 1, 15)


def test_a_census_date_that_is_not_a_date_is_named(
    schools_index: SchoolIndexPage, tmp_path: Path
) -> None:
    with pytest.raises(CommandError):
        load(tmp_path, SENStat="3", SENNoStat="27", CensusDate="January")
    assert not SchoolPage.objects.filter(urn="990011").exists()
