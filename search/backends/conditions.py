"""What a school must match, as conditions the directory's search statement is built from.

A filter's options (``facet_condition``), a concept of the parent's words, tagged or in
the text (``concept_conditions``, ``matches_concepts``), and the full-text match run as a
subquery inside the one statement (``fulltext_matches``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchQueryField
from django.db import connection
from django.db.models import BooleanField, Exists, F, Func, IntegerField, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from wagtail.search import models as search_models
from wagtail.search.backends import get_search_backend
from wagtail.search.query import Or, Phrase
from wagtail.search.utils import get_descendants_content_types_pks

from schools.models import SchoolPage, SpecialistProvision

from .. import vocabulary as v
from ..text import Concept

WAGTAIL_DATABASE_SEARCH = "wagtail.search.backends.database"

NEEDS = SchoolPage.needs.through
ACCESSIBILITY = SchoolPage.accessibility_features.through
OUTREACH = SchoolPage.outreach_services.through


class FlatSum(Func):
    """``a + b + c ...`` without nesting (SQLite's parser rejects deeply nested SQL)."""

    template = "(%(expressions)s)"
    arg_joiner = " + "
    output_field = IntegerField()


@cache
def _wagtail_search_backend() -> Any:
    # Named by path, not "default": a deployment may point Wagtail's own search
    # elsewhere, and this backend must keep working as the fallback.
    return get_search_backend(WAGTAIL_DATABASE_SEARCH)


def fulltext_matches(phrases: list[str], *, query_once: bool = False) -> QuerySet:
    """Primary keys of school pages whose indexed text contains any of ``phrases``.

    A lazy queryset, used as a subquery: the full-text search runs inside the one
    directory statement, not as a query of its own. ``query_once``: on PostgreSQL, the
    tsquery is built once per statement rather than for each school tested, which
    hides its selectivity from the planner (see ``_postgres_fulltext_matches``).
    """
    if connection.vendor == "sqlite" and _sqlite_fts_table():
        return _sqlite_fulltext_matches(phrases)
    if connection.vendor == "postgresql":
        return _postgres_fulltext_matches(phrases, query_once)
    query = Or([Phrase(phrase) for phrase in phrases])
    results = _wagtail_search_backend().search(
        query, SchoolPage.objects.order_by(), order_by_relevance=False
    )
    return results.get_queryset().order_by().values("pk")


@cache
def _sqlite_fts_table() -> str:
    fts_model = getattr(search_models, "SQLiteFTSIndexEntry", None)
    return fts_model._meta.db_table if fts_model is not None else ""


def _sqlite_fulltext_matches(phrases: list[str]) -> QuerySet:
    # The same FTS5 index and MATCH syntax as Wagtail's SQLite backend, but starting
    # from the full-text table. Wagtail's query joins it to the index entries, and
    # SQLite then runs the MATCH once per entry: quadratic, seconds at 5,000 schools.
    table = _sqlite_fts_table()
    # Phrases are letters, digits and spaces only (see search.text), so quoting each
    # one is enough; the whole expression is still passed as a parameter.
    match = "{title body} : (" + " OR ".join(f'"{phrase}"' for phrase in phrases) + ")"
    rowids = RawSQL(f'SELECT rowid FROM "{table}" WHERE "{table}" MATCH %s', [match])
    return search_models.IndexEntry.objects.filter(
        content_type_id__in=get_descendants_content_types_pks(SchoolPage), id__in=rowids
    ).values("object_id")


def _postgres_fulltext_matches(phrases: list[str], query_once: bool = False) -> QuerySet:
    # The same index entries and tsquery as Wagtail's PostgreSQL backend, tested against
    # the title and the body apart. Wagtail's query tests ``title || body``, which no
    # index holds: every school's vectors are joined and scanned, about 130 ms each time
    # it is probed at 5,000 schools. Each vector has a GIN index: about 9 ms. (A phrase
    # running from the last word of the title into the body no longer matches.)
    # With ``query_once`` the tsquery is an uncorrelated subquery, built once per
    # statement: written in place, PostgreSQL builds it again for every school it
    # tests (14 phrases parsed and stemmed twice a school for ``anxiety``: about 1.3 s
    # at 5,000 schools, against 60 ms). Its value is the same, so the same schools
    # match; but the planner, which cannot see into it, then guesses 50 matches.
    config = _wagtail_search_backend().config
    query = SearchQuery(phrases[0], search_type="phrase", config=config)
    for phrase in phrases[1:]:
        query |= SearchQuery(phrase, search_type="phrase", config=config)
    if query_once:
        once = _EvaluatedOnce(query)
        in_text = Q(_Matches(F("title"), once)) | Q(_Matches(F("body"), once))
    else:
        in_text = Q(title=query) | Q(body=query)
    return (
        search_models.IndexEntry.objects.filter(
            content_type_id__in=get_descendants_content_types_pks(SchoolPage)
        )
        .filter(in_text)
        .annotate(page=Cast("object_id", output_field=IntegerField()))
        .values("page")
    )


class _EvaluatedOnce(Func):
    """``(SELECT tsquery)``: an uncorrelated subquery, which PostgreSQL computes once per
    statement (an InitPlan)."""

    template = "(SELECT %(expressions)s)"
    output_field = SearchQueryField()


class _Matches(Func):
    """``vector @@ tsquery``."""

    template = "%(expressions)s"
    arg_joiner = " @@ "
    output_field = BooleanField()


class _Tested(Func):
    """``COALESCE(condition, FALSE)``: the same condition, kept a test on each school.

    PostgreSQL turns ``pk IN (subquery)`` standing alone into a join, ordered by its
    guess of the subquery's rows; it cannot see into a tsquery built at run time and
    guesses 50, and the join then tested every page against every school (seconds).
    A test (a hashed subquery, read once) does not depend on the guess."""

    template = "COALESCE(%(expressions)s, FALSE)"
    output_field = BooleanField()


def _through_exists(through: Any, field: str, lookup: str, values: Iterable[str]) -> Exists:
    return Exists(
        through.objects.filter(schoolpage=OuterRef("pk"), **{f"{field}__{lookup}__in": values})
    )


def facet_condition(facet: str, values: Iterable[str]) -> Q:
    """Schools with any of ``values`` for ``facet``."""
    values = sorted(values)
    if facet == v.NEED:
        return Q(_through_exists(NEEDS, "needarea", "code", values))
    if facet == v.ACCESSIBILITY:
        return Q(_through_exists(ACCESSIBILITY, "accessibilityfeature", "slug", values))
    if facet == v.OUTREACH:
        return Q(_through_exists(OUTREACH, "outreachservice", "slug", values))
    if facet == v.PHASE:
        return Q(phase__in=values)
    if facet == v.SCHOOL_TYPE:
        return Q(establishment_type__in=values)
    if facet == v.PROVISION:
        return Q(Exists(SpecialistProvision.objects.filter(page=OuterRef("pk"), kind__in=values)))
    raise ValueError(f"unknown filter {facet!r}")


def matches_concepts(concepts: Iterable[Concept]) -> Q:
    """School pages matching every concept, by the rule of the backends' contract: tagged
    with any of its options, or containing any of its phrases. Runs as subqueries."""
    condition = Q()
    for concept in concepts:
        tagged, in_text = concept_conditions(Words.of(concept))
        condition &= tagged | in_text
    return condition


@dataclass(frozen=True)
class Words:
    """A concept as the statement uses it: its options by filter, its full-text phrases."""

    options: tuple[tuple[str, tuple[str, ...]], ...]
    phrases: tuple[str, ...]

    @classmethod
    def of(cls, concept: Concept) -> Words:
        by_facet: dict[str, set[str]] = {}
        for facet, value in concept.terms:
            by_facet.setdefault(facet, set()).add(value)
        options = tuple((facet, tuple(sorted(values))) for facet, values in by_facet.items())
        return cls(options, tuple(concept.fulltext_phrases()))


def concept_conditions(words: Words, matched: Any = None) -> tuple[Q, Q]:
    """Tagged with one of the concept's options; its phrases in the text.

    ``matched``, when given, stands for the schools whose text holds the phrases (the
    statement's table of them, ``SELECT page FROM ...``) instead of a
    ``fulltext_matches`` subquery of their own.
    """
    tagged = Q(pk__in=[])
    for facet, values in words.options:
        tagged |= facet_condition(facet, values)
    phrases = list(words.phrases)
    if not phrases:
        return tagged, Q(pk__in=[])
    if matched is None:
        return tagged, Q(pk__in=fulltext_matches(phrases))
    return tagged, Q(_Tested(Q(pk__in=matched)))
