"""Parents see each school's census figures on its page, beside the council average."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client

from schools.factories import SchoolPageFactory
from schools.models import Phase, SchoolIndexPage, SchoolPage

from .census_csv import school_rows
from .conftest import Loader


def text(response) -> str:  # type: ignore[no-untyped-def]
    body = html.unescape(response.content.decode())
    return " ".join(re.sub(r"<[^>]+>", " ", body).split())


@pytest.fixture
def schools(schools_index: SchoolIndexPage) -> dict[str, SchoolPage]:
    def make(urn: str, title: str, phase: str) -> SchoolPage:
        return SchoolPageFactory(parent=schools_index, urn=urn, title=title, phase=phase)

    return {
        "ash": make("990001", "Ash Primary", Phase.PRIMARY),
        "cedar": make("990003", "Cedar Primary", Phase.PRIMARY),
        "beech": make("990002", "Beech Academy", Phase.SECONDARY),
        "elm": make("990004", "Elm Primary", Phase.PRIMARY),
    }


# Ash 30 of 210 on SEN support (14.3%), 4 with plans (1.9%). Cedar 15 and 2 of 90.
# The council's primary schools: (30 + 15) / (210 + 90) = 15.0%; (4 + 2) / 300 = 2.0%.
# Beech is secondary, so not in the primary average; Elm has no census figures.
ROWS = [
    *school_rows("990001", roll=210, support_total=30, support={"ASD": 30}, ehc_total=4, ehc={}),
    *school_rows("990003", roll=90, support_total=15, support={"SLCN": 15}, ehc_total=2, ehc={}),
    *school_rows("990002", roll=95, support_total="c", support={}, ehc_total="low", ehc={}),
]


def test_the_school_page_gives_the_figures_the_year_the_source_and_the_average(
    client: Client, schools: dict[str, SchoolPage], load_census: Loader
) -> None:
    load_census(ROWS)
    page = text(client.get(schools["ash"].url))

    assert (
        "Pupils with SEN at this school (January 2025 census): 30 on SEN support, "
        "4 with an EHC plan, of 210 pupils." in page
    )
    assert "This school compared with the council's primary schools" in page
    assert "On SEN support 14.3% 15.0%" in page
    assert "With an EHC plan 1.9% 2.0%" in page
    assert "Department for Education, 'Special educational needs in England'" in page
    assert "2024/25, counted in the January 2025 school census" in page
    assert "example figures" not in page


def test_suppressed_figures_are_said_in_words(
    client: Client, schools: dict[str, SchoolPage], load_census: Loader
) -> None:
    load_census(ROWS)
    page = text(client.get(schools["beech"].url))

    assert (
        "the number on SEN support is not published, to protect the privacy of a small "
        "number of pupils, the number with an EHC plan is a very small number, not "
        "published, of 95 pupils." in page
    )
    assert "On SEN support Not published" in page
    assert "0 on SEN support" not in page and " 0%" not in page


def test_no_figures_no_section(
    client: Client, schools: dict[str, SchoolPage], load_census: Loader
) -> None:
    assert "Pupils with SEN at this school" not in text(client.get(schools["ash"].url))
    load_census(ROWS)
    assert "Pupils with SEN at this school" not in text(client.get(schools["elm"].url))


def test_example_figures_say_so(
    client: Client, schools: dict[str, SchoolPage], load_census: Loader
) -> None:
    load_census(ROWS, "--example")
    page = text(client.get(schools["ash"].url))
    assert "These are example figures , made up for this demonstration site." in page
    assert "Made up in the layout of: Department for Education" not in page
    assert "Made up in the layout of Department for Education" in page


def test_the_latest_year_is_shown(
    client: Client, schools: dict[str, SchoolPage], load_census: Loader
) -> None:
    older = school_rows(
        "990001", roll=200, support_total=20, support={}, ehc_total=3, ehc={}, year="202324"
    )
    load_census([*older, *ROWS])
    page = text(client.get(schools["ash"].url))
    assert "(January 2025 census): 30 on SEN support" in page
