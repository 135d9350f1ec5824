"""What the public JSON APIs cost (issue 12, item 6): HTTP caching with ETags, the
Open Referral dumps kept until the data changes, and a rate limit per address."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from schools.factories import SchoolPageFactory
from schools.models import SchoolIndexPage, SchoolPage

DUMP = "/api/oruk/services"
DIRECTORY = "/api/v1/directory/"


@pytest.fixture
def two_schools(schools_index: SchoolIndexPage) -> list[SchoolPage]:
    return [
        SchoolPageFactory(parent=schools_index, title="Aspen Primary School", urn="990101"),
        SchoolPageFactory(parent=schools_index, title="Birch Academy", urn="990102"),
    ]


def dump_names(response) -> list[str]:
    lines = b"".join(response.streaming_content).decode().splitlines()
    return [json.loads(line)["organization"]["name"] for line in lines]


def queries_for(client: Client, url: str, query: dict[str, str]) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, query)
    return len(context), response


@pytest.mark.parametrize(
    ("url", "query"),
    [(DUMP, {"format": "ndjson"}), ("/api/oruk/services/", {}), (DIRECTORY, {"q": "autism"})],
)
def test_answers_carry_an_etag_and_an_unchanged_one_gets_a_304(
    client: Client, two_schools: list[SchoolPage], url: str, query: dict[str, str]
) -> None:
    first = client.get(url, query)
    assert first.status_code == 200
    assert "public" in first["Cache-Control"] and "max-age=60" in first["Cache-Control"]
    etag = first["ETag"]
    assert etag.startswith('"') and len(etag) > 10

    again = client.get(url, query, headers={"If-None-Match": etag})

    assert again.status_code == 304
    assert again["ETag"] == etag
    assert not b"".join(again.streaming_content if again.streaming else [again.content])


def test_a_different_etag_gets_the_whole_answer(
    client: Client, two_schools: list[SchoolPage]
) -> None:
    response = client.get(DUMP, {"format": "ndjson"}, headers={"If-None-Match": '"stale"'})
    assert response.status_code == 200
    assert dump_names(response) == ["Aspen Primary School", "Birch Academy"]


def test_the_full_dump_is_kept_until_the_next_publish(
    client: Client, two_schools: list[SchoolPage]
) -> None:
    query = {"format": "ndjson", "full": "true"}
    client.get("/api/oruk/services/")  # creates the council's settings, once
    built, first = queries_for(client, DUMP, query)
    first_names = dump_names(first)
    assert first_names == ["Aspen Primary School", "Birch Academy"]

    kept, second = queries_for(client, DUMP, query)
    # Only the one small query that says whether anything changed (the data version).
    assert kept == 1 < built
    assert dump_names(second) == first_names

    aspen = two_schools[0]
    aspen.title = "Aspen Community Primary School"
    aspen.save_revision().publish()

    assert dump_names(client.get(DUMP, query)) == [
        "Aspen Community Primary School",
        "Birch Academy",
    ]


def test_errors_are_not_cached_or_marked_cacheable(client: Client, db: None) -> None:
    response = client.get(DUMP, {"format": "xml"})
    assert response.status_code == 400
    assert "ETag" not in response
    assert "public" not in response.get("Cache-Control", "")


@override_settings(LOCALOFFER_API_RATES=("3/m", "1000/d"))
def test_too_many_requests_from_one_address_get_a_json_429_naming_the_limit(
    client: Client, db: None
) -> None:
    for _ in range(3):
        assert client.get("/api/oruk/").status_code == 200

    refused = client.get("/api/oruk/")

    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/json"
    assert refused["Retry-After"] == "60"
    body = refused.json()
    assert body["status"] == 429
    assert body["limit"] == "3/m"
    assert "3 requests a minute" in body["message"]
    # The two APIs share one allowance, and another address has its own.
    assert client.get(DIRECTORY).status_code == 429
    assert client.get("/api/oruk/", REMOTE_ADDR="192.0.2.7").status_code == 200


@override_settings(LOCALOFFER_API_RATES=("2/m",), LOCALOFFER_TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_each_visitor_is_counted_by_the_address_the_proxy_saw(
    client: Client, db: None
) -> None:
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(2):
        client.get("/api/oruk/", HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy)
    assert client.get("/api/oruk/", HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy).status_code == 429
    # A visitor cannot pick a fresh address: the proxy appends the one it saw.
    spoofed = client.get("/api/oruk/", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.1", **proxy)
    assert spoofed.status_code == 429
    assert client.get("/api/oruk/", HTTP_X_FORWARDED_FOR="198.51.100.2", **proxy).status_code == 200


@override_settings(LOCALOFFER_API_RATES=("2/m",))
def test_without_a_trusted_proxy_a_forwarded_header_changes_nothing(
    client: Client, db: None
) -> None:
    for number in range(2):
        client.get("/api/oruk/", HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")
    assert client.get("/api/oruk/", HTTP_X_FORWARDED_FOR="198.51.100.9").status_code == 429


@override_settings(LOCALOFFER_API_RATES=("1/m",))
def test_the_rest_of_the_site_is_not_limited(client: Client, two_schools: list[SchoolPage]) -> None:
    client.get("/api/oruk/")
    assert client.get("/api/oruk/").status_code == 429
    assert client.get(two_schools[0].url).status_code == 200
