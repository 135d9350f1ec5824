"""Compare schools: up to three side by side, chosen in the URL, never an error page."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from schools.compare import MAX_LISTED
from schools.factories import SchoolPageFactory
from schools.models import NeedArea, SchoolIndexPage, SchoolPage
from search.services import ensure_directory_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def schools(schools_index: SchoolIndexPage) -> dict[str, SchoolPage]:
    ash = SchoolPageFactory(
        parent=schools_index,
        title="Ash Primary",
        urn="100001",
        identification="<p>We use a graduated approach to spot needs early.</p>",
        senco_name="Ms Ash",
        senco_email="senco@ash.example",
    )
    ash.needs.set(NeedArea.objects.filter(code="ASD"))
    ash.save()
    birch = SchoolPageFactory(
        parent=schools_index,
        title="Birch Academy",
        urn="100002",
        identification="<p>Teachers talk to parents every term.</p>",
    )
    cedar = SchoolPageFactory(parent=schools_index, title="Cedar Primary", urn="100003")
    dogwood = SchoolPageFactory(parent=schools_index, title="Dogwood Primary", urn="100004")
    draft = SchoolPageFactory(parent=schools_index, title="Draft Primary", urn="100009")
    draft.unpublish()
    return {s.title: s for s in (ash, birch, cedar, dogwood, draft)}


def _compare(client: Client, index: SchoolIndexPage, urns: list[str]):
    return client.get(f"{index.url}compare/", {"urn": urns})


def _columns(html: str) -> list[str]:
    """The schools' names heading each column of the key facts, in order."""
    return re.findall(r'class="govuk-heading-m app-compare__school"><a[^>]*>([^<]+)</a>', html)


def _answers(html: str, key: str) -> list[str]:
    """Each school's answer to one statutory item, as text."""
    section = html[html.index(f'id="item-{key}"') :]
    section = section[: section.index("</section>")]
    cells = re.split(r'<div class="app-compare__cell">', section)[1:]
    return [" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in cells]


def _offered(html: str) -> list[str]:
    """The URNs of the schools with an "Add" button, in order."""
    return re.findall(r'<button type="submit" name="urn" value="(\d+)"', html)


def _add_form_keeps(html: str) -> list[str]:
    """The URNs the "Add" buttons' form sends with the one added."""
    form = html[: html.index('class="govuk-list app-compare__candidates"')]
    form = form[form.rindex("<form") :]
    return re.findall(r'<input type="hidden" name="urn" value="(\d+)">', form)


def test_two_schools_side_by_side_item_by_item(client, schools_index, schools):
    response = _compare(client, schools_index, ["100002", "100001"])
    html = response.content.decode()

    assert response.status_code == 200
    assert _columns(html) == ["Birch Academy", "Ash Primary"]
    answers = _answers(html, "identification")
    assert answers[0].startswith("Birch Academy Teachers talk to parents every term.")
    assert answers[1].startswith("Ash Primary We use a graduated approach")
    # A school that is silent on an item says so in its column.
    assert _answers(html, "complaints") == [
        "Birch Academy Not answered",
        "Ash Primary Not answered",
    ]
    assert "senco@ash.example" in html
    # Its own link to share, and a way to add a third school.
    assert f"{schools_index.url}compare/?urn=100002&amp;urn=100001" in html
    assert _offered(html) == ["100003", "100004"]  # Cedar and Dogwood; never the draft


@pytest.mark.parametrize(
    ("urns", "shown", "message"),
    [
        (["100001", "999999"], ["Ash Primary"], "could not find a school with URN 999999"),
        (["100009"], [], "could not find a school with URN 100009"),  # a draft
        (["100001", "100001"], ["Ash Primary"], "You chose the school with URN 100001 twice"),
        (
            ["100001", "100002", "100003", "100004"],
            ["Ash Primary", "Birch Academy", "Cedar Primary"],
            "You can compare up to 3 schools at a time",
        ),
        (["abc", "100002"], ["Birch Academy"], "\u201cabc\u201d is not a school reference number"),
        (["1e5"], [], "is not a school reference number"),
        (["\u0661\u0662"], [], "is not a school reference number"),  # Arabic-Indic digits
        (["1" * 40], [], "is not a school reference number"),
        (["x\x00y", "-1", "1.0", " 100003 "], ["Cedar Primary"], "is not a school reference"),
        ([""], [], ""),
    ],
)
def test_what_a_visitor_sends_gets_a_clear_message_not_an_error(
    client, schools_index, schools, urns, shown, message
):
    response = _compare(client, schools_index, urns)

    assert response.status_code == 200
    html = response.content.decode()
    assert _columns(html) == shown
    assert message in html.replace("&#x27;", "'")


def test_thousands_of_urns_are_not_all_read(client, schools_index, schools):
    response = _compare(client, schools_index, ["100001"] + [str(n) for n in range(5000)])

    assert response.status_code == 200
    assert _columns(response.content.decode()) == ["Ash Primary"]
    assert "You can compare up to 3 schools at a time" in response.content.decode()


def test_no_schools_chosen_explains_how_to_choose(client, schools_index, schools):
    html = _compare(client, schools_index, []).content.decode()

    assert "Choose up to 3 schools" in html
    assert _columns(html) == []


def test_results_and_school_pages_have_tick_boxes_and_buttons_to_compare(
    client, schools_index, schools
):
    directory = ensure_directory_page(schools_index)
    html = client.get(directory.url).content.decode()

    form = re.search(r'<form id="compare-form" method="get" action="([^"]+)">', html)
    assert form[1] == f"{schools_index.url}compare/"
    ticks = re.findall(r'name="urn" type="checkbox" value="(\d+)" form="compare-form"', html)
    assert sorted(ticks) == ["100001", "100002", "100003", "100004"]

    school_html = client.get(schools["Ash Primary"].url).content.decode()
    assert f'action="{schools_index.url}compare/"' in school_html
    assert '<input type="hidden" name="urn" value="100001">' in school_html


def test_a_parent_finds_a_school_to_add_by_part_of_its_name_or_town(client, schools_index, schools):
    schools["Dogwood Primary"].town = "Malton"
    schools["Dogwood Primary"].save_revision().publish()

    by_name = client.get(f"{schools_index.url}compare/", {"urn": "100001", "find": " cedar "})
    html = by_name.content.decode()

    assert by_name.status_code == 200
    assert _offered(html) == ["100003"]
    assert "1 school found for \u201ccedar\u201d" in html
    # Adding keeps the school already chosen; so does the next search.
    assert _add_form_keeps(html) == ["100001"]
    assert '<input type="hidden" name="urn" value="100001">' in html.split('id="compare-find"')[0]
    assert 'value="cedar"' in html

    by_town = client.get(f"{schools_index.url}compare/", {"urn": "100001", "find": "MALTON"})
    assert _offered(by_town.content.decode()) == ["100004"]

    # Every word must match; a school already compared is not offered again.
    assert _offered(_compare_find(client, schools_index, ["100001"], "ash primary")) == []
    assert _offered(_compare_find(client, schools_index, [], "ash primary")) == ["100001"]


def _compare_find(client: Client, index: SchoolIndexPage, urns: list[str], words: str) -> str:
    return client.get(f"{index.url}compare/", {"urn": urns, "find": words}).content.decode()


def test_a_name_nobody_has_gets_a_plain_answer(client, schools_index, schools):
    html = _compare_find(client, schools_index, ["100001"], "zzzz <b>")

    assert _offered(html) == []
    assert "No school\u2019s name or town has \u201czzzz &lt;b&gt;\u201d" in html


def test_with_hundreds_of_schools_the_parent_types_part_of_a_name(
    client, schools_index, schools, django_assert_max_num_queries
):
    for number in range(MAX_LISTED + 5):
        SchoolPageFactory(
            parent=schools_index, title=f"Oak Tree {number:02d}", urn=f"2000{number:02d}"
        )

    first = _compare_find(client, schools_index, ["100001"], "")
    # No list of every school: a search box and how many there are to choose from.
    assert _offered(first) == []
    assert 'id="compare-find"' in first
    assert f"There are {MAX_LISTED + 5 + 3} schools to choose from" in first

    with django_assert_max_num_queries(20):
        many = _compare_find(client, schools_index, ["100001"], "oak")
    assert len(_offered(many)) == MAX_LISTED
    assert f"{MAX_LISTED + 5} schools found for \u201coak\u201d" in many
    assert f"The first {MAX_LISTED} are shown: type more of the name" in many

    assert _offered(_compare_find(client, schools_index, ["100001"], "oak 07")) == ["200007"]


def test_three_schools_is_the_most_so_no_school_is_offered(client, schools_index, schools):
    html = _compare(client, schools_index, ["100001", "100002", "100003"]).content.decode()

    assert _offered(html) == []
    assert 'id="compare-find"' not in html
    assert "You are comparing 3 schools, the most at a time" in html


def test_when_every_school_is_chosen_nothing_is_offered_and_nothing_said_of_the_most(
    client, schools_index, schools
):
    schools["Cedar Primary"].unpublish()
    schools["Dogwood Primary"].unpublish()

    html = _compare(client, schools_index, ["100001", "100002"]).content.decode()

    assert _columns(html) == ["Ash Primary", "Birch Academy"]
    assert 'id="compare-find"' not in html
    assert "the most at a time" not in html
