"""The embedded default backend: the directory answered by the database alone.

Text matching uses Wagtail's database search backend (SQLite FTS5 here, PostgreSQL
full-text search in production), whose index Wagtail keeps up to date as pages are
published, unpublished, moved and deleted. Everything else is read from the live
page tables, so the directory is always current.

One search is one SQL statement (``_statement``), built from the conditions in
``conditions`` and kept per shape by ``statement_shape``. It first sets apart every
school that passes all filters or fails exactly one (a school failing two filters cannot
count towards any option), with flags saying which filters it passes; from those it
counts each filter's options with every other filter applied, counts the matching
schools and reads the page. Only the answer comes back: the page's 20 schools (with their report
text for the extracts) and one row per option.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections import Counter
from typing import Any

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    ExpressionWrapper,
    FloatField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower
from django.db.models.sql import Query
from django.db.models.sql.datastructures import Join
from wagtail.models import Page, PageViewRestriction

from schools.checklist import TEXT_ITEM_KEYS
from schools.models import SchoolPage, SpecialistProvision

from .. import vocabulary as v
from ..geo import with_distance
from ..highlight import extract_from_html, highlight_pattern
from ..text import MAX_CONCEPTS
from ..vocabulary import Vocabulary, load_vocabulary
from .base import DirectoryQuery, DirectoryResult, SchoolHit, Sort
from .conditions import (
    ACCESSIBILITY,
    NEEDS,
    OUTREACH,
    FlatSum,
    Words,
    concept_conditions,
    facet_condition,
    fulltext_matches,
)
from .statement_shape import Search, statement_for

# Weights for ordering by relevance, per concept matched: tagged with the option the
# parent means, their words in the school's name, their words anywhere in the text.
# A tag outweighs everything the text of a whole search can add, so a school that says
# it provides for a need ranks above one whose text only mentions it (issue 14).
TITLE_WEIGHT = 2
TEXT_WEIGHT = 1
TAG_WEIGHT = 1 + MAX_CONCEPTS * (TITLE_WEIGHT + TEXT_WEIGHT)

# Not hidden by a view restriction on the school or any page above it (a password or
# sign-in page): those pages' paths are prefixes of the school's. Written as SQL for its
# join order: ``CROSS JOIN`` makes SQLite start from the restrictions (nearly always none)
# and look each page up by id. Left to choose, SQLite's planner, once it has statistics
# (``ANALYZE``), tests every page against every school: 2.5 s a search at 5,000 schools.
# PostgreSQL reads ``CROSS JOIN`` with the condition in ``WHERE`` as an ordinary join.
_PAGES = Page._meta.db_table
_UNRESTRICTED = RawSQL(
    f"NOT EXISTS (SELECT 1 FROM {PageViewRestriction._meta.db_table} restriction"
    f" CROSS JOIN {_PAGES} restricted"
    " WHERE restricted.id = restriction.page_id"
    f" AND restricted.path = SUBSTR({_PAGES}.path, 1, LENGTH(restricted.path)))",
    (),
    output_field=BooleanField(),
)
# The tables of the options a school has: needs, features, services (ids) and its
# specialist provision (kinds), by filter: (table, school column, option column).
_MEMBERSHIP_TABLES: dict[str, tuple[Any, str, str]] = {
    v.NEED: (NEEDS, "schoolpage", "needarea"),
    v.ACCESSIBILITY: (ACCESSIBILITY, "schoolpage", "accessibilityfeature"),
    v.OUTREACH: (OUTREACH, "schoolpage", "outreachservice"),
    v.PROVISION: (SpecialistProvision, "page", "kind"),
}

# Each row of the answer: a part (page, option counts, total), the facts of a school on
# the page, its options as comma-separated ids (kinds for specialist provision) and its
# report text (with words only), the keys it was ordered by; then, for counts, a filter,
# an option and how many schools have it.
_PAGE, _COUNTS, _TOTAL = 0, 1, 2
_FIELDS = (
    "part",
    "pk",
    "urn",
    "title",
    "url_path",
    "phase",
    "establishment_type",
    "town",
    "last_reviewed",
    "distance",
    "m_need",
    "m_accessibility",
    "m_outreach",
    "m_provision",
    "report",
    "o_score",
    "o_title",
    "facet",
    "value",
    "n",
)
(
    _PART,
    _PK,
    _URN,
    _TITLE,
    _URL_PATH,
    _PHASE,
    _TYPE,
    _TOWN,
    _REVIEWED,
    _DISTANCE,
    _M_NEED,
    _M_ACCESSIBILITY,
    _M_OUTREACH,
    _M_PROVISION,
    _REPORT,
    _O_SCORE,
    _O_TITLE,
    _FACET,
    _VALUE,
    _N,
) = range(len(_FIELDS))
_MEMBERSHIP_COLUMN = {
    v.NEED: _M_NEED,
    v.ACCESSIBILITY: _M_ACCESSIBILITY,
    v.OUTREACH: _M_OUTREACH,
    v.PROVISION: _M_PROVISION,
}


class DatabaseBackend:
    """Searches live, public school pages with the database; one SQL query per search."""

    def search(self, query: DirectoryQuery) -> DirectoryResult:
        vocabulary = query.vocabulary if query.vocabulary is not None else load_vocabulary()
        search = Search.of(query)
        sql, params = statement_for(search, _build_statement)
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, query.page_size, query.offset])
            rows = cursor.fetchall()
        return self._result(query, vocabulary, rows, search.with_text)

    def _result(
        self,
        query: DirectoryQuery,
        vocabulary: Vocabulary,
        rows: list[tuple[Any, ...]],
        needs_text: bool,
    ) -> DirectoryResult:
        count = 0
        page: list[tuple[Any, ...]] = []
        facet_counts: dict[str, Counter[str]] = {facet: Counter() for facet in v.FACETS}
        values_by_pk = {facet: vocabulary.values_by_pk(facet) for facet in v.TERM_FACETS}
        for row in rows:
            part = row[_PART]
            if part == _PAGE:
                page.append(row)
            elif part == _COUNTS:
                facet, value = row[_FACET], row[_VALUE]
                if facet in values_by_pk:
                    # An option added since the vocabulary was read is left out.
                    value = values_by_pk[facet].get(int(value))
                if value:
                    facet_counts[facet][value] = row[_N]
            else:
                count = row[_N]
        pattern = highlight_pattern(query.concepts) if needs_text else None
        hits = tuple(self._hit(row, values_by_pk, pattern) for row in page)
        return DirectoryResult(count=count, hits=hits, facet_counts=facet_counts)

    @staticmethod
    def _hit(
        row: tuple[Any, ...], values_by_pk: dict[str, dict[int, str]], pattern: Any
    ) -> SchoolHit:
        def values(facet: str) -> tuple[str, ...]:
            joined = row[_MEMBERSHIP_COLUMN[facet]]
            if not joined:
                return ()
            if facet == v.PROVISION:
                return tuple(sorted(set(joined.split(","))))
            by_pk = values_by_pk[facet]
            return tuple(sorted(by_pk[int(pk)] for pk in joined.split(",") if int(pk) in by_pk))

        extract = None
        if pattern is not None and row[_REPORT]:
            extract = extract_from_html(row[_REPORT], pattern)
        reviewed = row[_REVIEWED]
        return SchoolHit(
            page_id=row[_PK],
            urn=row[_URN],
            name=row[_TITLE],
            url_path=row[_URL_PATH],
            phase=row[_PHASE],
            establishment_type=row[_TYPE],
            town=row[_TOWN],
            # SQLite gives dates as text.
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


def _build_statement(search: Search) -> tuple[str, list[Any]]:
    """The search statement built with the ORM (without the page's LIMIT and OFFSET)."""
    schools = _candidates(search)
    active = [facet for facet, _values in search.filters]
    flags = {
        f"in_{facet}": ExpressionWrapper(
            facet_condition(facet, values), output_field=BooleanField()
        )
        for facet, values in search.filters
    }
    names = ["pk", "phase", "establishment_type", "distance", "title_key", *flags]
    schools = schools.annotate(title_key=Lower("title"), **flags)
    if search.relevance:
        names.append("score")
    base = schools.order_by().values_list(*names)
    if connection.vendor == "sqlite":
        _schools_first(base.query)
    return _statement(base, search, active)


def _candidates(search: Search) -> QuerySet:
    schools = SchoolPage.objects.filter(live=True).filter(_UNRESTRICTED)
    if search.scope_path:
        schools = schools.filter(path__startswith=search.scope_path)
    if search.near is None:
        schools = schools.annotate(distance=Value(None, output_field=FloatField()))
    else:
        schools = with_distance(schools, search.near, search.within_miles)
    score: list[Any] = [Value(0)]
    for number, words in enumerate(search.words):
        tagged, in_text = concept_conditions(words, _matched_in_text(number, words))
        schools = schools.filter(tagged | in_text)
        score.append(Case(When(tagged, then=TAG_WEIGHT), default=0))
        if words.phrases:
            score.append(Case(When(in_text, then=TEXT_WEIGHT), default=0))
        if not words.options:
            # A word that is no option (a name, a town): best in the school's name.
            in_title = Q()
            for phrase in words.phrases:
                in_title |= Q(title__icontains=phrase)
            score.append(Case(When(in_title, then=TITLE_WEIGHT), default=0))
    return schools.annotate(score=FlatSum(*score))


def _text_matches_apart(words: Words) -> bool:
    # A concept's full-text subquery is used twice, in the condition and in the
    # relevance score, and PostgreSQL ran it twice: each run reads most schools' body
    # vectors when the concept is broad (an option's phrases from the vocabularies:
    # ``anxiety`` has 14), building the tsquery again for each. Computed once in a
    # common table expression of its own (``_text_ctes``), with its tsquery built once,
    # it is read twice from memory. A word that is no option (a town, a name) keeps its
    # subquery in place: one or two phrases, cheap to probe twice, and the planner
    # sees how few schools hold them (a town: 85 of 5,000) and plans for that; hidden
    # from it, that search took 3 times as long. On SQLite the statement is left as
    # it was (computing the matches once was no faster there).
    return connection.vendor == "postgresql" and bool(words.options)


def _text_cte(number: int) -> str:
    return f"text_{number}"


def _matched_in_text(number: int, words: Words) -> RawSQL | None:
    """The schools whose text holds concept ``number``'s phrases, read from the
    statement's common table expression for it (None: a subquery in place)."""
    if not _text_matches_apart(words):
        return None
    return RawSQL(f"SELECT page FROM {_text_cte(number)}", ())


def _text_ctes(search: Search) -> tuple[str, list[Any]]:
    """``name AS MATERIALIZED (...), `` for each concept with phrases (see
    ``_matched_in_text``), and their parameters."""
    sql, params = "", []
    for number, words in enumerate(search.words):
        if words.phrases and _text_matches_apart(words):
            matches = fulltext_matches(list(words.phrases), query_once=True)
            inner, inner_params = matches.query.sql_with_params()
            sql += f"{_text_cte(number)} AS MATERIALIZED ({inner}), "
            params += inner_params
    return sql, params


def _schools_first(query: Query) -> None:
    """Make SQLite read the schools before their pages (``CROSS JOIN`` fixes its join
    order): the schools through the directory's covering index, in page order
    (``school_directory_idx``), each page then looked up by id. Left to choose, SQLite
    reads the pages first and then each school's row, 4 KB of report text apart: about
    3 ms more for 5,000 schools."""
    for alias, join in query.alias_map.items():
        if (
            isinstance(join, Join)
            and join.table_name == _PAGES
            and join.parent_alias == SchoolPage._meta.db_table
        ):
            # A copy: querysets cloned from this one share their joins.
            schools_first = copy.copy(join)
            schools_first.join_type = "CROSS JOIN"
            query.alias_map[alias] = schools_first


def _statement(base: QuerySet, search: Search, active: list[str]) -> tuple[str, list[Any]]:
    """One statement for the whole answer: the page, every option's count and the total.

    ``base`` (a ``values_list`` of pk, phase, establishment_type, distance, title_key, a
    flag ``in_<filter>`` per filter in use, the relevance ``score`` when ordering by it
    and ``failures`` with filters) is every school that passes all filters or fails
    exactly one; it is computed once (a materialised common table expression). The
    options are counted in the database, each filter's options over the schools that
    pass every other filter; the names, links and options of a school and its report
    text are read for the schools on the page only. The parameters returned are all
    but the last two, the page's ``LIMIT`` and ``OFFSET``, which the caller adds.
    """
    quote = connection.ops.quote_name
    inner, params = base.query.sql_with_params()
    if active:
        # How many filters each school fails, from the flags: counted over the inner
        # query's columns, so that each filter's condition (often an EXISTS subquery)
        # runs once per school. Written over the flags in the ORM, it ran three times:
        # in the flag, in the count and in the condition on the count. OFFSET 0 keeps
        # both databases from merging the inner query into this one, which would copy
        # the conditions back in.
        failures = " + ".join(
            f"CASE WHEN t.{quote('in_' + facet)} THEN 0 ELSE 1 END" for facet in active
        )
        # A school failing two filters cannot count towards any option.
        kept = f" WHERE {failures} <= 1" if len(active) > 1 else ""
        no_merge = " LIMIT -1 OFFSET 0" if connection.vendor == "sqlite" else " OFFSET 0"
        inner = f"SELECT t.*, {failures} AS failures FROM ({inner}{no_merge}) t{kept}"
    matching = "b.failures = 0" if active else ""
    # SQLite's planner is told to drive the joins from the matching schools (CROSS
    # JOIN fixes the order), probing each option table's (school, option) index.
    join = "CROSS JOIN" if connection.vendor == "sqlite" else "JOIN"

    def where(*conditions: str) -> str:
        kept = [c for c in conditions if c]
        return f" WHERE {' AND '.join(kept)}" if kept else ""

    def counted_for(facet: str) -> str:
        # Schools passing every filter, and those failing this one filter only.
        if not active:
            return ""
        if facet in active:
            return f"(b.failures = 0 OR NOT b.{quote('in_' + facet)})"
        return matching

    def row(kind: int, **columns: str) -> str:
        return "SELECT " + ", ".join(
            f"{columns.get(name, 'NULL')} AS {quote(name)}"
            if position == 0 or kind == _PAGE
            else columns.get(name, "NULL")
            for position, name in enumerate(_FIELDS)
        )

    def joined(facet: str, school: str) -> str:
        model, school_field, option_field = _MEMBERSHIP_TABLES[facet]
        table = quote(model._meta.db_table)
        school_column = quote(model._meta.get_field(school_field).column)
        option_column = quote(model._meta.get_field(option_field).column)
        if connection.vendor == "postgresql":
            concat = f"STRING_AGG(j.{option_column}::text, ',')"
        else:
            concat = f"GROUP_CONCAT(j.{option_column})"
        return f"(SELECT {concat} FROM {table} j WHERE j.{school_column} = {school})"

    relevance, with_text = search.relevance, search.with_text
    order = ["o_title", "pk"]
    if relevance:
        order.insert(0, "o_score DESC")
    elif search.sort == Sort.DISTANCE and search.near is not None:
        order.insert(0, "distance ASC NULLS LAST")
    page_order = ", ".join(
        clause.replace("o_title", "title_key").replace("o_score", "score") for clause in order
    )
    school_table = quote(SchoolPage._meta.db_table)
    page_table = quote(Page._meta.db_table)
    school_pk = quote(SchoolPage._meta.pk.column)
    report = "NULL"
    if with_text:
        report = " || ' ' || ".join(
            f"COALESCE(s.{quote(SchoolPage._meta.get_field(key).column)}, '')"
            for key in TEXT_ITEM_KEYS
        )
    parts = [
        row(
            _PAGE,
            part=str(_PAGE),
            pk="b.pk",
            urn="s.urn",
            title="p.title",
            url_path="p.url_path",
            phase="b.phase",
            establishment_type="b.establishment_type",
            town="s.town",
            last_reviewed="s.last_reviewed",
            distance="b.distance",
            **{f"m_{facet}": joined(facet, "b.pk") for facet in _MEMBERSHIP_TABLES},
            report=report,
            o_score="b.score" if relevance else "NULL",
            o_title="b.title_key",
        )
        + f" FROM (SELECT * FROM base b{where(matching)}"
        f" ORDER BY {page_order} LIMIT %s OFFSET %s) b"
        f" JOIN {school_table} s ON s.{school_pk} = b.pk"
        f" JOIN {page_table} p ON p.id = b.pk",
        row(_TOTAL, part=str(_TOTAL), n="COUNT(*)") + f" FROM base b{where(matching)}",
    ]
    for facet, (model, school_field, option_field) in _MEMBERSHIP_TABLES.items():
        table = quote(model._meta.db_table)
        school_column = quote(model._meta.get_field(school_field).column)
        option = f"j.{quote(model._meta.get_field(option_field).column)}"
        parts.append(
            row(
                _COUNTS,
                part=str(_COUNTS),
                facet=f"'{facet}'",
                value=f"CAST({option} AS TEXT)",
                n="COUNT(*)",
            )
            + f" FROM base b {join} {table} j ON j.{school_column} = b.pk"
            + where(counted_for(facet))
            + f" GROUP BY {option}"
        )
    for facet, column in ((v.PHASE, "phase"), (v.SCHOOL_TYPE, "establishment_type")):
        parts.append(
            row(_COUNTS, part=str(_COUNTS), facet=f"'{facet}'", value=f"b.{column}", n="COUNT(*)")
            + f" FROM base b{where(counted_for(facet))} GROUP BY b.{column}"
        )
    texts, text_params = _text_ctes(search)
    sql = (
        f"WITH {texts}base AS MATERIALIZED ({inner}) "
        + " UNION ALL ".join(parts)
        + " ORDER BY part, "
        + ", ".join(order)
    )
    return sql, [*text_params, *params]
