"""``make run``: example postcodes for the example town, and the nearest school first."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from postcodes.demo import EXAMPLE_SCHOOL_POSTCODES, TRY_POSTCODE
from postcodes.models import OutwardCode, Postcode
from schools.models import SchoolPage
from search.models import DirectoryPage

pytestmark = pytest.mark.django_db

NEAREST_TO_TRY = [
    "Riverside Primary School",
    "Oakfield Infant School",
    "Hillside Academy",
    "Meadow View Special School",
    "St Anne's CE Primary School",
]


@pytest.fixture
def demo(settings: Any) -> None:
    settings.DEBUG = True
    call_command("setup_demo", stdout=io.StringIO())
    call_command("setup_demo", stdout=io.StringIO())  # idempotent


@pytest.mark.usefixtures("demo")
def test_the_demo_loads_only_made_up_postcodes_and_places_the_example_schools() -> None:
    assert Postcode.objects.exists()
    assert not Postcode.objects.exclude(postcode__startswith="ZZ").exists()
    placed = SchoolPage.objects.filter(latitude__isnull=False)
    assert set(placed.values_list("urn", flat=True)) == set(EXAMPLE_SCHOOL_POSTCODES)
    assert all(page.town == "Exampleton" for page in placed)  # the example town


@pytest.mark.usefixtures("demo")
def test_the_suggested_postcode_finds_the_nearest_school_first_on_every_way_in(
    client: Client,
) -> None:
    directory = DirectoryPage.objects.get()
    page = client.get(directory.url, {"postcode": TRY_POSTCODE.lower()})
    api = client.get("/api/v1/directory/", {"postcode": TRY_POSTCODE}).json()
    oruk = client.get("/api/oruk/services", {"postcode": TRY_POSTCODE}).json()

    listing = page.context["directory"]
    located = [item.hit.name for item in listing.items if item.hit.distance_miles is not None]
    assert located == NEAREST_TO_TRY
    assert listing.items[0].distance_text == "0.2 miles"
    assert "made-up example postcodes" in page.content.decode()
    assert [s["name"] for s in api["results"]][:5] == NEAREST_TO_TRY
    # An ORUK service is named "Special educational needs support at <school>".
    services = [s["name"] for s in oruk["contents"]][:5]
    assert [name.split(" at ", 1)[1] for name in services] == NEAREST_TO_TRY


@pytest.mark.usefixtures("demo")
def test_the_demo_postcode_search_combines_with_a_need_and_with_words(client: Client) -> None:
    params = {"postcode": TRY_POSTCODE, "distance": "10", "need": "ASD", "sort": "distance"}
    with_need = client.get("/api/v1/directory/", params).json()
    with_words = client.get("/api/v1/directory/", {**params, "need": [], "q": "autism"}).json()

    names = [school["name"] for school in with_need["results"]]
    assert names and set(names) <= set(NEAREST_TO_TRY)
    assert names == [n for n in NEAREST_TO_TRY if n in names]  # still nearest first
    distances = [school["distance_miles"] for school in with_words["results"]]
    assert distances == sorted(distances) and all(d <= 10 for d in distances)


def test_real_postcode_data_is_never_replaced_by_the_example(settings: Any) -> None:
    settings.DEBUG = True
    OutwardCode.objects.create(
        code="YO17", latitude=54.1, longitude=-0.8, postcodes=1, in_area=True
    )
    Postcode.objects.create(postcode="YO17 7AA", outward="YO17", latitude=54.1, longitude=-0.8)

    call_command("setup_demo", stdout=io.StringIO())

    assert list(Postcode.objects.values_list("postcode", flat=True)) == ["YO17 7AA"]


def test_the_open_data_page_gives_the_attribution_the_postcode_licences_require(
    client: Client,
) -> None:
    text = " ".join(client.get("/open-data/").content.decode().split())

    assert "Contains OS data © Crown copyright and database right" in text
    assert "Contains National Statistics data © Crown copyright and database right" in text
