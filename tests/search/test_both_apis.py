"""The directory's JSON API and the Open Referral UK API find the same schools for the
same words: both read parents' words through the directory (search/directory.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from search.text import MAX_CONCEPTS

from .conftest import KNOWN_SCHOOLS, ask_api, create_school, spec

pytestmark = pytest.mark.django_db

WORDS = [
    "autism",
    "wheelchair",
    "Asperger's",  # a synonym of autism
    "autisim",  # a misspelling
    "speech therapy",
    "hard of hearing",
    "dyslexia",
    "makaton",  # only in one school's own words
    "gorse",  # a school's name
    "Pickering",  # a town
    "autism lift",
    "autism autism ASD autistic",  # one idea, said four ways
    "the school for my child",  # nothing but stop words
    "zebra",  # nothing
]


@pytest.fixture
def schools(known_schools, schools_index) -> None:
    create_school(
        schools_index,
        spec(
            "Juniper Primary School",
            report={"teaching_approach": "<p>Every class signs with Makaton.</p>"},
        ),
    )


def oruk_names(client: Client, words: str, path: str = "/services") -> list[str]:
    response = client.get(f"/api/oruk{path}", {"search": words, "per_page": 50})
    assert response.status_code == 200, response.content[:300]
    return sorted(item_name(item) for item in response.json()["contents"])


def item_name(item: dict[str, Any]) -> str:
    return item["organization"]["name"] if "organization" in item else item["name"]


def directory_names(client: Client, words: str) -> list[str]:
    return sorted(ask_api(client, {"q": words, "page_size": 100}).names)


@pytest.mark.parametrize("words", WORDS)
def test_both_apis_find_the_same_schools_for_the_same_words(
    client: Client, schools: None, words: str
) -> None:
    found = directory_names(client, words)

    assert oruk_names(client, words) == found
    assert oruk_names(client, words, "/organizations") == found


def test_the_words_mean_what_parents_mean(client: Client, schools: None) -> None:
    autism = sorted(s.name for s in KNOWN_SCHOOLS if "ASD" in s.need)

    assert oruk_names(client, "Asperger's") == autism
    assert oruk_names(client, "autisim") == autism
    assert oruk_names(client, "makaton") == ["Juniper Primary School"]
    assert oruk_names(client, "the school for my child") == sorted(
        [*(s.name for s in KNOWN_SCHOOLS), "Juniper Primary School"]
    )


def test_a_flood_of_words_costs_what_a_few_cost(client: Client, schools: None) -> None:
    # Issue 12: a hundred one-letter words made one ORUK request cost seconds of CPU.
    # Repeated words count once and only the first few ideas are searched for, as in
    # the directory: past those, more words add nothing to the SQL that runs.
    letters = [chr(code) for code in range(ord("b"), ord("z") + 1)]
    flood = " ".join(["autism"] * 10 + letters * 2)  # within ORUK's 200 characters
    few = " ".join(["autism", *letters[: MAX_CONCEPTS - 1]])

    oruk_names(client, few)  # the first request creates the council's settings
    with CaptureQueriesContext(connection) as flood_queries:
        flood_names = oruk_names(client, flood)
    with CaptureQueriesContext(connection) as few_queries:
        few_names = oruk_names(client, few)

    assert [q["sql"] for q in flood_queries] == [q["sql"] for q in few_queries]
    assert flood_names == few_names == directory_names(client, flood)
