"""What the directory page and the API show: filters with counts, results, pages.

Built from a backend's ``DirectoryResult`` and the vocabulary, so every backend is
presented in exactly the same way.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from postcodes.selectors import EXAMPLE_POSTCODE, Location, PostcodeData
from schools.kinds import school_description
from schools.pagination import Pagination, paginate
from schools.review import ReviewStatus, review_status

from . import vocabulary as v
from .backends import DirectoryResult, SchoolHit
from .params import DISTANCES, ParameterProblem, ParsedSearch
from .tagged import WordsAsFilters
from .vocabulary import Term, Vocabulary


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int
    selected: bool
    html_id: str


@dataclass(frozen=True)
class OptionGroup:
    label: str
    options: tuple[Option, ...]


@dataclass(frozen=True)
class Filter:
    """One filter: a legend and its options, grouped (needs) or in one group."""

    name: str
    legend: str
    groups: tuple[OptionGroup, ...]

    @property
    def options(self) -> list[Option]:
        return [option for group in self.groups for option in group.options]


@dataclass(frozen=True)
class ResultItem:
    """A school in the results, with labels for everything the list shows."""

    hit: SchoolHit
    url: str
    kind: str
    needs: tuple[Term, ...]
    accessibility: tuple[Term, ...]
    outreach: tuple[Term, ...]
    provision: tuple[Term, ...]
    review_status: ReviewStatus

    @property
    def overdue(self) -> bool:
        return self.review_status == ReviewStatus.OVERDUE

    # The labels of each list, as the card shows them ("Autism; Dyslexia"): joined
    # here, as a loop per list was half the time the template spent on a card.
    @property
    def needs_text(self) -> str:
        return _joined(self.needs)

    @property
    def accessibility_text(self) -> str:
        return _joined(self.accessibility)

    @property
    def outreach_text(self) -> str:
        return _joined(self.outreach)

    @property
    def provision_text(self) -> str:
        return _joined(self.provision)

    @property
    def distance_text(self) -> str:
        """ "2.3 miles", "0.4 miles", "1 mile": empty without a distance."""
        miles = self.hit.distance_miles
        if miles is None:
            return ""
        shown = f"{miles:.1f}".removesuffix(".0")
        return f"{shown} mile" if shown == "1" else f"{shown} miles"


@dataclass(frozen=True)
class DistanceChoice:
    miles: int
    selected: bool


@dataclass(frozen=True)
class SelectedOption:
    """A chosen filter option, with a link that removes it."""

    legend: str
    label: str
    remove_url: str


@dataclass
class Listing:
    """Everything one directory request shows."""

    search: ParsedSearch
    result: DirectoryResult
    filters: list[Filter]
    items: list[ResultItem]
    base_url: str = ""
    problems: list[ParameterProblem] = field(default_factory=list)
    # How many results are tagged with what the words mean (the page only).
    words_as_filters: WordsAsFilters | None = None
    # What postcode data is loaded: the page offers a postcode box only with some, and
    # says when they are only the demo's made-up examples (the page only).
    postcode_data: PostcodeData = PostcodeData.NONE

    @property
    def location_search(self) -> bool:
        return self.location is not None or self.postcode_data is not PostcodeData.NONE

    @property
    def example_postcode(self) -> str:
        """The postcode to suggest when the site has only the demo's example postcodes."""
        return EXAMPLE_POSTCODE if self.postcode_data is PostcodeData.EXAMPLE else ""

    @property
    def location(self) -> Location | None:
        return self.search.location

    @property
    def distance(self) -> int | None:
        within = self.search.query.within_miles
        return int(within) if within is not None else None

    @property
    def postcode_problem(self) -> ParameterProblem | None:
        """Why the postcode could not be used, shown beside the postcode box."""
        return next((p for p in self.problems if p.parameter == "postcode"), None)

    @property
    def distance_choices(self) -> list[DistanceChoice]:
        return [DistanceChoice(miles, miles == self.distance) for miles in DISTANCES]

    @property
    def count(self) -> int:
        return self.result.count

    @property
    def page(self) -> int:
        return self.search.query.page

    @property
    def page_size(self) -> int:
        return self.search.query.page_size

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.count / self.page_size))

    @property
    def past_the_end(self) -> bool:
        return self.page > self.pages

    @property
    def first_number(self) -> int:
        return self.search.query.offset + 1

    @property
    def last_number(self) -> int:
        return self.search.query.offset + len(self.items)

    @property
    def selected(self) -> list[SelectedOption]:
        return [
            SelectedOption(f.legend, option.label, self.remove_url(f.name, option.value))
            for f in self.filters
            for option in f.options
            if option.selected
        ]

    @property
    def suggestion_url(self) -> str:
        suggestion = self.search.interpretation.suggestion
        if not suggestion:
            return ""
        return self.url(q=suggestion, page=None)

    @property
    def words_left_out(self) -> list[str]:
        """With no results, the words that mean no filter option ("uses" in "autism uses a
        wheelchair"), when others do: every word must match, so these few emptied the list.
        """
        concepts = self.search.interpretation.concepts
        if self.count or not any(c.terms for c in concepts):
            return []
        return [concept.text for concept in concepts if not concept.terms]

    @property
    def words_understood(self) -> str:
        """The words that mean filter options, the search to try without the others."""
        return " ".join(c.text for c in self.search.interpretation.concepts if c.terms)

    @property
    def words_understood_url(self) -> str:
        return self.url(q=self.words_understood, page=None, sort=None)

    @property
    def sort(self) -> str:
        return self.search.query.sort.value

    def url(self, **changes: Any) -> str:
        """This search's URL with some parameters changed (None removes one)."""
        params = dict(self.search.params)
        if self.page > 1:
            params["page"] = self.page
        for name, value in changes.items():
            if value is None or value == []:
                params.pop(name, None)
            else:
                params[name] = value
        if params.get("page") == 1:
            del params["page"]
        query = urlencode(params, doseq=True)
        return f"{self.base_url}?{query}" if query else self.base_url or "?"

    def remove_url(self, filter_name: str, value: str) -> str:
        remaining = [item for item in self.search.params.get(filter_name, []) if item != value]
        return self.url(**{filter_name: remaining, "page": None})

    @property
    def current_url(self) -> str:
        """This page of results, for a school page's link back to it."""
        return self.url()

    @property
    def words_as_filters_url(self) -> str:
        """This search with the words turned into the filters they mean."""
        if self.words_as_filters is None:
            return ""
        return f"{self.base_url}?{urlencode(self.words_as_filters.params, doseq=True)}"

    @property
    def first_page_url(self) -> str:
        return self.url(page=None)

    @property
    def clear_url(self) -> str:
        # The words and the place searched from stay; only the filters go.
        kept = {
            name: self.search.params[name]
            for name in ("q", "postcode", "distance")
            if name in self.search.params
        }
        return f"{self.base_url}?{urlencode(kept)}" if kept else self.base_url or "?"

    @property
    def pagination(self) -> Pagination:
        """Links to the other pages of results (``schools.pagination``)."""
        return paginate(self.page, self.pages, lambda number: self.url(page=number))


def build_listing(
    search: ParsedSearch,
    result: DirectoryResult,
    vocabulary: Vocabulary,
    url_for_path: Callable[[str], str],
    base_url: str = "",
) -> Listing:
    """Label and arrange ``result`` for display."""
    filters = [
        _filter(name, vocabulary, result.facet_counts.get(name, {}), search.query.selected(name))
        for name in v.FACETS
    ]
    items = [_item(hit, vocabulary, url_for_path) for hit in result.hits]
    return Listing(search, result, filters, items, base_url, list(search.problems))


def _filter(
    name: str, vocabulary: Vocabulary, counts: Mapping[str, int], selected: frozenset[str]
) -> Filter:
    def option(term: Term) -> Option:
        return Option(
            value=term.value,
            label=term.label,
            count=int(counts.get(term.value, 0)),
            selected=term.value in selected,
            html_id=f"{name}-{term.value}".lower(),
        )

    terms = vocabulary.options(name)
    if name == v.NEED:
        groups = tuple(
            OptionGroup(group.label, tuple(option(t) for t in terms if t.group == group.slug))
            for group in vocabulary.groups
        )
        groups = tuple(group for group in groups if group.options)
    else:
        groups = (OptionGroup("", tuple(option(t) for t in terms)),)
    return Filter(name, v.FACET_LABELS[name], groups)


def _joined(terms: tuple[Term, ...]) -> str:
    return "; ".join(term.label for term in terms)


def _labels(vocabulary: Vocabulary, facet: str, values: tuple[str, ...]) -> tuple[Term, ...]:
    # In the council's order, not alphabetical by code.
    wanted = set(values)
    return tuple(term for term in vocabulary.options(facet) if term.value in wanted)


def _item(hit: SchoolHit, vocabulary: Vocabulary, url_for_path: Callable[[str], str]) -> ResultItem:
    return ResultItem(
        hit=hit,
        url=url_for_path(hit.url_path),
        kind=school_description(hit.phase, hit.establishment_type or ""),
        needs=_labels(vocabulary, v.NEED, hit.needs),
        accessibility=_labels(vocabulary, v.ACCESSIBILITY, hit.accessibility),
        outreach=_labels(vocabulary, v.OUTREACH, hit.outreach),
        provision=_labels(vocabulary, v.PROVISION, hit.provision),
        review_status=review_status(hit.last_reviewed),
    )
