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

from collections import Counter
from collections.abc import Iterable
from functools import cache
from typing import Any

from django.db import connection
from django.db.models import (
    Aggregate,
    BooleanField,
    Case,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Length, Lower, Substr
from wagtail.models import PageViewRestriction
from wagtail.search.backends import get_search_backend
from wagtail.search.query import Or, Phrase
from wagtail.search.utils import get_descendants_content_types_pks

from schools.checklist import TEXT_ITEM_KEYS
from schools.models import SchoolPage, SpecialistProvision

from .. import vocabulary as v
from ..highlight import highlight_pattern, make_extract, plain_text
from ..text import Concept
from .base import DirectoryQuery, DirectoryResult, SchoolHit, Sort

WAGTAIL_DATABASE_SEARCH = "wagtail.search.backends.database"

# Weights for ordering by relevance, per concept matched: tagged with the option the
# parent means, their words in the school's name, their words anywhere in the text.
TAG_WEIGHT = 4
TITLE_WEIGHT = 2
TEXT_WEIGHT = 1
MAX_TITLE_PHRASES = 12

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


class FlatConcat(Func):
    """Concatenate text columns, NULL as empty, without nesting (unlike ``Concat``)."""

    template = "(%(expressions)s)"
    arg_joiner = " || "
    output_field = TextField()

    def __init__(self, *expressions: Any) -> None:
        super().__init__(*(Coalesce(e, Value(""), output_field=TextField()) for e in expressions))


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
    from wagtail.search import models as search_models

    fts_model = getattr(search_models, "SQLiteFTSIndexEntry", None)
    return fts_model._meta.db_table if fts_model is not None else ""


def _sqlite_fulltext_matches(phrases: list[str]) -> QuerySet:
    # The same FTS5 index and MATCH syntax as Wagtail's SQLite backend, but starting
    # from the full-text table. Wagtail's query joins it to the index entries, and
    # SQLite then runs the MATCH once per entry: quadratic, seconds at 5,000 schools.
    from wagtail.search.models import IndexEntry

    table = _sqlite_fts_table()
    # Phrases are letters, digits and spaces only (see search.text), so quoting each
    # one is enough; the whole expression is still passed as a parameter.
    match = "{title body} : (" + " OR ".join(f'"{phrase}"' for phrase in phrases) + ")"
    rowids = RawSQL(f'SELECT rowid FROM "{table}" WHERE "{table}" MATCH %s', [match])
    return IndexEntry.objects.filter(
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


def _concat(queryset: QuerySet, group_by: str, value: str) -> Subquery:
    return Subquery(
        queryset.order_by()
        .values(group_by)
        .annotate(joined=GroupConcat(value, distinct=True))
        .values("joined"),
        output_field=TextField(),
    )


# The compact columns every row carries, and how each multi-valued one is read.
_MEMBERSHIP_COLUMNS = {
    "m_need": _concat(
        _NEEDS.objects.filter(schoolpage=OuterRef("pk")), "schoolpage", "needarea__code"
    ),
    "m_accessibility": _concat(
        _ACCESSIBILITY.objects.filter(schoolpage=OuterRef("pk")),
        "schoolpage",
        "accessibilityfeature__slug",
    ),
    "m_outreach": _concat(
        _OUTREACH.objects.filter(schoolpage=OuterRef("pk")), "schoolpage", "outreachservice__slug"
    ),
    "m_provision": _concat(SpecialistProvision.objects.filter(page=OuterRef("pk")), "page", "kind"),
}
_FIELDS = ("pk", "urn", "title", "url_path", "phase", "establishment_type", "town", "last_reviewed")


def _split(joined: str | None) -> tuple[str, ...]:
    return tuple(sorted(joined.split(","))) if joined else ()


class DatabaseBackend:
    """Searches live, public school pages with the database; one SQL query per search."""

    def search(self, query: DirectoryQuery) -> DirectoryResult:
        schools = self._candidates(query)
        active = [facet for facet in v.FACETS if query.selected(facet)]
        flags = {
            f"in_{facet}": ExpressionWrapper(
                facet_condition(facet, query.selected(facet)), output_field=BooleanField()
            )
            for facet in active
        }
        schools = schools.annotate(**flags)
        if len(active) > 1:
            failures = FlatSum(
                *(Case(When(Q(**{name: True}), then=0), default=1) for name in flags)
            )
            schools = schools.annotate(failures=failures).filter(failures__lte=1)

        order = self._ordering(query)
        needs_text = any(concept.phrases for concept in query.concepts)
        columns = dict(_MEMBERSHIP_COLUMNS)
        if needs_text:
            page_ids = (
                schools.filter(**{name: True for name in flags})
                .order_by(*order)
                .values("pk")[query.offset : query.offset + query.page_size]
            )
            columns["report_text"] = Case(
                When(pk__in=page_ids, then=_report_text()),
                default=Value(""),
                output_field=TextField(),
            )
        rows = list(schools.annotate(**columns).order_by(*order).values(*_FIELDS, *flags, *columns))
        return self._result(query, rows, list(flags), needs_text)

    def _candidates(self, query: DirectoryQuery) -> QuerySet:
        restricted = PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
        schools = SchoolPage.objects.filter(live=True).exclude(Exists(restricted))
        if query.scope_path:
            schools = schools.filter(path__startswith=query.scope_path)
        score: list[Any] = [Value(0)]
        for concept in query.concepts:
            tagged = self._tagged(concept)
            phrases = concept.fulltext_phrases()
            in_text = Q(pk__in=fulltext_matches(phrases)) if phrases else Q(pk__in=[])
            schools = schools.filter(tagged | in_text)
            in_title = Q()
            for phrase in phrases[:MAX_TITLE_PHRASES]:
                in_title |= Q(title__icontains=phrase)
            score.append(Case(When(tagged, then=TAG_WEIGHT), default=0))
            if phrases:
                score.append(Case(When(in_text, then=TEXT_WEIGHT), default=0))
                score.append(Case(When(in_title, then=TITLE_WEIGHT), default=0))
        return schools.annotate(score=FlatSum(*score))

    @staticmethod
    def _tagged(concept: Concept) -> Q:
        by_facet: dict[str, set[str]] = {}
        for facet, value in concept.terms:
            by_facet.setdefault(facet, set()).add(value)
        condition = Q(pk__in=[])
        for facet, values in by_facet.items():
            condition |= facet_condition(facet, values)
        return condition

    @staticmethod
    def _ordering(query: DirectoryQuery) -> list[Any]:
        by_name = [Lower("title"), "pk"]
        if query.sort == Sort.RELEVANCE and query.concepts:
            return [F("score").desc(), *by_name]
        return by_name

    def _result(
        self,
        query: DirectoryQuery,
        rows: list[dict[str, Any]],
        flags: list[str],
        needs_text: bool,
    ) -> DirectoryResult:
        bags: dict[str, list[str]] = {facet: [] for facet in v.FACETS}
        matching: list[dict[str, Any]] = []
        for row in rows:
            failed = [name[3:] for name in flags if not row[name]]
            if not failed:
                matching.append(row)
                counted: Iterable[str] = v.FACETS
            elif len(failed) == 1:
                counted = failed
            else:  # pragma: no cover - the query leaves these rows out
                continue
            for facet in counted:
                if facet == v.PHASE:
                    bags[facet].append(row["phase"])
                elif facet == v.SCHOOL_TYPE:
                    if row["establishment_type"]:
                        bags[facet].append(row["establishment_type"])
                elif row[f"m_{facet}"]:
                    bags[facet].extend(row[f"m_{facet}"].split(","))
        page = matching[query.offset : query.offset + query.page_size]
        pattern = highlight_pattern(query.concepts) if needs_text else None
        hits = tuple(self._hit(row, pattern) for row in page)
        return DirectoryResult(
            count=len(matching),
            hits=hits,
            facet_counts={facet: Counter(bag) for facet, bag in bags.items()},
        )

    @staticmethod
    def _hit(row: dict[str, Any], pattern: Any) -> SchoolHit:
        extract = None
        if pattern is not None and row.get("report_text"):
            extract = make_extract(plain_text(row["report_text"]), pattern)
        return SchoolHit(
            page_id=row["pk"],
            urn=row["urn"],
            name=row["title"],
            url_path=row["url_path"],
            phase=row["phase"],
            establishment_type=row["establishment_type"],
            town=row["town"],
            last_reviewed=row["last_reviewed"],
            needs=_split(row["m_need"]),
            accessibility=_split(row["m_accessibility"]),
            outreach=_split(row["m_outreach"]),
            provision=_split(row["m_provision"]),
            extract=extract,
        )


def _report_text() -> FlatConcat:
    parts: list[Any] = []
    for key in TEXT_ITEM_KEYS:
        parts.extend([F(key), Value("\n")])
    return FlatConcat(*parts)
