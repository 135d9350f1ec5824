"""The embedded default backend: the directory answered by the database alone.

Text matching uses Wagtail's database search backend (SQLite FTS5 here, PostgreSQL
full-text search in production), whose index Wagtail keeps up to date as pages are
published, unpublished, moved and deleted. Everything else is read from the live
page tables, so the directory is always current.

One search is one SQL statement. It returns a compact row for every school that
passes all filters or fails exactly one (a school failing two filters cannot count
towards any option), with flags saying which filters it passes; Python then counts
the options (each filter's counts with every other filter applied) and takes the
page. The report text is only fetched for the rows on the page, for the extracts.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from functools import cache
from typing import Any

from django.db import connection
from django.db.models import (
    Aggregate,
    BooleanField,
    Case,
    CharField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
    Window,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Length, Lower, RowNumber, Substr
from wagtail.models import PageViewRestriction
from wagtail.search import models as search_models
from wagtail.search.backends import get_search_backend
from wagtail.search.query import Or, Phrase
from wagtail.search.utils import get_descendants_content_types_pks

from schools.checklist import TEXT_ITEM_KEYS
from schools.models import SchoolPage, SpecialistProvision

from .. import vocabulary as v
from ..geo import with_distance
from ..highlight import extract_from_html, highlight_pattern
from ..text import MAX_CONCEPTS, Concept
from ..vocabulary import Vocabulary, load_vocabulary
from .base import DirectoryQuery, DirectoryResult, SchoolHit, Sort

WAGTAIL_DATABASE_SEARCH = "wagtail.search.backends.database"

# Weights for ordering by relevance, per concept matched: tagged with the option the
# parent means, their words in the school's name, their words anywhere in the text.
# A tag outweighs everything the text of a whole search can add, so a school that says
# it provides for a need ranks above one whose text only mentions it (issue 14).
TITLE_WEIGHT = 2
TEXT_WEIGHT = 1
TAG_WEIGHT = 1 + MAX_CONCEPTS * (TITLE_WEIGHT + TEXT_WEIGHT)

_NEEDS = SchoolPage.needs.through
_ACCESSIBILITY = SchoolPage.accessibility_features.through
_OUTREACH = SchoolPage.outreach_services.through


class GroupConcat(Aggregate):
    """Comma-separated values of a group (SQLite GROUP_CONCAT, PostgreSQL STRING_AGG)."""

    function = "GROUP_CONCAT"
    template = "%(function)s(%(distinct)s%(expressions)s)"
    allow_distinct = True
    output_field = TextField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, Any]:
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s(%(distinct)s(%(expressions)s)::text, ',')",
            **extra,
        )


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


def fulltext_matches(phrases: list[str]) -> QuerySet:
    """Primary keys of school pages whose indexed text contains any of ``phrases``.

    A lazy queryset, used as a subquery: the full-text search runs inside the one
    directory statement, not as a query of its own.
    """
    if connection.vendor == "sqlite" and _sqlite_fts_table():
        return _sqlite_fulltext_matches(phrases)
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


def _through_exists(through: Any, field: str, lookup: str, values: Iterable[str]) -> Exists:
    return Exists(
        through.objects.filter(schoolpage=OuterRef("pk"), **{f"{field}__{lookup}__in": values})
    )


def facet_condition(facet: str, values: Iterable[str]) -> Q:
    """Schools with any of ``values`` for ``facet``."""
    values = sorted(values)
    if facet == v.NEED:
        return Q(_through_exists(_NEEDS, "needarea", "code", values))
    if facet == v.ACCESSIBILITY:
        return Q(_through_exists(_ACCESSIBILITY, "accessibilityfeature", "slug", values))
    if facet == v.OUTREACH:
        return Q(_through_exists(_OUTREACH, "outreachservice", "slug", values))
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
        tagged, in_text, _phrases = _concept_conditions(concept)
        condition &= tagged | in_text
    return condition


def _concept_conditions(concept: Concept) -> tuple[Q, Q, list[str]]:
    """Tagged with one of the concept's options; its phrases in the text; the phrases."""
    by_facet: dict[str, set[str]] = {}
    for facet, value in concept.terms:
        by_facet.setdefault(facet, set()).add(value)
    tagged = Q(pk__in=[])
    for facet, values in by_facet.items():
        tagged |= facet_condition(facet, values)
    phrases = concept.fulltext_phrases()
    in_text = Q(pk__in=fulltext_matches(phrases)) if phrases else Q(pk__in=[])
    return tagged, in_text, phrases


def _ids(queryset: QuerySet, group_by: str, value: str) -> Subquery:
    # Ids, not codes: read straight from the join table's covering index.
    return Subquery(
        queryset.order_by().values(group_by).annotate(joined=GroupConcat(value)).values("joined"),
        output_field=TextField(),
    )


# Each row: the school's facts, then its options as comma-separated ids (kinds for
# specialist provision), then one flag per active filter, then report text (page only).
_FIELDS = (
    "pk",
    "urn",
    "title",
    "url_path",
    "phase",
    "establishment_type",
    "town",
    "reviewed",
    "distance",
)


@cache
def _memberships() -> dict[str, Subquery]:
    # Built on first use: querysets need the app registry, which is not ready while
    # search.models (which imports the directory) is being loaded.
    return {
        "m_need": _ids(_NEEDS.objects.filter(schoolpage=OuterRef("pk")), "schoolpage", "needarea"),
        "m_accessibility": _ids(
            _ACCESSIBILITY.objects.filter(schoolpage=OuterRef("pk")),
            "schoolpage",
            "accessibilityfeature",
        ),
        "m_outreach": _ids(
            _OUTREACH.objects.filter(schoolpage=OuterRef("pk")), "schoolpage", "outreachservice"
        ),
        "m_provision": _ids(
            SpecialistProvision.objects.filter(page=OuterRef("pk")), "page", "kind"
        ),
    }


_PK, _URN, _TITLE, _URL_PATH, _PHASE, _TYPE, _TOWN, _REVIEWED, _DISTANCE = range(len(_FIELDS))
_COLUMN = {
    v.NEED: len(_FIELDS),
    v.ACCESSIBILITY: len(_FIELDS) + 1,
    v.OUTREACH: len(_FIELDS) + 2,
    v.PROVISION: len(_FIELDS) + 3,
    v.PHASE: _PHASE,
    v.SCHOOL_TYPE: _TYPE,
}
_MULTI = (v.NEED, v.ACCESSIBILITY, v.OUTREACH, v.PROVISION)


class DatabaseBackend:
    """Searches live, public school pages with the database; one SQL query per search."""

    def search(self, query: DirectoryQuery) -> DirectoryResult:
        vocabulary = query.vocabulary if query.vocabulary is not None else load_vocabulary()
        schools = self._candidates(query)
        active = [facet for facet in v.FACETS if query.selected(facet)]
        flags = {
            f"in_{facet}": ExpressionWrapper(
                facet_condition(facet, query.selected(facet)), output_field=BooleanField()
            )
            for facet in active
        }
        schools = schools.annotate(**flags)
        order = self._ordering(query)
        memberships = _memberships()
        names = [*_FIELDS, *memberships, *flags]
        if flags:
            failures = FlatSum(
                *(Case(When(Q(**{name: True}), then=0), default=1) for name in flags)
            )
            schools = schools.annotate(failures=failures)
            if len(flags) > 1:
                schools = schools.filter(failures__lte=1)
            # Matching schools first, in the order asked for; then the rest (for counts).
            order = [F("failures").asc(), *order]
            names.append("failures")
        schools = schools.annotate(**memberships)
        needs_text = any(concept.phrases for concept in query.concepts)
        if needs_text:
            schools = schools.annotate(position=Window(RowNumber(), order_by=order))
            names.append("position")
        queryset = schools.order_by(*order).values_list(*names)
        if needs_text:
            rows = _fetch_with_report_text(
                queryset, query.offset, query.offset + query.page_size, bool(flags)
            )
        else:
            rows = _fetch(queryset)
        first_flag = len(_FIELDS) + len(memberships)
        flag_columns = {facet: first_flag + i for i, facet in enumerate(active)}
        return self._result(query, vocabulary, rows, flag_columns, needs_text)

    def _candidates(self, query: DirectoryQuery) -> QuerySet:
        restricted = PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
        schools = SchoolPage.objects.filter(live=True).exclude(Exists(restricted))
        if query.scope_path:
            schools = schools.filter(path__startswith=query.scope_path)
        if query.near is None:
            schools = schools.annotate(distance=Value(None, output_field=FloatField()))
        else:
            schools = with_distance(schools, query.near, query.within_miles)
        score: list[Any] = [Value(0)]
        for concept in query.concepts:
            tagged, in_text, phrases = _concept_conditions(concept)
            schools = schools.filter(tagged | in_text)
            score.append(Case(When(tagged, then=TAG_WEIGHT), default=0))
            if phrases:
                score.append(Case(When(in_text, then=TEXT_WEIGHT), default=0))
            if not concept.terms:
                # A word that is no option (a name, a town): best in the school's name.
                in_title = Q()
                for phrase in phrases:
                    in_title |= Q(title__icontains=phrase)
                score.append(Case(When(in_title, then=TITLE_WEIGHT), default=0))
        # As text: the database driver would otherwise parse a date on every row.
        reviewed = Cast("last_reviewed", output_field=CharField())
        return schools.annotate(score=FlatSum(*score), reviewed=reviewed)

    @staticmethod
    def _ordering(query: DirectoryQuery) -> list[Any]:
        by_name = [Lower("title"), "pk"]
        if query.sort == Sort.RELEVANCE and query.concepts:
            return [F("score").desc(), *by_name]
        if query.sort == Sort.DISTANCE and query.near is not None:
            return [F("distance").asc(nulls_last=True), *by_name]
        return by_name

    def _result(
        self,
        query: DirectoryQuery,
        vocabulary: Vocabulary,
        rows: list[tuple[Any, ...]],
        flag_columns: dict[str, int],
        needs_text: bool,
    ) -> DirectoryResult:
        # Rows failing one filter count towards that filter's options only.
        matching: list[tuple[Any, ...]] = []
        failing: dict[str, list[tuple[Any, ...]]] = {facet: [] for facet in flag_columns}
        if flag_columns:
            for row in rows:
                failed = [facet for facet, column in flag_columns.items() if not row[column]]
                if not failed:
                    matching.append(row)
                elif len(failed) == 1:
                    failing[failed[0]].append(row)
        else:
            matching = rows
        facet_counts: dict[str, Counter[str]] = {}
        for facet in v.FACETS:
            column = _COLUMN[facet]
            counted = [row[column] for row in matching if row[column]]
            counted += [row[column] for row in failing.get(facet, ()) if row[column]]
            if facet in _MULTI:
                counted = ",".join(counted).split(",") if counted else []
            counts = Counter(counted)
            if facet in v.TERM_FACETS:
                values = vocabulary.values_by_pk(facet)
                counts = Counter(
                    {values[int(pk)]: n for pk, n in counts.items() if int(pk) in values}
                )
            facet_counts[facet] = counts

        page = matching[query.offset : query.offset + query.page_size]
        pattern = highlight_pattern(query.concepts) if needs_text else None
        hits = tuple(self._hit(row, vocabulary, pattern) for row in page)
        return DirectoryResult(count=len(matching), hits=hits, facet_counts=facet_counts)

    @staticmethod
    def _hit(row: tuple[Any, ...], vocabulary: Vocabulary, pattern: Any) -> SchoolHit:
        def values(facet: str) -> tuple[str, ...]:
            joined = row[_COLUMN[facet]]
            if not joined:
                return ()
            if facet == v.PROVISION:
                return tuple(sorted(set(joined.split(","))))
            by_pk = vocabulary.values_by_pk(facet)
            return tuple(sorted(by_pk[int(pk)] for pk in joined.split(",") if int(pk) in by_pk))

        extract = None
        if pattern is not None and row[-1]:
            # The report text is the last column, on the rows of the page only.
            extract = extract_from_html(row[-1], pattern)
        reviewed = row[_REVIEWED]
        return SchoolHit(
            page_id=row[_PK],
            urn=row[_URN],
            name=row[_TITLE],
            url_path=row[_URL_PATH],
            phase=row[_PHASE],
            establishment_type=row[_TYPE],
            town=row[_TOWN],
            last_reviewed=dt.date.fromisoformat(reviewed)
            if isinstance(reviewed, str)
            else reviewed,
            needs=values(v.NEED),
            accessibility=values(v.ACCESSIBILITY),
            outreach=values(v.OUTREACH),
            provision=values(v.PROVISION),
            extract=extract,
            distance_miles=row[_DISTANCE],
        )


def _fetch(queryset: QuerySet) -> list[tuple[Any, ...]]:
    """The rows of ``queryset`` as plain tuples, without Django's per-value converters.

    Thousands of rows come back per search; converting only the ones shown is faster.
    """
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _fetch_with_report_text(
    queryset: QuerySet, offset: int, end: int, has_failures: bool
) -> list[tuple[Any, ...]]:
    """Rows as ``_fetch`` gives them, plus the report text of the rows on the page.

    The text (kilobytes a school) is read only for positions ``offset < n <= end``
    among the matching schools, by wrapping the directory query in one more SELECT.
    """
    quote = connection.ops.quote_name
    inner, params = queryset.query.sql_with_params()
    text = " || ' ' || ".join(
        f"COALESCE(s.{quote(SchoolPage._meta.get_field(key).column)}, '')" for key in TEXT_ITEM_KEYS
    )
    matching = " AND t.failures = 0" if has_failures else ""
    sql = (
        f"SELECT t.*, CASE WHEN t.position > %s AND t.position <= %s{matching} "
        f"THEN (SELECT {text} FROM {quote(SchoolPage._meta.db_table)} s "
        f"WHERE s.{quote(SchoolPage._meta.pk.column)} = t.pk) END "
        f"FROM ({inner}) t ORDER BY t.position"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [offset, end, *params])
        return cursor.fetchall()
