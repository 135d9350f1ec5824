"""The census import, as a council officer runs it: `manage.py import_sen_census FILE.csv`."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from census.models import NeedCount, SchoolCensus
from council.models import CouncilSettings
from schools.factories import SchoolPageFactory
from schools.models import SchoolIndexPage, SchoolPage

from .census_csv import ALL, EHC, NEEDS, SUPPORT, TOTAL, census_csv, row, school_rows


@pytest.fixture
def council(db: None) -> CouncilSettings:
    settings = CouncilSettings.load()
    settings.la_code = "815"
    settings.save()
    return settings


@pytest.fixture
def pages(schools_index: SchoolIndexPage, council: CouncilSettings) -> dict[str, SchoolPage]:
    return {
        urn: SchoolPageFactory(parent=schools_index, title=title, urn=urn)
        for urn, title in [("990001", "Ash Primary"), ("990002", "Beech Academy")]
    }


def run(path: Path, *args: str) -> str:
    out = io.StringIO()
    call_command("import_sen_census", str(path), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def refused(path: Path, *args: str) -> str:
    with pytest.raises(CommandError) as raised:
        call_command(
            "import_sen_census", str(path), *args, stdout=io.StringIO(), stderr=io.StringIO()
        )
    return str(raised.value)


def write(tmp_path: Path, rows: list[dict[str, str]], **options: object) -> Path:
    path = tmp_path / "spc_school_level_underlying_data.csv"
    path.write_bytes(census_csv(rows, **options))  # type: ignore[arg-type]
    return path


def ash(**options: object) -> list[dict[str, str]]:
    """Ash Primary: 210 pupils, 30 on SEN support, 4 with plans; one suppressed count."""
    return school_rows(
        "990001",
        roll=210,
        support_total=30,
        support={"ASD": 6, "SLCN": 12, "SEMH": 9, "NSA": 3},
        ehc_total=4,
        ehc={"ASD": 3, "SLCN": "c", "PD": "c"},
        **options,
    )


def beech(**options: object) -> list[dict[str, str]]:
    """Beech Academy: its SEN support total is suppressed, its plans 'low'."""
    return school_rows(
        "990002",
        roll=95,
        support_total="c",
        support={"MLD": 2},
        ehc_total="low",
        ehc={"MLD": "x"},
        **options,
    )


def census(urn: str, year: int = 2024) -> SchoolCensus:
    return SchoolCensus.objects.get(school__urn=urn, year=year)


def test_a_file_as_published_loads_the_councils_schools(tmp_path: Path, pages: dict) -> None:
    outside = school_rows(
        "990009", roll=500, support_total=50, support={"ASD": 50}, ehc_total=0, ehc={}, la="999"
    )
    no_page = school_rows("990003", roll=50, support_total=5, support={}, ehc_total=1, ehc={})
    path = write(tmp_path, [*ash(), *outside, *beech(), *no_page])
    assert path.read_bytes().startswith(b'\xef\xbb\xbf"time_period","time_identifier"')

    out = run(path)

    assert (
        "Loaded 2024/25 (January 2025 census): figures for 2 schools of local authority 815" in out
    )
    assert "URN 990003" in out
    ash_census = census("990001")
    assert (ash_census.pupils, ash_census.sen_support, ash_census.ehc_plans) == (210, 30, 4)
    assert ash_census.district_name == "North Yorkshire"
    needs = {n.need: n for n in ash_census.needs.all()}
    assert set(needs) == {"ASD", "SLCN", "SEMH", "NSA", "PD"}
    # Pupils with a need add up their SEN support and their plans...
    assert (needs["ASD"].sen_support, needs["ASD"].ehc_plans, needs["ASD"].pupils) == (6, 3, 9)
    assert needs["NSA"].pupils == 3
    # ...unless one of them is not published: then neither is the sum, and nothing is zero.
    assert (needs["SLCN"].sen_support, needs["SLCN"].ehc_plans) == (12, None)
    assert needs["SLCN"].ehc_plans_not_published == "c"
    assert (needs["SLCN"].pupils, needs["SLCN"].pupils_not_published) == (None, "c")
    assert (needs["PD"].pupils, needs["PD"].pupils_not_published) == (None, "c")

    beech_census = census("990002")
    assert beech_census.pupils == 95
    assert (beech_census.sen_support, beech_census.sen_support_not_published) == (None, "c")
    assert (beech_census.ehc_plans, beech_census.ehc_plans_not_published) == (None, "low")
    assert str(beech_census.ehc_plans_figure) == "a very small number, not published"
    assert not SchoolCensus.objects.filter(school__urn__in=["990003", "990009"]).exists()


def test_loading_the_same_year_again_replaces_it_and_keeps_other_years(
    tmp_path: Path, pages: dict
) -> None:
    run(write(tmp_path, [*ash(year="202324"), *beech(year="202324")]))
    run(write(tmp_path, [*ash(), *beech()]))
    run(write(tmp_path, [*ash(), *beech()]))

    assert SchoolCensus.objects.filter(year=2024).count() == 2
    assert SchoolCensus.objects.filter(year=2023).count() == 2
    assert NeedCount.objects.filter(census__year=2024).count() == 5 + 1

    # A corrected 2024/25 file: Ash's figures change, Beech is no longer in it.
    corrected = school_rows(
        "990001", roll=211, support_total=31, support={"ASD": 7}, ehc_total=4, ehc={}
    )
    run(write(tmp_path, corrected))
    assert census("990001").pupils == 211
    assert [n.need for n in census("990001").needs.all()] == ["ASD"]
    assert not SchoolCensus.objects.filter(school__urn="990002", year=2024).exists()
    assert census("990002", 2023).pupils == 95


def test_older_editions_short_labels_are_understood(tmp_path: Path, pages: dict) -> None:
    rows = [
        row("990001", "Total", "Total", 200),
        row("990001", "SEN support", "Total", 20),
        row("990001", "SEN support", "asd", 8),
        row("990001", "EHC plan", "Total", 2),
        row("990001", "EHC plan", "Other Difficulty / Disability", 2),
    ]
    run(write(tmp_path, rows, bom=False, line_end="\n"))
    figures = census("990001")
    assert (figures.pupils, figures.sen_support, figures.ehc_plans) == (200, 20, 2)
    assert {n.need: n.pupils for n in figures.needs.all()} == {"ASD": 8, "OTH": 2}


def test_an_unknown_label_is_named_and_nothing_is_written(tmp_path: Path, pages: dict) -> None:
    run(write(tmp_path, [*ash(), *beech()]))
    rows = [
        *ash(),
        row("990002", ALL, ALL, 96),
        row("990002", SUPPORT, "Behaviour, emotional and social difficulty", 4),
        # Labels are checked on every council's rows: the file as a whole is refused.
        row("990009", "Statement", TOTAL, 4, la="999"),
    ]
    message = refused(write(tmp_path, rows))

    assert "nothing was imported" in message
    behaviour_row = len(ash()) + 3  # the header is row 1
    assert (
        f"row {behaviour_row}, column 'sen_primary_need': 'Behaviour, emotional and social "
        "difficulty' is not a label this import knows"
    ) in message
    assert f"row {behaviour_row + 1}, column 'sen_provision': 'Statement'" in message
    assert census("990002").pupils == 95  # the earlier load is untouched


def test_a_malformed_cell_is_named_by_row_and_column_and_nothing_is_written(
    tmp_path: Path, pages: dict
) -> None:
    rows = [*ash(), row("990002", ALL, ALL, "ninety"), row("99002", EHC, TOTAL, 1)]
    rows.append(row("990002", EHC, NEEDS["ASD"], 2, year="2024-25"))
    message = refused(write(tmp_path, rows))

    first = len(ash()) + 2
    assert f"row {first}, column 'pupil_count': 'ninety' is not a number of pupils" in message
    assert f"row {first + 1}, column 'school_urn': '99002' is not a 6-digit URN" in message
    assert f"row {first + 2}, column 'time_period': '2024-25' is not an academic year" in message
    assert "3 problems" in message
    assert not SchoolCensus.objects.exists()


def test_two_different_counts_for_one_thing_are_refused(tmp_path: Path, pages: dict) -> None:
    # The same count under both names of the roll is fine...
    run(write(tmp_path, [*ash(), row("990001", TOTAL, TOTAL, 210)]))
    assert census("990001").pupils == 210
    # ...two different counts are not.
    message = refused(write(tmp_path, [*ash(), row("990001", SUPPORT, NEEDS["ASD"], 7)]))
    assert "URN 990001 already has a different 'SEN support / SEN without an EHC plan' / " in (
        message
    )
    assert census("990001").pupils == 210


def test_a_file_that_is_not_the_census_is_refused(tmp_path: Path, pages: dict) -> None:
    header = [name for name in census_csv([]).decode("utf-8-sig").split("\r\n")[0].split(",")]
    without_count = [name.strip('"') for name in header if name != '"pupil_count"']
    message = refused(write(tmp_path, ash(), header=without_count))
    assert "it has no column 'pupil_count'" in message

    assert "There is no such file" in refused(tmp_path / "missing.csv")


def test_a_dry_run_writes_nothing(tmp_path: Path, pages: dict) -> None:
    out = run(write(tmp_path, ash()), "--dry-run")
    assert "Would load 2024/25" in out
    assert "Dry run: nothing was saved." in out
    assert not SchoolCensus.objects.exists()


def test_the_council_must_be_known(tmp_path: Path, schools_index: SchoolIndexPage) -> None:
    assert "Which council?" in refused(write(tmp_path, ash()))
    run(write(tmp_path, ash()), "--la", "999")
    assert not SchoolCensus.objects.exists()
