"""How SQLite runs the directory's search statement: schools read through the
directory's index, not their rows, whether or not the planner has statistics.

A plan, not a timing: SQLite's planner once chose, after ``ANALYZE``, to test every
page against every page (2.5 s a search at 5,000 schools; docs/performance.md).
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.backends import DirectoryQuery
from search.backends.database import DatabaseBackend
from search.text import clean_query, interpret
from search.vocabulary import load_vocabulary

from .conftest import KNOWN_SCHOOLS, create_school

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner"),
]


def _plan(query: DirectoryQuery) -> list[str]:
    with CaptureQueriesContext(connection) as context:
        DatabaseBackend().search(query)
    (statement,) = [q["sql"] for q in context.captured_queries if "WITH base" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {statement}")
        return [row[-1] for row in cursor.fetchall()]


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
