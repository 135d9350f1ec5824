"""What the directory's search statement depends on (``Search``), and the statement kept
per shape, so that a search like one seen before costs no ORM work.

A search's shape is what the statement's SQL text depends on (which filters, options and
phrases are in use and how many of each, the sort); its values go in the parameters. The
first search of a shape builds the statement with stand-ins for the values and checks it,
with the real values put back, against the statement the ORM builds for that search: a
shape whose statement differs in any way is built every time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from django.db import connection
from wagtail.search.utils import get_descendants_content_types_pks

from schools.models import SchoolPage

from .. import vocabulary as v
from .base import DirectoryQuery, Point, Sort
from .conditions import Words

# Builds a search's statement with the ORM: (SQL, parameters).
Build = Callable[["Search"], tuple[str, list[Any]]]


@dataclass(frozen=True)
class Search:
    """What the search statement depends on (all of a ``DirectoryQuery`` but its page).

    The statement is built from it by ``database._build_statement``."""

    words: tuple[Words, ...]
    # The filters in use, in ``FACETS`` order, each with its values sorted.
    filters: tuple[tuple[str, tuple[str, ...]], ...]
    scope_path: str
    sort: Sort
    near: Point | None
    within_miles: float | None

    @classmethod
    def of(cls, query: DirectoryQuery) -> Search:
        return cls(
            words=tuple(Words.of(concept) for concept in query.concepts),
            filters=tuple(
                (facet, tuple(sorted(query.selected(facet))))
                for facet in v.FACETS
                if query.selected(facet)
            ),
            scope_path=query.scope_path,
            sort=query.sort,
            near=query.near,
            within_miles=query.within_miles,
        )

    @property
    def relevance(self) -> bool:
        return self.sort == Sort.RELEVANCE and bool(self.words)

    @property
    def with_text(self) -> bool:
        """Whether there are words to find in the text (the report text is read for the
        extracts)."""
        return any(words.phrases for words in self.words)

    def values(self) -> list[str]:
        """Every value the parent chose or typed, in one order (see ``with_values``)."""
        return [
            *(value for _facet, values in self.filters for value in values),
            *(
                value
                for words in self.words
                for value in (
                    *(value for _facet, values in words.options for value in values),
                    *words.phrases,
                )
            ),
            *([self.scope_path] if self.scope_path else []),
        ]

    def with_values(self, values: list[str]) -> Search:
        """The same search with ``values`` (in the order of ``values()``) in their place."""
        given = iter(values)

        def each(values: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(next(given) for _value in values)

        filters = tuple((facet, each(values)) for facet, values in self.filters)
        words = tuple(
            Words(
                tuple((facet, each(values)) for facet, values in words.options),
                each(words.phrases),
            )
            for words in self.words
        )
        scope_path = next(given) if self.scope_path else ""
        return replace(self, filters=filters, words=words, scope_path=scope_path)

    def shape(self) -> tuple[Any, ...] | None:
        """What the statement's SQL text depends on: which filters, options and phrases
        are in use and how many of each, the sort. None when the statement is built for
        this search alone: near a point (its parameters are computed from the point), or
        with a value other than letters, digits, spaces and hyphens (a value is put in
        the SQL's parameters unchanged only if nothing would have escaped it)."""
        if self.near is not None:
            return None
        if not all(PLAIN.fullmatch(value) for value in self.values()):
            return None
        return (
            connection.vendor,
            # Written into the statement as parameters; they change only when the
            # content types are made again (a test flushing the database).
            tuple(get_descendants_content_types_pks(SchoolPage)),
            tuple((facet, len(values)) for facet, values in self.filters),
            tuple(
                (tuple((facet, len(values)) for facet, values in words.options), len(words.phrases))
                for words in self.words
            ),
            bool(self.scope_path),
            self.sort,
        )


PLAIN = re.compile(r"[A-Za-z0-9 -]*")
# Stands for the value at that position while a shape's statement is built; mixed case,
# a space and a hyphen so that any change made to a value on its way into the SQL
# shows (the shape is then not kept).
_STAND_IN = re.compile(r"Zq (\d{3})-Qz")


def _stand_in(position: int) -> str:
    return f"Zq {position:03d}-Qz"


@dataclass(frozen=True)
class _Template:
    """A shape's statement: its SQL, and its parameters with stand-ins for the values."""

    sql: str
    # (True, text with stand-ins) or (False, a parameter the same for every search).
    params: tuple[tuple[bool, Any], ...]

    @classmethod
    def build(cls, search: Search, build: Build) -> _Template | None:
        count = len(search.values())
        if count > 999:
            return None
        sql, params = build(search.with_values([_stand_in(i) for i in range(count)]))
        if _STAND_IN.search(sql):
            return None
        marked = tuple(
            (isinstance(param, str) and bool(_STAND_IN.search(param)), param) for param in params
        )
        found = {int(match) for has, param in marked if has for match in _STAND_IN.findall(param)}
        if found != set(range(count)):
            return None  # a value changed on its way in, or was left out
        return cls(sql, marked)

    def render(self, values: list[str]) -> tuple[str, list[Any]]:
        def value(match: re.Match[str]) -> str:
            return values[int(match.group(1))]

        return self.sql, [
            _STAND_IN.sub(value, param) if has else param for has, param in self.params
        ]


# Statements by shape, so that a search whose shape was seen before costs no ORM work
# (about 3 ms of building and compiling querysets). None: a shape built every time.
TEMPLATES: dict[tuple[Any, ...], _Template | None] = {}
_MAX_TEMPLATES = 500


def statement_for(search: Search, build: Build) -> tuple[str, list[Any]]:
    """The search statement for ``search`` (without the page's LIMIT and OFFSET): from
    its shape's template when there is one, otherwise built with the ORM."""
    shape = search.shape()
    if shape is None:
        return build(search)
    try:
        template = TEMPLATES[shape]
    except KeyError:
        template = _Template.build(search, build)
        # The first search of a shape checks the template against the ORM's statement.
        if template is not None and template.render(search.values()) != build(search):
            template = None
        if len(TEMPLATES) >= _MAX_TEMPLATES:
            TEMPLATES.clear()
        TEMPLATES[shape] = template
    if template is None:
        return build(search)
    return template.render(search.values())
