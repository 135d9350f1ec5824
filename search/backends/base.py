"""The contract between the directory and a search backend.

Views, templates and the API only ever see these types. A backend receives a
``DirectoryQuery`` (the parents' words already interpreted into concepts by
``search.text``, filter values already validated) and returns a ``DirectoryResult``.

Semantics every backend must follow (the shared contract tests check them):

* only live school pages without view restrictions, under ``scope_path``;
* a school matches a concept when it is tagged with any of the concept's terms, or its
  text (name, town, URN, report) contains any of the concept's phrases; it must match
  every concept;
* within one filter, values are alternatives (OR); across filters, all apply (AND);
* ``facet_counts[f][v]`` counts the schools matching the concepts and every filter
  except ``f``, that have value ``v`` for ``f``; values with no schools may be left out;
* ``count`` is the number of matching schools; ``hits`` is page ``page`` of them, in
  ``sort`` order, ties broken by name; a page past the end has no hits;
* ``extract`` is escaped HTML (``SafeString``) with matched words in ``<mark>``;
* with ``near`` (a point), every hit carries ``distance_miles`` (the great-circle
  distance from the point, None for a school without a location); with ``within_miles``
  as well, only schools within that distance match, and the facet counts count only
  them; sort ``distance`` puts the nearest first (schools without a location last).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol, runtime_checkable

from django.utils.safestring import SafeString

from ..text import Concept
from ..vocabulary import Vocabulary


class Sort(StrEnum):
    RELEVANCE = "relevance"
    NAME = "name"
    DISTANCE = "distance"


@dataclass(frozen=True)
class Point:
    """A place on the WGS84 globe, in degrees."""

    latitude: float
    longitude: float


@dataclass(frozen=True)
class DirectoryQuery:
    """One directory search: concepts from the search words, filters, order and page."""

    concepts: tuple[Concept, ...] = ()
    filters: Mapping[str, frozenset[str]] = field(default_factory=dict)
    sort: Sort = Sort.NAME
    page: int = 1
    page_size: int = 20
    # Only schools whose tree path starts with this (the schools index, or the site root).
    scope_path: str = ""
    # Where the parent is (their postcode's point), and how far they will travel.
    near: Point | None = None
    within_miles: float | None = None
    # The vocabulary the search was read with (labels, ids); backends may use it.
    vocabulary: Vocabulary | None = field(default=None, compare=False, repr=False)

    def selected(self, facet: str) -> frozenset[str]:
        return self.filters.get(facet, frozenset())

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


@dataclass(frozen=True)
class SchoolHit:
    """A school in the results, with the facts the results list shows."""

    page_id: int
    urn: str
    name: str
    url_path: str
    phase: str
    establishment_type: str
    town: str
    last_reviewed: dt.date | None
    needs: tuple[str, ...] = ()
    accessibility: tuple[str, ...] = ()
    outreach: tuple[str, ...] = ()
    provision: tuple[str, ...] = ()
    extract: SafeString | None = None
    # Miles from the search's ``near`` point; None without one or without a location.
    distance_miles: float | None = None


@dataclass(frozen=True)
class DirectoryResult:
    """The answer to a ``DirectoryQuery``."""

    count: int
    hits: tuple[SchoolHit, ...]
    facet_counts: Mapping[str, Mapping[str, int]]
    # True when the preferred backend failed and a fallback answered (issue 5).
    degraded: bool = False


@runtime_checkable
class DirectoryBackend(Protocol):
    """What the directory needs from a search backend."""

    def search(self, query: DirectoryQuery) -> DirectoryResult:
        """Run one search. Must not raise for any valid ``DirectoryQuery``."""
        ...
