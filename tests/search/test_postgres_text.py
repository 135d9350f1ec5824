"""Parents' words on PostgreSQL: each concept's full-text match is computed once in the
search statement (a common table expression, its tsquery built once), and the schools
found and their order are the same as when every probe ran its own full-text subquery
with the tsquery built for each school tested (docs/performance.md, "PostgreSQL at
5,000 schools").

The schools' text is real: paragraphs of the SEN information reports in the shared
folder (other people's words, read at run time), so that broad concepts (anxiety's 14
phrases) match most schools, as they do on a council's site.
"""

from __future__ import annotations

import os
import random
import re
from pathlib import Path

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import IntegerField, Q, QuerySet
from django.db.models.functions import Cast
from django.test.utils import CaptureQueriesContext
from wagtail.search import models as search_models
from wagtail.search.utils import get_descendants_content_types_pks

from schools.checklist import TEXT_ITEM_KEYS
from schools.models import SchoolPage
from search.backends import DirectoryQuery, conditions, database
from search.backends.base import Sort
from search.backends.database import DatabaseBackend
from search.backends.statement_shape import TEMPLATES
from search.text import clean_query, interpret
from search.vocabulary import load_vocabulary

from .conftest import create_school, spec

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

ROOT = Path(__file__).resolve().parents[2]
TOWNS = ("Malton", "Pickering", "Whitby", "Thirsk", "Ripon", "Selby")
NEEDS = ("ASD", "SPLD", "SLCN", "SEMH", "HI", "VI", "PD", "MLD")
FEATURES = ("step-free-access", "lift", "accessible-toilet", "hearing-loop")
SERVICES = ("speech-and-language-therapy", "educational-psychology")
# Few of the shared reports name nurture groups; the benchmark's schools often do.
NURTURE = "Pupils who find the day hard join small nurture groups before school."

# A spread of what parents type: one concept and several, tagged options and words
# that are no option (a town, a name), misspellings, apostrophes, a broad concept.
WORDS = (
    "autism",
    "autisim",
    "Asperger's",
    "dyslexia",
    "wheelchair",
    "speech therapy",
    "nurture groups anxiety",
    "anxiety",
    "mental health",
    "adhd",
    "hearing",
    "sensory",
    "parents",
    "Pickering",
    "quiet base",
    "wheelchair lift",
    "transition visits",
)
SEARCHES = (
    *((words, {}, Sort.RELEVANCE) for words in WORDS),
    ("autism", {}, Sort.NAME),
    ("nurture groups anxiety", {}, Sort.NAME),
    ("anxiety", {"phase": frozenset({"primary"})}, Sort.RELEVANCE),
    ("speech therapy", {"need": frozenset({"SLCN"})}, Sort.RELEVANCE),
    ("wheelchair lift", {"need": frozenset({"ASD", "PD"})}, Sort.RELEVANCE),
)


def _reports() -> list[str]:
    shared = Path(os.environ.get("LOCALOFFER_SHARED", ROOT.parent / "shared"))
    reports = sorted((shared / "reports").glob("*.txt"))
    if not reports:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"no reports in {shared / 'reports'}")
        pytest.skip(f"no reports in {shared / 'reports'} (set LOCALOFFER_SHARED)")
    return [path.read_text(encoding="utf-8", errors="replace") for path in reports]


@pytest.fixture
def realistic_schools(schools_index) -> int:
    """Two schools per shared report, each with some of its paragraphs as its report
    answers and facets drawn at random (seeded)."""
    rng = random.Random(20)
    number = 0
    for report in _reports():
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", report) if len(p.strip()) > 40]
        for _copy in range(2):
            chosen = rng.sample(paragraphs, min(len(paragraphs), rng.randint(6, 14)))
            keys = rng.sample(TEXT_ITEM_KEYS, min(len(TEXT_ITEM_KEYS), len(chosen)))
            town = rng.choice(TOWNS)
            create_school(
                schools_index,
                spec(
                    f"{rng.choice(('St Hilda', 'Holy Trinity', 'Ash', 'Oak'))} {town} School"
                    f" {number}",
                    phase=rng.choice(("primary", "secondary", "special")),
                    town=town,
                    need=rng.sample(NEEDS, rng.randint(0, 4)),
                    accessibility=rng.sample(FEATURES, rng.randint(0, 2)),
                    outreach=rng.sample(SERVICES, rng.randint(0, 2)),
                    report={key: f"<p>{text}</p>" for key, text in zip(keys, chosen, strict=False)}
                    | ({"emotional_social": f"<p>{NURTURE}</p>"} if rng.random() < 0.4 else {}),
                ),
            )
            number += 1
    return number


def _previous_fulltext_matches(phrases: list[str], query_once: bool = False) -> QuerySet:
    # The full-text subquery as it was: the tsquery written in place, which PostgreSQL
    # builds again for each school it tests.
    config = conditions._wagtail_search_backend().config
    query = SearchQuery(phrases[0], search_type="phrase", config=config)
    for phrase in phrases[1:]:
        query |= SearchQuery(phrase, search_type="phrase", config=config)
    return (
        search_models.IndexEntry.objects.filter(
            content_type_id__in=get_descendants_content_types_pks(SchoolPage)
        )
        .filter(Q(title=query) | Q(body=query))
        .annotate(page=Cast("object_id", output_field=IntegerField()))
        .values("page")
    )


def _answers(vocabulary) -> list[tuple]:
    TEMPLATES.clear()  # statements kept per shape would be reused across the two ways
    answers = []
    backend = DatabaseBackend()
    for words, filters, sort in SEARCHES:
        concepts = interpret(clean_query(words), vocabulary).concepts
        for page in (1, 2, 3):
            result = backend.search(
                DirectoryQuery(
                    concepts=concepts,
                    filters=filters,
                    sort=sort,
                    page=page,
                    page_size=10,
                    vocabulary=vocabulary,
                )
            )
            answers.append(
                (
                    words,
                    sort,
                    page,
                    result.count,
                    [(hit.page_id, hit.name, str(hit.extract)) for hit in result.hits],
                    {facet: dict(counts) for facet, counts in result.facet_counts.items()},
                )
            )
    return answers


def test_the_schools_found_and_their_order_are_as_before(realistic_schools, monkeypatch):
    vocabulary = load_vocabulary()
    now = _answers(vocabulary)

    with monkeypatch.context() as before:
        before.setattr(database, "_text_matches_apart", lambda words: False)
        before.setattr(conditions, "_postgres_fulltext_matches", _previous_fulltext_matches)
        then = _answers(vocabulary)

    assert now == then
    by_words = {(words, sort): count for words, sort, page, count, *_rest in now if page == 1}
    # The comparison means something: broad words find most schools, others some.
    assert by_words[("mental health", Sort.RELEVANCE)] > realistic_schools // 3
    assert 0 < by_words[("nurture groups anxiety", Sort.RELEVANCE)] < realistic_schools
    assert by_words[("Pickering", Sort.RELEVANCE)] > 0


def test_each_concept_is_matched_in_the_text_once(realistic_schools, django_assert_num_queries):
    vocabulary = load_vocabulary()
    concepts = interpret(clean_query("autism anxiety"), vocabulary).concepts
    assert len(concepts) == 2 and all(concept.terms for concept in concepts)
    TEMPLATES.clear()
    query = DirectoryQuery(concepts=concepts, sort=Sort.RELEVANCE, vocabulary=vocabulary)
    with CaptureQueriesContext(connection) as context, django_assert_num_queries(1):
        result = DatabaseBackend().search(query)
    assert result.count > 0
    (statement,) = [q["sql"] for q in context.captured_queries]
    # Each concept's phrases are tested against the title and the body once, in its
    # own table expression: four tests, not eight (the condition and the score each
    # had their own).
    assert statement.count(" @@ ") == 2 * len(concepts)
    # And its tsquery is built once per statement (an uncorrelated subquery), not once
    # for each school tested.
    assert len(re.findall(r" @@ \(SELECT ", statement)) == 2 * len(concepts)


def test_a_word_that_is_no_option_is_matched_in_place(realistic_schools):
    # A town: one phrase, few schools; the planner is left to see how few.
    vocabulary = load_vocabulary()
    (concept,) = interpret(clean_query("Pickering"), vocabulary).concepts
    assert not concept.terms
    TEMPLATES.clear()
    query = DirectoryQuery(concepts=(concept,), sort=Sort.RELEVANCE, vocabulary=vocabulary)
    with CaptureQueriesContext(connection) as context:
        DatabaseBackend().search(query)
    (statement,) = [q["sql"] for q in context.captured_queries]
    assert " AS MATERIALIZED (SELECT" not in statement.split("base AS MATERIALIZED")[0]
    assert " @@ (SELECT " not in statement
