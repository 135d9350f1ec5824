"""The council's "Needs and provision" page: figures checked against sums done by hand."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.test import Client

from council.models import CouncilSettings
from moderation.services import COUNCIL_ADMINISTRATORS, COUNCIL_MODERATORS
from schools.factories import SchoolPageFactory
from schools.models import NeedArea, Phase, SchoolIndexPage
from tests.moderation.conftest import logged_in

from .census_csv import school_rows
from .conftest import Loader

URL = "/admin/census/needs-and-provision/"
AVONDALE = ("E07000001", "Avondale")
BROOKSIDE = ("E07000002", "Brookside")

# Three schools in 2024/25, one of them in 2023/24 too. Every expected figure below is
# summed by hand from these rows.
ROWS = [
    # Ash: primary, Avondale; its page says it provides for autism and SLCN.
    *school_rows(
        "990001",
        roll=200,
        support_total=20,
        support={"ASD": 8, "SLCN": 6, "SEMH": 6},
        ehc_total=4,
        ehc={"ASD": 3, "SLCN": "c"},
        district=AVONDALE,
    ),
    # Beech: secondary, Brookside; provides for SEMH and hearing impairment.
    *school_rows(
        "990002",
        roll=600,
        support_total=60,
        support={"SEMH": 30, "ASD": 20, "MLD": 10},
        ehc_total=10,
        ehc={"ASD": 6, "SEMH": 4},
        district=BROOKSIDE,
    ),
    # Cedar: primary, Brookside; provides for autism. Its SEN support total is suppressed.
    *school_rows(
        "990003",
        roll=100,
        support_total="c",
        support={"ASD": 4, "SEMH": 5},
        ehc_total=2,
        ehc={"ASD": 2},
        district=BROOKSIDE,
    ),
    *school_rows(
        "990001",
        roll=190,
        support_total=15,
        support={"ASD": 5},
        ehc_total=3,
        ehc={},
        district=AVONDALE,
        year="202324",
    ),
]


def user(name: str, group: str | None) -> AbstractBaseUser:
    person = get_user_model().objects.create_user(name, f"{name}@example.org", "password")
    person.groups.add(Group.objects.get(name=group or "Editors"))
    return person


@pytest.fixture
def moderator(db: None) -> Client:
    return logged_in(user("moderator", COUNCIL_MODERATORS))


@pytest.fixture
def loaded(schools_index: SchoolIndexPage, load_census: Loader) -> None:
    def school(urn: str, title: str, phase: str, needs: list[str]) -> None:
        SchoolPageFactory(
            parent=schools_index,
            urn=urn,
            title=title,
            phase=phase,
            needs=list(NeedArea.objects.filter(code__in=needs)),
        )

    school("990001", "Ash Primary", Phase.PRIMARY, ["ASD", "SLCN"])
    school("990002", "Beech Academy", Phase.SECONDARY, ["SEMH", "HI"])
    school("990003", "Cedar Primary", Phase.PRIMARY, ["ASD"])
    load_census(ROWS)


def table(response, key: str) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """The rows of one table on the page, as text, keyed by its section."""
    soup = BeautifulSoup(response.content, "html.parser")
    section = soup.find("section", attrs={"aria-labelledby": f"table-{key}"})
    return [
        [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
        for row in section.find("table").find_all("tr")
    ]


def by_label(rows: list[list[str]]) -> dict[str, list[str]]:
    return {row[0]: row[1:] for row in rows[1:]}


def label(code: str) -> str:
    return NeedArea.objects.get(code=code).label


def test_pupils_by_need_with_the_schools_that_provide_for_it(moderator: Client, loaded) -> None:
    response = moderator.get(URL)
    assert response.status_code == 200
    rows = table(response, "needs")
    assert rows[0][:5] == [
        "Primary type of need",
        "Pupils",
        "Change since 2023/24",
        "Schools that say they provide for it",
        "Pupils at those schools",
    ]
    needs = by_label(rows)
    # Autism: Ash 8 + 3, Beech 20 + 6, Cedar 4 + 2 = 43; 5 the year before (Ash).
    # Provided for by Ash and Cedar, who have 11 + 6 = 17 autistic pupils.
    # SEN support 8 + 20 + 4 = 32; plans 3 + 6 + 2 = 11; nothing suppressed.
    assert needs[label("ASD")] == ["43", "38", "2", "17", "32", "11", "-"]
    # SLCN: Ash's plans are suppressed, so its total is too: one school not published.
    assert needs[label("SLCN")] == ["0", "0", "1", "0", "6", "0", "1"]
    # SEMH: Ash 6, Beech 30 + 4, Cedar 5 = 45; only Beech (34) says it provides for it.
    assert needs[label("SEMH")] == ["45", "45", "1", "34", "41", "4", "-"]
    assert needs[label("MLD")] == ["10", "10", "0", "0", "10", "0", "-"]
    assert needs[label("HI")][:4] == ["0", "0", "1", "0"]

    lead = BeautifulSoup(response.content, "html.parser").find(class_="app-needs__lead")
    # 900 pupils; SEN support 20 + 60 (Cedar's not published) over 200 + 600 pupils = 10.0%;
    # plans 4 + 10 + 2 = 16 over 900 = 1.8%.
    assert "3 schools with figures. 900 pupils; 80 on SEN support (10.0%) and 16 with an EHC" in (
        " ".join(lead.get_text().split())
    )


def test_by_district_by_phase_and_year_by_year(moderator: Client, loaded) -> None:
    response = moderator.get(URL)
    # Columns: schools, pupils, on SEN support, %, with a plan, %.
    assert by_label(table(response, "districts")) == {
        "Avondale": ["1", "200", "20", "10.0", "4", "2.0"],
        # Beech and Cedar: 60 of 600 (Cedar's support not published); 12 of 700 = 1.7%.
        "Brookside": ["2", "700", "60", "10.0", "12", "1.7"],
    }
    assert by_label(table(response, "phases")) == {
        "Primary": ["2", "300", "20", "10.0", "6", "2.0"],
        "Secondary": ["1", "600", "60", "10.0", "10", "1.7"],
    }
    assert by_label(table(response, "trend")) == {
        "2023/24": ["1", "190", "15", "7.9", "3", "1.6"],
        "2024/25": ["3", "900", "80", "10.0", "16", "1.8"],
    }


def test_schools_whose_census_and_page_disagree(moderator: Client, loaded) -> None:
    response = moderator.get(URL)
    # 5 or more pupils (the default) with a need the page does not list, most first.
    assert table(response, "unmentioned")[1:] == [
        ["Beech Academy", "990002", label("ASD"), "26"],
        ["Beech Academy", "990002", label("MLD"), "10"],
        ["Ash Primary", "990001", label("SEMH"), "6"],
        ["Cedar Primary", "990003", label("SEMH"), "5"],
    ]
    # Beech provides for hearing impairment with no pupils recorded. Ash's SLCN count is
    # suppressed, which is not "none".
    assert table(response, "unrecorded")[1:] == [["Beech Academy", "990002", label("HI")]]

    settings = CouncilSettings.load()
    settings.census_need_threshold = 11
    settings.save()
    response = moderator.get(URL)
    assert [row[0] for row in table(response, "unmentioned")[1:]] == ["Beech Academy"]


def test_one_district_and_one_phase(moderator: Client, loaded) -> None:
    response = moderator.get(URL, {"district": BROOKSIDE[0]})
    needs = by_label(table(response, "needs"))
    # Beech 26 + Cedar 6; only Cedar provides (6); Ash's 5 the year before is not here.
    assert needs[label("ASD")][:4] == ["32", "32", "1", "6"]
    assert "schools in Brookside" in response.content.decode()

    response = moderator.get(URL, {"phase": "primary"})
    assert by_label(table(response, "needs"))[label("ASD")][:4] == ["17", "12", "2", "17"]

    response = moderator.get(URL, {"year": "2023"})
    assert by_label(table(response, "needs"))[label("ASD")][:2] == ["5", "-"]


def test_charts_have_text_alternatives(moderator: Client, loaded) -> None:
    soup = BeautifulSoup(moderator.get(URL).content, "html.parser")
    charts = soup.find_all("svg", class_="app-chart__svg")
    assert len(charts) == 2
    for chart in charts:
        assert chart["role"] == "img"
        title, desc = chart["aria-labelledby"].split()
        assert soup.find(id=title).name == "title"
        assert soup.find(id=desc).name == "desc"
    assert f"{label('SEMH')}: 45; {label('ASD')}: 43;" in charts[0].find("desc").get_text()
    assert "On SEN support: 2023/24 15, 2024/25 80" in charts[1].find("desc").get_text()
    # Drawn without inline style (the content security policy forbids it).
    assert "style=" not in str(soup.find(class_="app-needs"))


def test_each_table_downloads_as_csv_and_all_as_excel(moderator: Client, loaded) -> None:
    response = moderator.get(URL, {"export": "csv", "table": "districts"})
    assert response["Content-Disposition"].endswith('-districts.csv"')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][:3] == ["District", "Schools", "Pupils"]
    assert rows[2] == ["Avondale", "1", "200", "20", "10.0", "4", "2.0"]

    response = moderator.get(URL, {"export": "xlsx", "phase": "primary"})
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "Pupils by need",
        "By district",
        "By phase",
        "Year by year",
        "Need not mentioned",
        "No pupils recorded",
    ]
    sheet = workbook["Pupils by need"]
    values = list(sheet.iter_rows(values_only=True))
    assert "primary schools" in values[0][0]
    autism = next(row for row in values if row[0] == label("ASD"))
    assert autism[:5] == (label("ASD"), 17, 12, 2, 17)


def test_only_the_council_sees_it(loaded, client: Client) -> None:
    assert logged_in(user("admin", COUNCIL_ADMINISTRATORS)).get(URL).status_code == 200
    assert logged_in(user("editor", None)).get(URL).status_code in (302, 403)
    assert client.get(URL).status_code == 302  # to the login page
    assert client.get(URL, {"export": "csv"}).status_code == 302


def test_bad_choices_are_explained_not_a_500(moderator: Client, loaded) -> None:
    response = moderator.get(URL, {"year": "1999", "phase": "wizard", "export": "pdf"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Some choices could not be used" in text
    assert "Academic year" in text and "Phase" in text


def test_without_figures_it_says_how_to_load_them(moderator: Client) -> None:
    response = moderator.get(URL)
    assert response.status_code == 200
    assert "import_sen_census" in response.content.decode()


def test_the_page_reads_the_database_a_fixed_number_of_times(
    moderator: Client,
    loaded,
    schools_index: SchoolIndexPage,
    load_census: Loader,
    django_assert_max_num_queries,  # type: ignore[no-untyped-def]
) -> None:
    many = []
    for number in range(20):
        urn = f"98{number:04d}"
        SchoolPageFactory(parent=schools_index, urn=urn, phase=Phase.PRIMARY)
        many += school_rows(
            urn, roll=100, support_total=10, support={"ASD": 10}, ehc_total=0, ehc={}
        )
    load_census([*ROWS, *many])
    with django_assert_max_num_queries(30):
        assert moderator.get(URL).status_code == 200
