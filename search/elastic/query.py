"""A ``DirectoryQuery`` as one Elasticsearch faceted search, and its answer.

The facet semantics are elasticsearch-dsl's ``FacetedSearch``: the chosen options
narrow the hits as a ``post_filter`` (OR within a filter, AND across filters), and
each filter's counts come from an aggregation filtered by every *other* filter, so
an option never shows a count that choosing it would not give.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from elasticsearch import Elasticsearch
from elasticsearch_dsl import FacetedSearch, Q, Search, TermsFacet
from elasticsearch_dsl.query import Query

from .. import vocabulary as v
from ..backends.base import DirectoryQuery, DirectoryResult, Point, SchoolHit, Sort
from ..geo import miles_between
from ..highlight import highlight_pattern, make_extract
from ..text import MAX_CONCEPTS, Concept
from .documents import FACET_FIELDS

# Relevance: per idea searched for, a school tagged with the option the parent means
# counts most, then the idea in the school's name, its town or URN, then its report
# (where BM25 weighs how often and how prominently the words appear).
NAME_BOOST = 4.0
PLACE_BOOST = 2.0
BODY_BOOST = 1.0
# The text's score for one idea is capped, and a tag outweighs the capped text of a
# whole search: a school that says it provides for a need ranks above one whose name
# and report only mention it, however often (issue 14). A cap, not a script: the
# engine we test on has no scripting module.
TEXT_SCORE_CAP = 10.0
TAG_BOOST = 1.0 + MAX_CONCEPTS * TEXT_SCORE_CAP

# More options than any council's vocabulary has, so no count is ever cut off.
FACET_SIZE = 1000

_SHOWN_FIELDS = [
    "page_id",
    "urn",
    "title",
    "url_path",
    "phase",
    "type",
    "town_display",
    "last_reviewed",
    v.NEED,
    v.ACCESSIBILITY,
    v.OUTREACH,
    v.PROVISION,
    "location",
]


def concept_query(concept: Concept) -> Query:
    """Schools tagged with any of the concept's options, or with any of its phrases."""
    should: list[Query] = []
    by_facet: dict[str, set[str]] = {}
    for facet, value in concept.terms:
        by_facet.setdefault(facet, set()).add(value)
    for facet, values in sorted(by_facet.items()):
        should.append(
            Q(
                "constant_score",
                filter=Q("terms", **{FACET_FIELDS[facet]: sorted(values)}),
                boost=TAG_BOOST,
            )
        )
    in_text: list[Query] = []
    for phrase in concept.fulltext_phrases():
        in_text += [
            Q("match_phrase", name={"query": phrase, "boost": NAME_BOOST}),
            Q("match_phrase", town={"query": phrase, "boost": PLACE_BOOST}),
            Q("term", urn={"value": phrase, "boost": PLACE_BOOST}),
            Q("match_phrase", body={"query": phrase, "boost": BODY_BOOST}),
        ]
    if in_text:
        # boost_mode "min": the text's own score, but never more than the cap.
        should.append(
            Q(
                "function_score",
                query=Q("bool", should=in_text, minimum_should_match=1),
                functions=[{"weight": TEXT_SCORE_CAP}],
                boost_mode="min",
            )
        )
    if not should:
        return Q("match_none")
    return Q("bool", should=should, minimum_should_match=1)


class DirectorySearch(FacetedSearch):
    """The directory's facets over the schools index."""

    facets = {
        facet: TermsFacet(field=FACET_FIELDS[facet], size=FACET_SIZE, min_doc_count=1)
        for facet in v.FACETS
    }

    def __init__(self, query: DirectoryQuery, *, client: Elasticsearch, index: str) -> None:
        # Read by search() while the base class builds the request.
        self.index = index
        self.using = client
        self.directory_query = query
        filters = {facet: sorted(values) for facet, values in query.filters.items() if values}
        super().__init__(query=query, filters=filters, sort=_ordering(query))

    def search(self) -> Search:
        s = super().search()
        query = self.directory_query
        if query.scope_path:
            s = s.filter("prefix", path=query.scope_path)
        if query.near is not None and query.within_miles is not None:
            # In the query, not the post_filter: the facet counts count only these schools.
            s = s.filter(
                "geo_distance",
                distance=f"{query.within_miles}mi",
                distance_type="arc",
                location=_point(query.near),
            )
        fields = list(_SHOWN_FIELDS)
        if _needs_text(self.directory_query):
            fields.append("report")
        return s.source(includes=fields).extra(track_total_hits=True)

    def query(self, search: Search, query: DirectoryQuery) -> Search:  # type: ignore[override]
        # Every idea searched for must match (scored); FacetedSearch adds the filters.
        for concept in query.concepts:
            search = search.query(concept_query(concept))
        return search


def _needs_text(query: DirectoryQuery) -> bool:
    return any(concept.phrases for concept in query.concepts)


def _ordering(query: DirectoryQuery) -> list[Any]:
    by_name: list[Any] = ["name_sort", "page_id"]
    if query.sort == Sort.RELEVANCE and query.concepts:
        return [{"_score": {"order": "desc"}}, *by_name]
    if query.sort == Sort.DISTANCE and query.near is not None:
        # Schools without a location sort last (their distance is infinite).
        distance = {
            "location": _point(query.near),
            "order": "asc",
            "unit": "mi",
            "distance_type": "arc",
        }
        return [{"_geo_distance": distance}, *by_name]
    return by_name


def _point(point: Point) -> dict[str, float]:
    return {"lat": point.latitude, "lon": point.longitude}


def run_search(query: DirectoryQuery, *, client: Elasticsearch, index: str) -> DirectoryResult:
    """Answer ``query`` from the index; raises the client's errors."""
    faceted = DirectorySearch(query, client=client, index=index)
    response = faceted[query.offset : query.offset + query.page_size].execute()
    pattern = highlight_pattern(query.concepts) if _needs_text(query) else None
    hits = tuple(_hit(hit.to_dict(), pattern, query.near) for hit in response.hits)
    counts = {
        facet: {value: count for value, count, _selected in response.facets[facet]}
        for facet in v.FACETS
    }
    return DirectoryResult(count=response.hits.total.value, hits=hits, facet_counts=counts)


def _hit(source: dict[str, Any], pattern: Any, near: Point | None) -> SchoolHit:
    last_reviewed = source.get("last_reviewed")
    extract = None
    if pattern is not None and source.get("report"):
        # The same extract, from the same text, as the database backend gives.
        extract = make_extract(source["report"], pattern)
    return SchoolHit(
        page_id=int(source["page_id"]),
        urn=source["urn"],
        name=source["title"],
        url_path=source["url_path"],
        phase=source["phase"],
        establishment_type=source.get("type") or "",
        town=source.get("town_display") or "",
        last_reviewed=dt.date.fromisoformat(last_reviewed[:10]) if last_reviewed else None,
        needs=tuple(source.get(v.NEED) or ()),
        accessibility=tuple(source.get(v.ACCESSIBILITY) or ()),
        outreach=tuple(source.get(v.OUTREACH) or ()),
        provision=tuple(source.get(v.PROVISION) or ()),
        extract=extract,
        distance_miles=_distance(source.get("location"), near),
    )


def _distance(location: dict[str, float] | None, near: Point | None) -> float | None:
    # Measured as the database backend measures it, so both give the same miles.
    if near is None or not location:
        return None
    return miles_between(near, Point(location["lat"], location["lon"]))
