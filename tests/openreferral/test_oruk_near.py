"""ORUK ``postcode`` and ``proximity`` (metres from the postcode's centre): the same
schools in the same order as the directory's postcode search, valid against the schemas."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.search.conftest import ask_api
from tests.search.test_distance import NEAREST_FIRST, placed_schools, postcodes  # noqa: F401

from .oruk_schemas import problems

BASE = "/api/oruk"
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("placed_schools", "postcodes")]


def names(client: Client, path: str, **query: Any) -> list[str]:
    response = client.get(BASE + path, query)
    assert response.status_code == 200, response.content[:300]
    body = response.json()
    schema = "service_list" if path == "/services" else "service_at_location_list"
    assert problems(body, schema) == []
    # A service is named "Special educational needs support at <school>".
    if path == "/services":
        return [item["name"].split(" at ", 1)[1] for item in body["contents"]]
    return [item["service"]["name"].split(" at ", 1)[1] for item in body["contents"]]


@pytest.mark.parametrize("path", ["/services", "/service_at_locations"])
def test_a_postcode_lists_the_nearest_schools_first(client: Client, path: str) -> None:
    assert names(client, path, postcode="yo17 7aa") == NEAREST_FIRST


@pytest.mark.parametrize("path", ["/services", "/service_at_locations"])
def test_proximity_in_metres_keeps_the_schools_within_it(client: Client, path: str) -> None:
    # 8,047 metres is 5 miles: the directory's "within 5 miles".
    found = names(client, path, postcode="YO17 7AA", proximity="8047")
    directory = ask_api(client, {"postcode": "YO17 7AA", "distance": "5"}).names

    assert found == directory == NEAREST_FIRST[:3]


def test_the_same_search_with_words_and_a_need_gives_the_same_schools_in_the_same_order(
    client: Client,
) -> None:
    directory = ask_api(
        client, {"postcode": "YO17 7AA", "distance": "25", "q": "autism", "sort": "distance"}
    ).names
    oruk = names(client, "/services", postcode="YO17 7AA", proximity="40234", search="autism")

    assert oruk == directory == NEAREST_FIRST[:4]


def test_an_unknown_postcode_is_a_400_naming_it(client: Client) -> None:
    response = client.get(BASE + "/services", {"postcode": "ZZ9 9ZZ", "proximity": "1000"})

    assert response.status_code == 400
    assert response.json()["parameter"] == "postcode"
    assert "We could not find the postcode ZZ9 9ZZ" in response.json()["message"]
