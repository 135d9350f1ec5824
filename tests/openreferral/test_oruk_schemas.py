"""Every endpoint of the ORUK 3.0 OpenAPI document answers, and validates, on our data."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from jsonschema import Draft202012Validator

from openreferral import ids
from openreferral.ids import Vocabulary
from schools.models import NeedArea, SchoolPage

from .oruk_schemas import endpoints, problems

BASE = "/api/oruk"


def example_ids(page: SchoolPage) -> dict[str, str]:
    autism = NeedArea.objects.get(code="ASD")
    return {
        "/services/{id}": ids.service_id(page.urn),
        "/organizations/{id}": ids.organization_id(page.urn),
        "/service_at_locations/{id}": ids.service_at_location_id(page.urn),
        "/taxonomies/{id}": ids.taxonomy_id(Vocabulary.NEEDS),
        "/taxonomy_terms/{id}": ids.taxonomy_term_id(Vocabulary.NEEDS, autism.code),
    }


def get_json(client: Client, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, (url, response.content[:500])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_format_checks_are_really_on() -> None:
    # Without jsonschema[format-nongpl], dates and web addresses are not checked at all.
    assert {"uuid", "email", "uri", "date-time"} <= set(
        Draft202012Validator.FORMAT_CHECKER.checkers
    )


def test_the_schemas_catch_a_broken_service() -> None:
    broken = {"id": "school-1", "name": "X", "status": "open", "last_modified": "15/01/2026"}

    found = problems(broken, "service")

    assert "at /id: 'school-1' is not a 'uuid'" in found
    assert "at /last_modified: '15/01/2026' is not a 'date-time'" in found
    assert any(line.startswith("at /status:") for line in found)


@pytest.mark.parametrize("route", sorted(endpoints()))
def test_every_endpoint_validates_on_the_demo_schools(
    client: Client, demo_schools: list[SchoolPage], route: str
) -> None:
    assert demo_schools, "the demo data should load schools"
    for page in demo_schools:
        url = BASE + route.replace("{id}", example_ids(page).get(route, ""))
        body = get_json(client, url)
        assert problems(body, endpoints()[route]) == [], url


@pytest.mark.parametrize("route", sorted(endpoints()))
def test_every_endpoint_validates_with_every_detail_filled_in(
    client: Client, rich_school: SchoolPage, route: str
) -> None:
    url = BASE + route.replace("{id}", example_ids(rich_school).get(route, ""))
    body = get_json(client, url)
    assert problems(body, endpoints()[route]) == []


@pytest.mark.parametrize(
    ("route", "query"),
    [
        ("/services", "full=true"),
        ("/services", "search=hearing&per_page=1"),
        ("/organizations", "full_service=true"),
        ("/organizations", "full=true"),
        ("/taxonomy_terms", "top_only=true"),
        ("/service_at_locations", "page=2&per_page=1"),
    ],
)
def test_list_options_still_validate(
    client: Client, rich_school: SchoolPage, demo_schools: list[SchoolPage], route: str, query: str
) -> None:
    body = get_json(client, f"{BASE}{route}?{query}")
    assert problems(body, endpoints()[route]) == []


def test_list_items_validate_as_full_records(client: Client, rich_school: SchoolPage) -> None:
    # The list schemas only check one level; each item should also be a valid record.
    services = get_json(client, f"{BASE}/services?full=true")["contents"]
    locations = get_json(client, f"{BASE}/service_at_locations")["contents"]
    organizations = get_json(client, f"{BASE}/organizations?full_service=true")["contents"]

    assert [problems(item, "service") for item in services] == [[]]
    assert [problems(item, "service_at_location") for item in locations] == [[]]
    assert [problems(item, "organization") for item in organizations] == [[]]
    assert [problems(item, "service") for item in organizations[0]["services"]] == [[]]
