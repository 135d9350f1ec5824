"""The same figures as open data: in the directory API's results and a school endpoint."""

from __future__ import annotations

import pytest
from django.test import Client

from schools.factories import SchoolPageFactory
from schools.models import Phase, SchoolIndexPage, SchoolPage

from .census_csv import school_rows
from .conftest import Loader

ROWS = [
    *school_rows(
        "990001",
        roll=210,
        support_total=30,
        support={"ASD": 20, "SLCN": 10},
        ehc_total=4,
        ehc={"ASD": "c"},
    ),
    *school_rows("990003", roll=90, support_total=15, support={}, ehc_total=2, ehc={}),
    *school_rows(
        "990001", roll=200, support_total=28, support={}, ehc_total=3, ehc={}, year="202324"
    ),
]


@pytest.fixture
def schools(schools_index: SchoolIndexPage) -> dict[str, SchoolPage]:
    return {
        urn: SchoolPageFactory(parent=schools_index, urn=urn, title=title, phase=Phase.PRIMARY)
        for urn, title in [
            ("990001", "Ash Primary"),
            ("990003", "Cedar Primary"),
            ("990005", "Fir Primary"),
        ]
    }


def test_directory_results_carry_each_schools_latest_figures(
    client: Client,
    schools: dict[str, SchoolPage],
    load_census: Loader,
    django_assert_max_num_queries,  # type: ignore[no-untyped-def]
) -> None:
    load_census(ROWS)
    response = client.get("/api/v1/directory/", {"sort": "name"}, HTTP_ACCEPT="application/json")
    results = {school["urn"]: school for school in response.json()["results"]}

    ash = results["990001"]["sen_census"]
    assert ash["academic_year"] == "2024/25"
    assert ash["census"] == "January 2025"
    assert ash["pupils"] == {"count": 210, "not_published": None, "note": "210"}
    assert ash["sen_support"]["count"] == 30
    assert ash["ehc_plans"]["count"] == 4
    assert ash["example"] is False
    assert "Special educational needs in England" in ash["source"]
    assert results["990005"]["sen_census"] is None

    # One query for every school's figures, however many results.
    with django_assert_max_num_queries(40) as few:
        client.get("/api/v1/directory/", {"sort": "name"}, HTTP_ACCEPT="application/json")
    census_queries = [q for q in few.captured_queries if "census_schoolcensus" in q["sql"]]
    assert len(census_queries) == 1


def test_the_school_endpoint_gives_every_year_and_the_needs(
    client: Client, schools: dict[str, SchoolPage], load_census: Loader
) -> None:
    load_census(ROWS)
    body = client.get("/api/v1/schools/990001/sen-census/").json()

    assert (body["urn"], body["name"]) == ("990001", "Ash Primary")
    assert [year["academic_year"] for year in body["years"]] == ["2024/25", "2023/24"]
    needs = {need["need"]: need for need in body["years"][0]["needs"]}
    assert [need["need"] for need in body["years"][0]["needs"]] == ["SLCN", "ASD"]
    assert needs["ASD"]["sen_support"]["count"] == 20
    assert needs["ASD"]["ehc_plans"] == {
        "count": None,
        "not_published": "c",
        "note": "not published, to protect the privacy of a small number of pupils",
    }
    assert needs["ASD"]["pupils"]["not_published"] == "c"
    # (30 + 15) / (210 + 90) and (4 + 2) / 300, over the council's primary schools.
    assert body["council_average"] == {
        "compared_with": "the council's primary schools",
        "sen_support_percent": 15.0,
        "ehc_plans_percent": 2.0,
    }

    assert client.get("/api/v1/schools/990005/sen-census/").json()["years"] == []


def test_the_school_endpoint_names_a_bad_urn_and_hides_unpublished_schools(
    client: Client, schools: dict[str, SchoolPage], load_census: Loader
) -> None:
    load_census(ROWS)
    bad = client.get("/api/v1/schools/12ab/sen-census/")
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["parameter"] == "urn"

    assert client.get("/api/v1/schools/123456/sen-census/").status_code == 404
    schools["990001"].unpublish()
    assert client.get("/api/v1/schools/990001/sen-census/").status_code == 404


def test_the_openapi_description_documents_the_figures(client: Client, db: None) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/schools/{urn}/sen-census/" in schema["paths"]
    school = schema["components"]["schemas"]["School"]
    assert "sen_census" in school["properties"]
    figure = schema["components"]["schemas"]["Figure"]
    assert set(figure["properties"]) == {"count", "not_published", "note"}
