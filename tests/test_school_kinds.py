"""What kind of school it is, as result cards, school pages, the schools list and the
compare page say it: the phase and the type of school each said once."""

from __future__ import annotations

import itertools

import pytest
from django.test import Client

from schools.factories import SchoolPageFactory
from schools.kinds import EstablishmentType, Phase, school_description
from schools.models import SchoolIndexPage
from search.services import ensure_directory_page


@pytest.mark.parametrize(
    ("phase", "establishment_type", "said"),
    [
        # The type says the phase already: the type alone.
        ("special", "maintained-special", "Maintained special school"),
        ("special", "academy-special", "Special academy"),
        ("special", "independent-special", "Independent special school"),
        ("nursery", "maintained-nursery", "Maintained nursery school"),
        ("alternative-provision", "pupil-referral-unit", "Pupil referral unit"),
        # Each adds something: both.
        ("primary", "academy", "Primary school, academy"),
        ("secondary", "voluntary-aided", "Secondary school, voluntary aided school"),
        ("infant", "community", "Infant school, community school"),
        ("16-19", "free-school", "16 to 19 school, free school"),
        ("alternative-provision", "academy", "Alternative provision, academy"),
        ("special", "academy", "Special school, academy"),
        ("primary", "maintained-special", "Primary school, maintained special school"),
        # No type, or one that says nothing: the phase alone.
        ("primary", "", "Primary school"),
        ("special", "", "Special school"),
        ("alternative-provision", "", "Alternative provision"),
        ("secondary", "other", "Secondary school"),
        # Codes we do not know are left out rather than shown as codes.
        ("", "academy", "Academy"),
        ("castle", "academy", "Academy"),
        ("primary", "castle", "Primary school"),
        ("", "", ""),
    ],
)
def test_the_phase_and_the_type_are_each_said_once(
    phase: str, establishment_type: str, said: str
) -> None:
    assert school_description(phase, establishment_type) == said


def test_no_combination_repeats_itself() -> None:
    for phase, establishment_type in itertools.product(
        Phase.values, ["", *EstablishmentType.values]
    ):
        said = school_description(phase, establishment_type)

        assert said and said == said[0].upper() + said[1:], (phase, establishment_type)
        assert "school school" not in said.lower(), said
        # "Special school, maintained special school" and the like.
        for word in ("special", "nursery", "referral"):
            assert said.lower().count(word) <= 1, said


@pytest.mark.django_db
def test_every_page_that_says_what_kind_of_school_says_it_once(
    client: Client, schools_index: SchoolIndexPage
) -> None:
    directory = ensure_directory_page(schools_index)
    school = SchoolPageFactory(
        parent=schools_index,
        title="Rowan School",
        phase="special",
        establishment_type="maintained-special",
        town="Malton",
    )

    pages = {
        "school page": client.get(school.url),
        "schools list": client.get(schools_index.url),
        "results": client.get(directory.url),
        "compare page": client.get(f"{schools_index.url}compare/", {"urn": school.urn}),
    }

    for where, response in pages.items():
        html = response.content.decode()
        assert "Maintained special school, Malton" in html, where
        assert "Special school, maintained" not in html, where
    # Above the school's name, and not again in its key facts.
    assert pages["school page"].content.decode().count("aintained special school") == 1
