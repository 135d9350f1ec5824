"""Text and filters, side by side: how many results say they provide what the words mean.

"autism" finds the schools tagged for autism and the schools whose reports only mention
it. The page says which is which ("3 schools provide for autism; 3 more mention it")
and offers the words as a filter, so the two ways of searching never silently disagree.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import vocabulary as v
from .backends import DirectoryQuery, DirectoryResult
from .params import ParsedSearch
from .text import Concept
from .vocabulary import Vocabulary

# What schools tagged with an option do, by filter: one school, several schools.
_VERBS = {
    v.NEED: ("provides for", "provide for"),
    v.ACCESSIBILITY: ("has", "have"),
    v.OUTREACH: ("offers", "offer"),
}
# The same, of the words searched for: "3 of 6 say they provide for this".
_THIS = {
    v.NEED: "provide for this",
    v.ACCESSIBILITY: "have this",
    v.OUTREACH: "offer this",
}


@dataclass(frozen=True)
class WordsAsFilters:
    """Of ``count`` results, ``tagged`` say they offer what ``words`` mean."""

    words: str
    tagged: int
    count: int
    # Per filter, the labels of the options the words mean.
    labels: tuple[tuple[str, tuple[str, ...]], ...]
    # This search with the words turned into the filters they mean.
    params: dict[str, Any]

    @property
    def mentioned(self) -> int:
        return self.count - self.tagged

    def offer(self, schools: int) -> str:
        """ "provide for autism and have step-free access for wheelchairs" """
        return " and ".join(
            f"{_VERBS[facet][schools != 1]} {' or '.join(labels)}" for facet, labels in self.labels
        )

    @property
    def summary(self) -> str:
        """ "3 schools provide for autism; 3 more only mention “autism”." """
        mention = f"only mention{'s' if self.mentioned == 1 else ''} “{self.words}”"
        if not self.tagged:
            return f"No schools {self.offer(0)}; {self.mentioned} {mention}."
        schools = f"{self.tagged} school{'s' if self.tagged != 1 else ''}"
        return f"{schools} {self.offer(self.tagged)}; {self.mentioned} more {mention}."

    @property
    def headline(self) -> str:
        """ "2 of 4 say they do both": the summary in one short line, what a phone shows
        until the parent opens it (the count and the words are in the heading above)."""
        if len(self.labels) == 1:
            verb = _THIS[self.labels[0][0]]
        else:
            verb = "do both" if len(self.labels) == 2 else "do all of these"
        if not self.tagged:
            return f"None say they {verb}"
        return f"{self.tagged} of {self.count} say they {verb}"

    @property
    def link_text(self) -> str:
        """ "Show only these 3 schools" (the summary says which)"""
        if self.tagged == 1:
            return "Show only this school"
        return f"Show only these {self.tagged} schools"


def words_as_filters(
    search: ParsedSearch,
    result: DirectoryResult,
    vocabulary: Vocabulary,
    run: Callable[[DirectoryQuery], DirectoryResult],
) -> WordsAsFilters | None:
    """How many of the ``result``'s schools are tagged with what the search words mean.

    None when no word means a filter option, when the answer would be the same, or when
    the words cannot be one click's filters: two words for the same filter ("autism
    dyslexia" asks for both, a filter for either), a word meaning options of several
    filters ("wheelchair user"), or a filter the parent already chose.
    """
    query = search.query
    chosen: dict[str, list[str]] = {}
    kept: list[Concept] = []
    for concept in query.concepts:
        facets = {facet for facet, _value in concept.terms}
        if not facets:
            kept.append(concept)
            continue
        facet = facets.pop()
        if facets or facet not in _VERBS or facet in chosen or query.selected(facet):
            return None
        chosen[facet] = sorted(value for _facet, value in concept.terms)
    count = result.count
    if not chosen or count == 0:
        return None
    single = [(facet, values[0]) for facet, values in chosen.items() if len(values) == 1]
    if len(chosen) == 1 and single:
        # One option: every school tagged with it matches the words, and that filter is
        # not chosen, so its count among the results is the answer (no second search).
        facet, value = single[0]
        tagged = int(result.facet_counts.get(facet, {}).get(value, 0))
    else:
        filters = {**query.filters, **{name: frozenset(ids) for name, ids in chosen.items()}}
        tagged = run(
            dataclasses.replace(query, concepts=tuple(kept), filters=filters, page=1, page_size=1)
        ).count
    if tagged == count:
        return None
    params = {name: value for name, value in search.params.items() if name not in ("q", "sort")}
    params.update(chosen)
    other_words = " ".join(concept.text for concept in kept)
    if other_words:
        params["q"] = other_words
    labels = tuple(
        (facet, tuple(_lower_first(_label(vocabulary, facet, value)) for value in chosen[facet]))
        for facet in v.FACETS
        if facet in chosen
    )
    words = " ".join(concept.text for concept in query.concepts if concept.terms)
    return WordsAsFilters(words, tagged, count, labels, params)


def _label(vocabulary: Vocabulary, facet: str, value: str) -> str:
    term = vocabulary.get(facet, value)
    return term.label if term else value


def _lower_first(label: str) -> str:
    # "Autism" reads "autism" mid-sentence; "SENDIASS (...)" and "ADHD ..." stay as they are.
    if len(label) > 1 and label[1].islower():
        return label[0].lower() + label[1:]
    return label
