"""Where a typed postcode is: full or partial, any case and spacing, or why not."""

from __future__ import annotations

import pytest

from postcodes.models import OutwardCode, Postcode
from postcodes.selectors import (
    Location,
    LocationProblem,
    NotFound,
    forget_cached,
    locate,
    postcodes_loaded,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded() -> None:
    OutwardCode.objects.create(
        code="YO17", latitude=54.13, longitude=-0.79, postcodes=2, in_area=True
    )
    OutwardCode.objects.create(
        code="LS1", latitude=53.79, longitude=-1.54, postcodes=9, in_area=False
    )
    Postcode.objects.create(postcode="YO17 7AA", outward="YO17", latitude=54.135, longitude=-0.797)


@pytest.mark.parametrize("typed", ["YO17 7AA", "yo17 7aa", "YO177AA", "  yo 17 7 aa "])
def test_a_full_postcode_in_any_case_and_spacing_is_its_own_point(loaded: None, typed: str) -> None:
    assert locate(typed) == Location("YO17 7AA", 54.135, -0.797)


@pytest.mark.parametrize("typed", ["YO17", "yo17", " Yo17 "])
def test_an_outward_code_is_the_centre_of_its_postcodes(loaded: None, typed: str) -> None:
    found = locate(typed)
    assert found == Location("YO17", 54.13, -0.79)
    assert isinstance(found, Location) and found.is_partial


@pytest.mark.parametrize(
    ("typed", "reason", "message"),
    [
        (
            "ZZ9 9ZZ",
            NotFound.UNKNOWN,
            "We could not find the postcode ZZ9 9ZZ. Check it and try again.",
        ),
        ("YO17 7ZZ", NotFound.UNKNOWN, "We could not find the postcode YO17 7ZZ."),
        ("zz9", NotFound.UNKNOWN, "We could not find the postcode ZZ9."),
        ("LS1 1AA", NotFound.OUTSIDE, "LS1 1AA is outside the area this directory covers"),
        ("ls1", NotFound.OUTSIDE, "LS1 is outside the area"),
        ("Malton", NotFound.MALFORMED, "\u201cMalton\u201d is not a postcode."),
        ("YO17-7AA", NotFound.MALFORMED, "is not a postcode"),
        ("<script>", NotFound.MALFORMED, "is not a postcode"),
    ],
)
def test_postcodes_that_give_no_point_say_why(
    loaded: None, typed: str, reason: NotFound, message: str
) -> None:
    found = locate(typed)
    assert isinstance(found, LocationProblem)
    assert found.reason is reason
    assert message in found.message


def test_location_search_is_set_up_once_postcodes_are_loaded(loaded: None) -> None:
    assert postcodes_loaded()
    OutwardCode.objects.filter(in_area=True).delete()
    forget_cached()  # as import_postcodes does after writing
    assert not postcodes_loaded()
