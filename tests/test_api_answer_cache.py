"""The directory's JSON answers (/api/v1/) are kept on the server until the data
changes, as the Open Referral ones are (issue 20): a repeated question costs one small
query, and a change shows in the next answer."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from schools.factories import SchoolPageFactory
from schools.models import NeedArea, SchoolIndexPage, SchoolPage

pytestmark = pytest.mark.django_db

DIRECTORY = "/api/v1/directory/"


@pytest.fixture(autouse=True)
def _answers_kept(settings) -> None:
    settings.LOCALOFFER_SERVER_CACHED_API_PREFIXES = {
        "/api/oruk/": "public-api",
        "/api/v1/": "public-answers",
    }


@pytest.fixture
def two_schools(schools_index: SchoolIndexPage) -> list[SchoolPage]:
    need = NeedArea.objects.order_by("pk").first()
    schools = [
        SchoolPageFactory(parent=schools_index, title="Aspen Primary School", urn="990601"),
        SchoolPageFactory(parent=schools_index, title="Birch Academy", urn="990602"),
    ]
    for school in schools:
        school.needs.add(need)
    Client().get(DIRECTORY)  # the first request creates the council's settings
    return schools


def _names(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [result["name"] for result in response.json()["results"]]


def test_a_repeated_question_costs_one_query_until_a_report_is_published(two_schools):
    query = {"sort": "name"}
    Client().get(DIRECTORY, query)
    with CaptureQueriesContext(connection) as kept:
        answer = Client().get(DIRECTORY, query)
    assert len(kept) == 1  # the data version
    assert _names(answer) == ["Aspen Primary School", "Birch Academy"]
    # A change nothing watches: only the kept answer still hides it.
    Page.objects.filter(pk=two_schools[1].pk).update(title="Unseen Academy")
    assert _names(Client().get(DIRECTORY, query)) == ["Aspen Primary School", "Birch Academy"]

    aspen = two_schools[0]
    aspen.title = "Aspen Community Primary School"
    aspen.save_revision().publish()

    assert "Aspen Community Primary School" in _names(Client().get(DIRECTORY, query))


def test_a_vocabulary_rename_shows_in_the_next_answer(two_schools):
    need = NeedArea.objects.order_by("pk").first()
    first = Client().get(DIRECTORY, {"need": need.code}).content.decode()
    assert need.label in first

    need.label = "Help with talking and listening"
    need.save()

    assert (
        "Help with talking and listening"
        in Client().get(DIRECTORY, {"need": need.code}).content.decode()
    )


def test_a_kept_answer_gets_a_304_when_unchanged(two_schools):
    etag = Client().get(DIRECTORY, {"q": "autism"})["ETag"]

    again = Client().get(DIRECTORY, {"q": "autism"}, headers={"If-None-Match": etag})

    assert again.status_code == 304
    assert not again.content


def test_filters_asked_in_another_order_or_twice_get_the_kept_answer(two_schools):
    need = NeedArea.objects.order_by("pk").first()
    asked = Client().get(f"{DIRECTORY}?need={need.code}&phase=primary&phase=secondary&sort=name")

    same_question = f"sort=name&phase=secondary&phase=primary&phase=primary&need={need.code}&need="
    with CaptureQueriesContext(connection) as kept:
        answer = Client().get(f"{DIRECTORY}?{same_question}")
    assert len(kept) == 1  # the data version: the answer was kept
    assert answer.status_code == asked.status_code == 200
    assert answer.json() == asked.json()
