"""The backend interface itself (``search.backends``), on each backend in turn.

These talk to the configured backend directly, with ``DirectoryQuery`` objects, for
what the page and API tests do not reach: the scope, every field of a hit, the
deepest valid page, and the order of results.
"""

from __future__ import annotations

import datetime as dt

import pytest

from schools.factories import SchoolIndexPageFactory, site_home
from search.backends import DirectoryQuery, Sort, get_backend
from search.text import interpret
from search.vocabulary import load_vocabulary

from ..conftest import create_school, spec

pytestmark = pytest.mark.django_db


def _search(text: str = "", **kwargs) -> object:
    concepts = interpret(text, load_vocabulary()).concepts if text else ()
    return get_backend().search(DirectoryQuery(concepts=concepts, **kwargs))


def test_the_configured_backend_answers(directory_backend, settings):
    backend = get_backend()

    assert type(backend).__module__.split(".")[-1] in {"database", "backend", "es_support"}
    assert ("Elasticsearch" in type(backend).__name__) == (directory_backend == "elasticsearch")
    assert _search().degraded is False


def test_a_hit_carries_every_fact_the_results_show(schools_index):
    page = create_school(
        schools_index,
        spec(
            "Quince Primary School",
            type="academy",
            town="Thirsk",
            need={"SPLD", "ASD"},
            accessibility={"lift"},
            outreach={"camhs"},
            provision={"sen-unit", "resourced-provision"},
        ),
        urn="654321",
        last_reviewed=dt.date(2026, 3, 1),
    )

    result = _search()

    assert result.count == 1
    (hit,) = result.hits
    assert hit.page_id == page.pk
    assert (hit.urn, hit.name, hit.url_path) == ("654321", "Quince Primary School", page.url_path)
    assert (hit.phase, hit.establishment_type, hit.town) == ("primary", "academy", "Thirsk")
    assert hit.last_reviewed == dt.date(2026, 3, 1)
    assert hit.needs == ("ASD", "SPLD")
    assert hit.accessibility == ("lift",)
    assert hit.outreach == ("camhs",)
    assert hit.provision == ("resourced-provision", "sen-unit")
    assert hit.extract is None


def test_only_schools_under_the_scope_are_searched(schools_index):
    create_school(schools_index, spec("Inside School", need={"ASD"}))
    other = SchoolIndexPageFactory(parent=site_home(), title="Elsewhere", slug="elsewhere")
    create_school(other, spec("Outside School", need={"ASD"}))

    inside = _search("autism", scope_path=schools_index.path)
    everywhere = _search("autism")

    assert [hit.name for hit in inside.hits] == ["Inside School"]
    assert inside.facet_counts["need"]["ASD"] == 1
    assert sorted(hit.name for hit in everywhere.hits) == ["Inside School", "Outside School"]


def test_the_deepest_valid_page_is_empty_not_an_error(schools_index):
    create_school(schools_index, spec("Lone School", need={"HI"}))

    result = _search("deaf", page=10_000, page_size=100)

    assert result.count == 1
    assert result.hits == ()
    assert result.facet_counts["need"]["HI"] == 1


def test_pages_split_the_results_in_name_order_with_ties_broken(schools_index):
    names = ["beech school", "Beech School", "Alder School", "Cherry School", "alder school"]
    for number, name in enumerate(names):
        create_school(schools_index, spec(name, need={"ASD"}), slug=f"school-{number}")

    pages = [_search(page=number, page_size=2, sort=Sort.NAME) for number in (1, 2, 3, 4)]

    seen = [hit.name for page in pages for hit in page.hits]
    assert all(page.count == 5 for page in pages)
    assert sorted(seen) == sorted(names)
    assert [name.lower() for name in seen] == sorted(name.lower() for name in names)
    assert pages[3].hits == ()


def test_schools_that_say_they_provide_for_the_need_come_first(schools_index):
    create_school(
        schools_index,
        spec("Aspen Mentions School", report={"adaptations": "<p>Autism training.</p>"}),
    )
    create_school(schools_index, spec("Yarrow Tagged School", need={"ASD"}))

    result = _search("autism", sort=Sort.RELEVANCE)

    assert [hit.name for hit in result.hits] == ["Yarrow Tagged School", "Aspen Mentions School"]
    assert result.hits[1].extract is not None
    assert "<mark>Autism</mark>" in result.hits[1].extract
