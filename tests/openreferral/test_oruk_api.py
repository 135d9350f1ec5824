"""What users of the ORUK API see: the right schools, stable ids, clear errors."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from openreferral import ids
from openreferral.ids import Vocabulary
from schools.factories import SchoolPageFactory
from schools.models import NeedArea, SchoolIndexPage, SchoolPage

from .conftest import publish

BASE = "/api/oruk"


def get(client: Client, path: str, **query: Any) -> Any:
    response = client.get(BASE + path, query)
    assert response.status_code == 200, response.content[:500]
    return response.json()


def names(body: dict[str, Any]) -> list[str]:
    return [item["organization"]["name"] for item in body["contents"]]


def test_api_details_point_the_validator_at_oruk_3(client: Client, db: None) -> None:
    body = get(client, "/")

    assert body["version"] == "HSDS-UK-3.0"
    assert body["openapi_url"] == "https://openreferraluk.org/specifications/3.0/openapi.json"


def test_only_live_public_schools_appear(
    client: Client, rich_school: SchoolPage, hidden_schools: list[SchoolPage]
) -> None:
    assert names(get(client, "/services")) == ["Ryedale Example Academy"]
    assert len(get(client, "/organizations")["contents"]) == 1
    assert len(get(client, "/service_at_locations")["contents"]) == 1
    for page in hidden_schools:
        response = client.get(f"{BASE}/services/{ids.service_id(page.urn)}")
        assert response.status_code == 404
        assert "No service has the id" in response.json()["message"]


def test_a_school_keeps_its_ids_when_its_page_is_rebuilt(
    client: Client, schools_index: SchoolIndexPage
) -> None:
    first = publish(SchoolPageFactory(parent=schools_index, title="Beck School", urn="990020"))
    before = get(client, "/services")["contents"][0]
    first.delete()
    publish(SchoolPageFactory(parent=schools_index, title="Beck School", urn="990020"))
    after = get(client, "/services")["contents"][0]

    assert (after["id"], after["organization_id"]) == (before["id"], before["organization_id"])
    assert uuid.UUID(after["id"]).version == 5


def test_the_service_carries_the_schools_facts(client: Client, rich_school: SchoolPage) -> None:
    service = get(client, f"/services/{ids.service_id(rich_school.urn)}")

    assert service["assured_date"] == "2025-09-01"
    published = rich_school.last_published_at.astimezone(dt.UTC)
    assert service["last_modified"].startswith(published.strftime("%Y-%m-%dT%H:%M:%S."))
    assert service["last_modified"].endswith("Z")
    assert (service["minimum_age"], service["maximum_age"]) == (11, 18)
    assert service["contacts"][0]["name"] == "Mr J Senco"
    assert service["organization"]["organization_identifiers"][0]["identifier"] == "990003"
    location = service["service_at_locations"][0]["location"]
    assert (location["latitude"], location["longitude"]) == (54.245525, -0.781494)
    assert location["addresses"][0]["postal_code"] == "YO18 7ZZ"
    assert [item["description"] for item in location["accessibility"]] == [
        "Lift to upper floors",
        "Hearing loop or soundfield system",
    ]
    terms = {attribute["taxonomy_term"]["term"] for attribute in service["attributes"]}
    # Needs of the school and of its SEN unit, and the services it works with.
    assert terms == {"SEMH", "HI", "VI", "specialist-teachers-sensory-physical"}
    assert "10 places, 9 pupils on roll" in service["description"]


def test_the_open_data_describes_a_school_in_the_websites_words(
    client: Client, schools_index: SchoolIndexPage
) -> None:
    page = publish(
        SchoolPageFactory(
            parent=schools_index,
            title="Rowan School",
            urn="990022",
            phase="special",
            establishment_type="maintained-special",
            town="Malton",
        )
    )

    service = get(client, f"/services/{ids.service_id(page.urn)}")

    # As the school's page and the directory say it, not "Special school (maintained
    # special school)".
    assert service["organization"]["description"] == "Maintained special school in Malton."
    assert service["description"].startswith("Maintained special school.")
    caption = client.get(page.url).content.decode()
    assert "Maintained special school, Malton" in caption
    assert "special school (" not in json.dumps(service).lower()


def test_a_school_of_a_phase_and_a_type_is_described_by_both(
    client: Client, rich_school: SchoolPage
) -> None:
    organization = get(client, f"/organizations/{ids.organization_id(rich_school.urn)}")

    assert organization["description"] == "Secondary school, academy in Pickering."


def test_no_phone_number_is_published(client: Client, rich_school: SchoolPage) -> None:
    # ORUK 3.0 has no phone on services, locations, organizations or contacts.
    text = json.dumps(get(client, f"/services/{ids.service_id(rich_school.urn)}"))

    assert "01751" not in text
    assert '"phones"' not in text


def test_a_school_without_optional_details_leaves_them_out(
    client: Client, schools_index: SchoolIndexPage
) -> None:
    page = publish(SchoolPageFactory(parent=schools_index, title="Bare School", urn="990021"))

    service = get(client, f"/services/{ids.service_id(page.urn)}")

    assert "assured_date" not in service
    assert "contacts" not in service
    location = service["service_at_locations"][0]["location"]
    assert "latitude" not in location
    assert "addresses" not in location
    assert "null" not in json.dumps(service)
    assert '""' not in json.dumps(service)


@pytest.fixture
def three_schools(schools_index: SchoolIndexPage) -> dict[str, SchoolPage]:
    needs = {need.code: need for need in NeedArea.objects.all()}
    return {
        "autism": publish(
            SchoolPageFactory(
                parent=schools_index,
                title="Aspen Primary School",
                urn="990031",
                town="Malton",
                needs=[needs["ASD"]],
            )
        ),
        "deaf": publish(
            SchoolPageFactory(
                parent=schools_index,
                title="Birch Academy",
                urn="990032",
                town="Whitby",
                needs=[needs["HI"]],
            )
        ),
        "none": publish(
            SchoolPageFactory(
                parent=schools_index, title="Cedar Infant School", urn="990033", town="Selby"
            )
        ),
    }


def test_filter_by_taxonomy_term(client: Client, three_schools: dict[str, SchoolPage]) -> None:
    autism = ids.taxonomy_term_id(Vocabulary.NEEDS, "ASD")
    communication = ids.broad_area_term_id("communication-and-interaction")

    assert names(get(client, "/services", taxonomy_term_id=autism)) == ["Aspen Primary School"]
    assert names(get(client, "/services", taxonomy_term_id=communication)) == [
        "Aspen Primary School"
    ]
    assert names(get(client, "/services", taxonomy_term_id=str(uuid.uuid4()))) == []


def test_filter_by_taxonomy(client: Client, three_schools: dict[str, SchoolPage]) -> None:
    needs = ids.taxonomy_id(Vocabulary.NEEDS)

    assert names(get(client, "/services", taxonomy_id=needs)) == [
        "Aspen Primary School",
        "Birch Academy",
    ]


def test_filter_by_organization(client: Client, three_schools: dict[str, SchoolPage]) -> None:
    birch = ids.organization_id("990032")

    assert names(get(client, "/services", organization_id=birch)) == ["Birch Academy"]
    locations = get(client, "/service_at_locations", organization_id=birch)["contents"]
    assert [item["location"]["name"] for item in locations] == ["Birch Academy"]


def test_search_matches_names_towns_and_the_words_parents_use(
    client: Client, three_schools: dict[str, SchoolPage]
) -> None:
    assert names(get(client, "/services", search="autistic")) == ["Aspen Primary School"]
    assert names(get(client, "/services", search="deaf")) == ["Birch Academy"]
    assert names(get(client, "/services", search="selby")) == ["Cedar Infant School"]
    assert names(get(client, "/services", search="cedar selby")) == ["Cedar Infant School"]
    assert names(get(client, "/services", search="cedar whitby")) == []


def test_modified_after(client: Client, three_schools: dict[str, SchoolPage]) -> None:
    aspen = three_schools["autism"]
    SchoolPage.objects.filter(pk=aspen.pk).update(
        last_published_at=timezone.now() - dt.timedelta(days=10)
    )
    since = (timezone.now() - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")

    assert names(get(client, "/services", modified_after=since)) == [
        "Birch Academy",
        "Cedar Infant School",
    ]
    # A "+01:00" typed into a URL unencoded arrives as " 01:00"; it still works.
    unencoded = since.replace("Z", "+00:00")
    assert get(client, f"/services?modified_after={unencoded}")["total_items"] == 2


def test_pages_of_results(client: Client, three_schools: dict[str, SchoolPage]) -> None:
    body = get(client, "/services", per_page=2, page=2)

    assert names(body) == ["Cedar Infant School"]
    assert body["total_items"] == 3
    assert body["total_pages"] == 2
    assert (body["page_number"], body["size"]) == (2, 2)
    assert (body["first_page"], body["last_page"], body["empty"]) == (False, True, False)
    assert get(client, "/services", per_page=2, page=3)["empty"] is True


def test_every_result_as_ndjson(client: Client, three_schools: dict[str, SchoolPage]) -> None:
    response = client.get(f"{BASE}/services", {"format": "ndjson", "per_page": 1})
    lines = b"".join(response.streaming_content).decode().splitlines()

    assert response["Content-Type"].startswith("application/x-ndjson")
    assert [json.loads(line)["organization"]["name"] for line in lines] == [
        "Aspen Primary School",
        "Birch Academy",
        "Cedar Infant School",
    ]


def test_taxonomies_and_their_terms(client: Client, db: None) -> None:
    taxonomies = get(client, "/taxonomies")["contents"]
    needs = get(client, f"/taxonomies/{ids.taxonomy_id(Vocabulary.NEEDS)}")
    top = get(client, "/taxonomy_terms", top_only="true", taxonomy_id=needs["id"])["contents"]
    under = get(client, "/taxonomy_terms", parent_id=ids.broad_area_term_id("sensory-and-physical"))

    assert [taxonomy["name"] for taxonomy in taxonomies] == [
        "Types of special educational need",
        "Accessibility features",
        "Outreach and specialist services",
    ]
    assert {term["term"] for term in needs["taxonomy_terms"]} >= {"ASD", "SLCN", "OTH"}
    # The four broad areas of need, and "other", which has no broad area.
    assert {term["term"] for term in top} == {
        "communication-and-interaction",
        "cognition-and-learning",
        "social-emotional-mental-health",
        "sensory-and-physical",
        "OTH",
    }
    assert {term["term"] for term in under["contents"]} == {"HI", "VI", "MSI", "PD"}


@pytest.mark.parametrize(
    ("path", "query", "parameter"),
    [
        ("/services", {"per_page": "0"}, "per_page"),
        ("/services", {"per_page": "lots"}, "per_page"),
        ("/services", {"per_page": "100000"}, "per_page"),
        ("/services", {"page": "-1"}, "page"),
        ("/services", {"taxonomy_term_id": "autism"}, "taxonomy_term_id"),
        ("/services", {"taxonomy_id": "1"}, "taxonomy_id"),
        ("/services", {"organization_id": "121404"}, "organization_id"),
        ("/services", {"modified_after": "yesterday"}, "modified_after"),
        ("/services", {"modified_after": "9999-12-31T23:59:59-14:00"}, "modified_after"),
        ("/services", {"page": "1e3"}, "page"),
        ("/services", {"full": "maybe"}, "full"),
        ("/services", {"format": "xml"}, "format"),
        ("/services", {"search": "x" * 300}, "search"),
        ("/service_at_locations", {"postcode": "YO17 8RD"}, "postcode"),
        ("/services", {"proximity": "1000"}, "proximity"),
        ("/services", {"postcode": "YO17 8RD", "proximity": "near"}, "proximity"),
        ("/service_at_locations", {"postcode": "YO17 8RD", "proximity": "-5"}, "proximity"),
        ("/taxonomy_terms", {"parent_id": "top"}, "parent_id"),
        ("/taxonomy_terms", {"top_only": "perhaps"}, "top_only"),
        ("/organizations", {"full_service": "2"}, "full_service"),
        ("/services/not-a-uuid", {}, "id"),
        ("/taxonomies/123", {}, "id"),
    ],
)
def test_bad_parameters_get_a_400_naming_them(
    client: Client, db: None, path: str, query: dict[str, str], parameter: str
) -> None:
    response = client.get(BASE + path, query)

    assert response.status_code == 400
    body = response.json()
    assert body["parameter"] == parameter
    assert parameter in body["message"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_unknown_ids_get_a_404(client: Client, db: None) -> None:
    for path in (
        "services",
        "organizations",
        "service_at_locations",
        "taxonomies",
        "taxonomy_terms",
    ):
        response = client.get(f"{BASE}/{path}/{uuid.uuid4()}")
        assert response.status_code == 404
        assert response["Access-Control-Allow-Origin"] == "*"


def test_any_web_page_may_read_the_api(client: Client, rich_school: SchoolPage) -> None:
    response = client.get(f"{BASE}/services", HTTP_ORIGIN="https://familyhubs.example.org")

    assert response["Access-Control-Allow-Origin"] == "*"


def test_the_api_is_read_only(client: Client, rich_school: SchoolPage) -> None:
    response = client.post(f"{BASE}/services", {"name": "New"})

    assert response.status_code == 405
    assert response.json()["message"] == "This API is read-only: use GET."


def test_listing_services_takes_a_fixed_number_of_queries(
    client: Client, schools_index: SchoolIndexPage, django_assert_max_num_queries: Any
) -> None:
    needs = list(NeedArea.objects.all()[:3])
    for number in range(12):
        publish(
            SchoolPageFactory(
                parent=schools_index, title=f"School {number}", urn=f"9901{number:02d}", needs=needs
            )
        )

    # One query per kind of related record, however many schools: no query per school.
    with django_assert_max_num_queries(16):
        body = get(client, "/services", full="true")

    assert body["total_items"] == 12
