"""The council's "School report status" report, its exports and the home page summary."""

from __future__ import annotations

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth.models import AbstractBaseUser
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from moderation.selectors import school_statuses, status_counts
from schools.checklist import TEXT_ITEM_KEYS
from schools.factories import SchoolPageFactory
from schools.models import SchoolIndexPage, SchoolPage

from .admin_forms import post_edit
from .conftest import logged_in, make_user

TODAY = dt.datetime(2026, 3, 1, 12, 0, tzinfo=ZoneInfo("Europe/London"))
REPORT_URL = reverse("moderation_school_status")


def compliant_school(index: SchoolIndexPage, **fields: object) -> SchoolPage:
    answers = {key: f"<p>What the school does about {key}.</p>" for key in TEXT_ITEM_KEYS}
    return SchoolPageFactory(
        parent=index, senco_name="Mr C Senco", senco_email="senco@example.org", **answers, **fields
    )


@pytest.fixture
def council_schools(
    schools_index: SchoolIndexPage,
) -> dict[str, SchoolPage]:
    schools = {
        "current": compliant_school(
            schools_index, title="Current Compliant School", last_reviewed=dt.date(2025, 9, 1)
        ),
        "due-soon": SchoolPageFactory(
            parent=schools_index, title="Due Soon School", last_reviewed=dt.date(2025, 3, 20)
        ),
        "overdue": SchoolPageFactory(
            parent=schools_index, title="Overdue School", last_reviewed=dt.date(2025, 1, 10)
        ),
        "never": SchoolPageFactory(parent=schools_index, title="Never Reviewed School"),
        "awaiting": compliant_school(
            schools_index, title="Awaiting Moderation School", last_reviewed=dt.date(2025, 10, 1)
        ),
    }
    editor = make_user("editor-awaiting", schools["awaiting"].editor_group_link.group)
    editor.first_name, editor.last_name = "Ada", "Editor"
    editor.save()
    post_edit(logged_in(editor), schools["awaiting"], "submit", town="Pickering")
    return schools


def report_rows(html: bytes) -> dict[str, list[str]]:
    soup = BeautifulSoup(html, "html.parser")
    rows = {}
    for row in soup.select("table.listing tbody tr"):
        cells = [" ".join(cell.get_text(" ").split()) for cell in row.find_all(["td", "th"])]
        rows[cells[0]] = cells[1:]
    return rows


@time_machine.travel(TODAY, tick=False)
def test_the_report_lists_every_school_with_its_status(
    council_schools: dict[str, SchoolPage], moderator: AbstractBaseUser
) -> None:
    response = logged_in(moderator).get(REPORT_URL)
    assert response.status_code == 200
    rows = report_rows(response.content)

    assert set(rows) == {school.title for school in council_schools.values()}
    urn = council_schools["current"].urn
    assert rows["Current Compliant School"] == [
        urn,
        "Compliant",
        "Up to date",
        "1 September 2025",
        "Not in moderation",
        "No editors",
    ]
    assert rows["Due Soon School"][1:3] == ["20 missing items", "Review due soon"]
    assert rows["Overdue School"][2] == "Overdue for review"
    assert rows["Never Reviewed School"][2] == "Not yet reviewed"
    awaiting = rows["Awaiting Moderation School"]
    assert awaiting[1] == "Compliant"  # the published version is what counts
    assert awaiting[4] == "Awaiting moderation: the submitted version is compliant"
    assert awaiting[5] == "Ada Editor <editor-awaiting@example.org>"


def test_the_report_says_which_version_its_figures_are_for(
    schools_index: SchoolIndexPage, moderator: AbstractBaseUser
) -> None:
    school = SchoolPageFactory(parent=schools_index, title="Improving School")
    editor = make_user("improver", school.editor_group_link.group)
    answers = {key: rich_text(f"<p>What we do about {key}.</p>") for key in TEXT_ITEM_KEYS[:3]}
    post_edit(logged_in(editor), school, "submit", **answers)
    draft = SchoolPageFactory(parent=schools_index, title="Draft School", live=False)

    rows = report_rows(logged_in(moderator).get(REPORT_URL).content)

    assert rows["Improving School"][1] == "20 missing items"
    assert rows["Improving School"][4] == (
        "Awaiting moderation: the submitted version has 17 missing items (answers 3 more)"
    )
    assert rows[draft.title][1] == "20 missing items (not published yet)"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"review": "overdue"}, {"Overdue School"}),
        ({"review": "due-soon"}, {"Due Soon School"}),
        ({"compliance": "compliant"}, {"Current Compliant School", "Awaiting Moderation School"}),
        ({"moderation": "awaiting-moderation"}, {"Awaiting Moderation School"}),
        ({"editors": "yes"}, {"Awaiting Moderation School"}),
        (
            {"compliance": "missing-items", "review": "never-reviewed"},
            {"Never Reviewed School"},
        ),
        (
            {"last_reviewed_from": "2025-06-01"},
            {"Current Compliant School", "Awaiting Moderation School"},
        ),
    ],
)
@time_machine.travel(TODAY, tick=False)
def test_the_report_filters_on_each_status(
    council_schools: dict[str, SchoolPage],
    moderator: AbstractBaseUser,
    query: dict[str, str],
    expected: set[str],
) -> None:
    client = logged_in(moderator)
    response = client.get(REPORT_URL, query)
    assert set(report_rows(response.content)) == expected
    # The admin's filter panel refreshes the table from the results-only URL.
    results = client.get(reverse("moderation_school_status_results"), query)
    assert set(report_rows(results.content)) == expected


@time_machine.travel(TODAY, tick=False)
def test_the_report_exports_csv(
    council_schools: dict[str, SchoolPage], moderator: AbstractBaseUser
) -> None:
    response = logged_in(moderator).get(REPORT_URL, {"export": "csv", "review": "overdue"})
    assert response.status_code == 200
    assert "school-report-status-2026-03-01.csv" in response.headers["Content-Disposition"]
    content = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(content)))
    assert len(rows) == 1
    row = rows[0]
    assert row["School"] == "Overdue School"
    assert row["Annual review"] == "Overdue for review"
    assert row["Last reviewed"] == "2025-01-10"
    assert row["Next review due"] == "2026-01-10"
    assert row["Compliance"] == "20 missing items"  # no SENCO either
    assert "How your child is taught" in row["Missing statutory items"]
    assert row["Editors"] == "No editors"


@time_machine.travel(TODAY, tick=False)
def test_the_report_exports_excel(
    council_schools: dict[str, SchoolPage], moderator: AbstractBaseUser
) -> None:
    response = logged_in(moderator).get(REPORT_URL, {"export": "xlsx"})
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    values = list(workbook.active.iter_rows(values_only=True))
    assert values[0][:3] == ("School", "URN", "Compliance")
    assert {row[0] for row in values[1:]} == {s.title for s in council_schools.values()}


@pytest.mark.parametrize(
    "title",
    ["=HYPERLINK(1)", " =HYPERLINK(1)", "\t=HYPERLINK(1)", "\u200b@SUM(1)", "\tcmd", "-1+1"],
    ids=["formula", "after a space", "after a tab", "after a zero-width space", "tab", "minus"],
)
def test_a_formula_in_a_school_name_is_not_run_by_spreadsheets(
    schools_index: SchoolIndexPage, moderator: AbstractBaseUser, title: str
) -> None:
    SchoolPageFactory(parent=schools_index, title=title)
    response = logged_in(moderator).get(REPORT_URL, {"export": "csv"})
    content = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(content)))
    assert [row[0] for row in rows[1:]] == ["'" + title]


def test_editors_cannot_see_the_report(
    council_schools: dict[str, SchoolPage], editor_a: AbstractBaseUser
) -> None:
    client = logged_in(editor_a)
    assert client.get(REPORT_URL).status_code == 302
    assert client.get(REPORT_URL, {"export": "csv"}).status_code == 302
    home = client.get(reverse("wagtailadmin_home"))
    assert b"School reports" not in home.content
    assert REPORT_URL.encode() not in home.content


@time_machine.travel(TODAY, tick=False)
def test_moderators_see_counts_per_status_on_the_admin_home_page(
    council_schools: dict[str, SchoolPage], moderator: AbstractBaseUser
) -> None:
    home = logged_in(moderator).get(reverse("wagtailadmin_home"))
    soup = BeautifulSoup(home.content, "html.parser")
    panel = soup.find(id="school-report-status-section")
    assert panel is not None
    counts = {
        " ".join(row.th.get_text().split()): row.td.get_text(strip=True)
        for row in panel.select("tbody tr")
    }
    assert counts == {
        "Compliant": "2",
        "Missing statutory items": "3",
        "Review due soon": "1",
        "Overdue for review": "1",
        "Not yet reviewed": "1",
        "Awaiting moderation": "1",
        "Changes requested": "0",
    }
    assert f"{REPORT_URL}?review=overdue" in str(panel)


def test_statuses_take_a_fixed_number_of_queries(
    schools_index: SchoolIndexPage, django_assert_max_num_queries: object
) -> None:
    for number in range(12):
        SchoolPageFactory(parent=schools_index, title=f"School {number}")
    with django_assert_max_num_queries(6):  # type: ignore[operator]
        statuses = school_statuses()
    assert status_counts(statuses).total == 12
