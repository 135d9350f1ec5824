"""The directory's search statement on the database: built once per shape of search,
and how SQLite runs it (schools read through the directory's index, not their rows,
whether or not the planner has statistics).

A plan, not a timing: SQLite's planner once chose, after ``ANALYZE``, to test every
page against every page (2.5 s a search at 5,000 schools; docs/performance.md).
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.backends import DirectoryQuery
from search.backends.database import DatabaseBackend, _build_statement
from search.backends.statement_shape import TEMPLATES, Search, statement_for
from search.text import clean_query, interpret
from search.vocabulary import load_vocabulary

from .conftest import KNOWN_SCHOOLS, create_school

pytestmark = pytest.mark.django_db
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner")


def _plan(query: DirectoryQuery) -> list[str]:
    with CaptureQueriesContext(connection) as context:
        DatabaseBackend().search(query)
    (statement,) = [q["sql"] for q in context.captured_queries if "WITH base" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {statement}")
        return [row[-1] for row in cursor.fetchall()]


@sqlite_only
@pytest.mark.parametrize("statistics", [False, True], ids=["fresh", "analyzed"])
def test_the_search_reads_schools_through_the_directory_index(schools_index, statistics):
    for school in KNOWN_SCHOOLS:
        create_school(schools_index, school)
    if statistics:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    vocabulary = load_vocabulary()
    words = interpret(clean_query("autism"), vocabulary).concepts
    for query in (
        DirectoryQuery(vocabulary=vocabulary),
        DirectoryQuery(concepts=words, vocabulary=vocabulary),
        DirectoryQuery(
            filters={"need": frozenset({"ASD"}), "phase": frozenset({"primary"})},
            vocabulary=vocabulary,
        ),
    ):
        plan = _plan(query)
        assert "SCAN schools_schoolpage USING COVERING INDEX school_directory_idx" in plan
        # Pages only looked up by id, never scanned: not every page against every page.
        assert not [step for step in plan if step.startswith("SCAN wagtailcore_page")], plan


def _search(words: str = "", **filters: str) -> DirectoryQuery:
    vocabulary = load_vocabulary()
    return DirectoryQuery(
        concepts=interpret(clean_query(words), vocabulary).concepts,
        filters={facet: frozenset({value}) for facet, value in filters.items()},
        vocabulary=vocabulary,
    )


def test_a_shape_seen_before_answers_each_search_with_its_own_values(schools_index):
    for school in KNOWN_SCHOOLS:
        create_school(schools_index, school)
    TEMPLATES.clear()
    backend = DatabaseBackend()
    by_need = {need: backend.search(_search(need=need)) for need in ("ASD", "HI", "SPLD")}
    # The same shape (one need), three different answers.
    assert len({(r.count, tuple(h.name for h in r.hits)) for r in by_need.values()}) == 3
    for need, result in by_need.items():
        search = Search.of(_search(need=need))
        assert search.shape() in TEMPLATES
        assert statement_for(search, _build_statement) == _build_statement(search)
        expected = [s.name for s in KNOWN_SCHOOLS if need in s.need]
        assert sorted(h.name for h in result.hits) == sorted(expected)
    for words in ("autism", "lift", "speech therapy"):
        search = Search.of(_search(words))
        assert statement_for(search, _build_statement) == _build_statement(search)


def test_words_beyond_plain_letters_are_built_by_the_orm(schools_index):
    # Only letters A-Z, digits, spaces and hyphens are put in as they are; anything
    # else might have been changed on its way into the SQL (escaped, normalised).
    search = Search.of(_search("\u81ea\u9589\u75c7 autism"))
    assert search.shape() is None
    assert statement_for(search, _build_statement) == _build_statement(search)
