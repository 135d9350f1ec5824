"""Schools near me: a postcode (full or partial) and a distance, on the page and the API.

Part of the contract (tests/search/contract runs these on both backends). The schools
lie due north (or south) of the parent's postcode, so their distances are known: a
hundredth of a degree of latitude is 0.691 miles.
"""

from __future__ import annotations

import pytest
from django.test import Client

from postcodes.models import OutwardCode, Postcode
from schools.models import SchoolIndexPage

from .conftest import KNOWN_SCHOOLS, ask_api, ask_page, create_school

pytestmark = pytest.mark.django_db

HOME = (54.1350, -0.7970)  # "YO17 7AA" in these tests
# Degrees north of HOME; None: no location known.
NORTH = {
    "Gorse Primary School": 0.01,
    "Ash Primary School": 0.02,
    "Birch Primary School": 0.05,
    "Cedar Academy": 0.1,
    "Damson Infant School": -0.2,
    "Elm Primary School": 0.3,
    "Fir Special School": 0.5,
    "Hazel Secondary School": None,
}
MILES_PER_HUNDREDTH = 0.691
NEAREST_FIRST = list(NORTH)


@pytest.fixture
def placed_schools(schools_index: SchoolIndexPage) -> None:
    for school in KNOWN_SCHOOLS:
        north = NORTH[school.name]
        where = {} if north is None else {"latitude": HOME[0] + north, "longitude": HOME[1]}
        create_school(schools_index, school, **where)


@pytest.fixture
def postcodes() -> None:
    OutwardCode.objects.create(
        code="YO17", latitude=HOME[0] + 0.05, longitude=HOME[1], postcodes=2, in_area=True
    )
    OutwardCode.objects.create(code="LS1", latitude=53.8, longitude=-1.55, postcodes=1)
    Postcode.objects.create(
        postcode="YO17 7AA", outward="YO17", latitude=HOME[0], longitude=HOME[1]
    )


def miles(name: str, frm: float = 0.0) -> float:
    return abs(NORTH[name] - frm) * 100 * MILES_PER_HUNDREDTH


@pytest.mark.usefixtures("placed_schools", "postcodes")
def test_a_postcode_lists_the_nearest_schools_first_with_their_distance(client: Client) -> None:
    answer = ask_api(client, {"postcode": "yo177aa"})

    assert answer.names == NEAREST_FIRST  # the school without a location last
    distances = [school["distance_miles"] for school in answer.body["results"]]
    assert distances[:-1] == pytest.approx([miles(n) for n in NEAREST_FIRST[:-1]], abs=0.01)
    assert distances[-1] is None
    assert answer.body["location"] == {"postcode": "YO17 7AA", "partial": False, "distance": None}


@pytest.mark.usefixtures("placed_schools", "postcodes")
def test_a_distance_keeps_the_schools_within_it_and_counts_only_them(ask) -> None:
    answer = ask({"postcode": "YO17 7AA", "distance": "5"})

    assert answer.names == ["Gorse Primary School", "Ash Primary School", "Birch Primary School"]
    assert answer.facets["need"]["ASD"] == 3
    assert answer.facets["need"].get("SEMH", 0) == 0  # Elm is 20.7 miles away
    assert answer.facets["phase"] == {"primary": 3} | {
        phase: 0 for phase, count in answer.facets["phase"].items() if phase != "primary"
    }


@pytest.mark.usefixtures("placed_schools", "postcodes")
def test_distance_combines_with_filters_and_their_counts(ask) -> None:
    answer = ask({"postcode": "YO17 7AA", "distance": "10", "need": "ASD", "phase": "primary"})

    assert answer.names == ["Gorse Primary School", "Ash Primary School", "Birch Primary School"]
    # Each filter's counts: every other filter and the distance applied.
    assert answer.facets["phase"]["secondary"] == 1  # Cedar, 6.9 miles
    assert answer.facets["phase"].get("special", 0) == 0  # Fir, 34.5 miles
    assert answer.facets["need"]["SEMH"] == 0  # Elm is beyond 10 miles


@pytest.mark.usefixtures("placed_schools", "postcodes")
def test_with_words_the_best_match_comes_first_and_distance_is_a_choice(client: Client) -> None:
    words = ask_api(client, {"postcode": "YO17 7AA", "q": "autism", "distance": "25"})
    nearest = ask_api(
        client, {"postcode": "YO17 7AA", "q": "autism", "distance": "25", "sort": "distance"}
    )

    autism_nearby = [
        "Gorse Primary School",
        "Ash Primary School",
        "Birch Primary School",
        "Cedar Academy",
    ]
    assert sorted(words.names) == sorted(autism_nearby)
    assert nearest.names == autism_nearby
    assert all(school["distance_miles"] is not None for school in words.body["results"])


@pytest.mark.usefixtures("placed_schools", "postcodes")
@pytest.mark.parametrize("typed", ["YO17", "yo17", " yo 17 "])
def test_a_partial_postcode_measures_from_the_middle_of_its_area(
    client: Client, typed: str
) -> None:
    answer = ask_api(client, {"postcode": typed, "distance": "3"})

    # The middle of YO17 is 0.05 degrees north: Birch is there, Ash and Gorse 2 miles off.
    assert answer.names == ["Birch Primary School", "Ash Primary School", "Gorse Primary School"]
    assert answer.body["results"][0]["distance_miles"] == pytest.approx(0.0, abs=0.01)
    assert answer.body["location"]["partial"] is True


@pytest.mark.usefixtures("placed_schools", "postcodes")
def test_the_page_shows_each_schools_distance_and_offers_the_distance_sort(
    client: Client, directory
) -> None:
    answer = ask_page(client, directory, {"postcode": "yo17 7aa", "distance": "5"})
    html = answer.body.content.decode()

    assert answer.names == ["Gorse Primary School", "Ash Primary School", "Birch Primary School"]
    assert "3 schools within 5 miles of YO17 7AA" in " ".join(html.split())
    assert "<strong>0.7 miles</strong> away" in html
    assert "<strong>1.4 miles</strong> away" in html
    assert 'value="YO17 7AA"' in html
    assert '<option value="distance" selected>' in html
    assert '<option value="5" selected>' in html


@pytest.mark.usefixtures("placed_schools", "postcodes")
@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("ZZ9 9ZZ", "We could not find the postcode ZZ9 9ZZ. Check it and try again."),
        ("LS1 1AA", "LS1 1AA is outside the area this directory covers"),
        ("not a postcode", "is not a postcode"),
    ],
)
def test_a_postcode_we_cannot_use_is_explained(
    client: Client, directory, typed: str, message: str
) -> None:
    page = ask_page(client, directory, {"postcode": typed, "distance": "5"})
    api = ask_api(client, {"postcode": typed, "distance": "5"})

    assert page.status == 200
    assert message in page.body.content.decode().replace("&quot;", '"')
    assert page.count == len(KNOWN_SCHOOLS)  # the rest of the search still runs, A to Z
    assert page.names == sorted(NORTH)
    assert api.status == 400
    assert [e["parameter"] for e in api.body["errors"]] == ["postcode"]
    assert message in api.body["errors"][0]["message"]


@pytest.mark.usefixtures("placed_schools", "postcodes")
def test_a_distance_or_distance_sort_needs_a_postcode(client: Client) -> None:
    for params, parameter in [
        ({"distance": "5"}, "distance"),
        ({"sort": "distance"}, "sort"),
        ({"postcode": "YO17 7AA", "distance": "7"}, "distance"),
    ]:
        answer = ask_api(client, params)
        assert answer.status == 400, params
        assert [e["parameter"] for e in answer.body["errors"]] == [parameter]


@pytest.mark.usefixtures("placed_schools")
def test_without_postcode_data_there_is_no_postcode_box_and_the_api_says_so(
    client: Client, directory
) -> None:
    page = ask_page(client, directory)
    api = ask_api(client, {"postcode": "YO17 7AA"})

    assert 'name="postcode"' not in page.body.content.decode()
    assert api.status == 400
    assert api.body["errors"][0]["parameter"] == "postcode"
    assert "not set up" in api.body["errors"][0]["message"]


@pytest.mark.usefixtures("placed_schools", "postcodes")
def test_with_postcode_data_the_page_offers_the_postcode_box(client: Client, directory) -> None:
    html = ask_page(client, directory).body.content.decode()

    assert 'name="postcode"' in html and 'autocomplete="postal-code"' in html
    assert "Distance not known" not in html  # no distances without a postcode


@pytest.mark.usefixtures("placed_schools", "postcodes")
def test_the_form_as_sent_with_any_distance_is_no_problem(client: Client, directory) -> None:
    answer = ask_page(client, directory, {"q": "", "postcode": "yo17 7aa", "distance": ""})

    assert answer.body.context["directory"].problems == []
    assert answer.names == NEAREST_FIRST


@pytest.mark.usefixtures("placed_schools", "postcodes")
def test_clearing_the_filters_keeps_the_postcode_and_distance(client: Client, directory) -> None:
    answer = ask_page(client, directory, {"postcode": "YO17 7AA", "distance": "10", "need": "ASD"})

    assert answer.body.context["directory"].clear_url.endswith("?postcode=YO17+7AA&distance=10")


@pytest.mark.usefixtures("placed_schools", "postcodes")
@pytest.mark.parametrize(
    ("typed", "then"),
    [
        ("yo17 7aa", "?postcode=YO17+7AA"),
        ("YO177AA", "?postcode=YO17+7AA"),
        ("YO17", "?postcode=YO17"),
        ("autism near yo17 7aa", "?q=autism&postcode=YO17+7AA"),
        ("near YO17 7AA", "?postcode=YO17+7AA"),
    ],
)
def test_a_postcode_typed_in_the_search_box_finds_the_schools_near_it(
    client: Client, directory, typed: str, then: str
) -> None:
    sent = client.get(directory.url, {"q": typed, "sort": "name", "page": "2"})

    assert sent.status_code == 302
    assert sent.headers["Location"] == directory.url + then
    followed = client.get(sent.headers["Location"])
    shown = " ".join(followed.content.decode().split())
    assert "near YO17" in shown
    assert "check the spelling" not in shown
    assert followed.context["directory"].items, "no schools near the postcode"
    # The results come first, as after any search: the page's introduction is not shown.
    assert "Search for schools by the help your child needs" not in shown


@pytest.mark.usefixtures("placed_schools", "postcodes")
@pytest.mark.parametrize("typed", ["Y6", "P7 autism", "autism", "Ash Primary School"])
def test_words_that_are_not_a_postcode_stay_words(client: Client, directory, typed: str) -> None:
    assert client.get(directory.url, {"q": typed}).status_code == 200


@pytest.mark.usefixtures("placed_schools", "postcodes")
def test_a_postcode_in_the_search_box_leaves_a_postcode_given_in_its_own_box(
    client: Client, directory
) -> None:
    answer = ask_page(client, directory, {"q": "LS1 1AA", "postcode": "YO17 7AA"})

    assert answer.status == 200


@pytest.mark.usefixtures("placed_schools")
def test_without_postcode_data_a_postcode_in_the_search_box_is_searched_as_words(
    client: Client, directory
) -> None:
    assert client.get(directory.url, {"q": "YO17 7AA"}).status_code == 200
