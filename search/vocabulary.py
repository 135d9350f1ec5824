"""The words the directory understands: the council's vocabularies and the fixed choices.

A ``Vocabulary`` is read once per search from the database (``load_vocabulary``), so
terms and synonyms the council adds in the admin work at once, without a code change or
a cache to clear; a request that knows the data has not changed since the vocabulary was
last read (``unchanged_since``) reuses it without the query. This module stands below
everything else in ``search``: it reads the schools' vocabularies and nothing of the
directory.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from difflib import get_close_matches
from functools import cached_property
from typing import Any

from django.db.models import CharField, F, IntegerField, QuerySet, Value

from schools.models import (
    AccessibilityFeature,
    BroadArea,
    EstablishmentType,
    NeedArea,
    OutreachService,
    Phase,
    ProvisionKind,
)

from .words import phrase_key, tokens

# The filters, by the name they have in URLs and the API.
NEED = "need"
ACCESSIBILITY = "accessibility"
OUTREACH = "outreach"
PHASE = "phase"
SCHOOL_TYPE = "type"
PROVISION = "provision"
FACETS: tuple[str, ...] = (NEED, ACCESSIBILITY, OUTREACH, PHASE, SCHOOL_TYPE, PROVISION)

# The council-managed vocabularies (the rest are fixed choices on the school page).
TERM_FACETS: tuple[str, ...] = (NEED, ACCESSIBILITY, OUTREACH)

# Legends as parents see them.
FACET_LABELS: dict[str, str] = {
    NEED: "Type of need",
    ACCESSIBILITY: "Accessibility",
    OUTREACH: "Therapies and specialist services",
    PHASE: "School phase",
    SCHOOL_TYPE: "Type of school",
    PROVISION: "Specialist provision",
}

OTHER_GROUP = "other"
OTHER_GROUP_LABEL = "Other needs"

# Two-letter codes and synonyms ("HI", "OT", "EP") are too ambiguous to look for in
# running text ("Hi everyone"); they still match when typed as a whole search word.
MIN_TEXT_WORD_LENGTH = 3
# Spelling suggestions only for words this long: short words have too many neighbours.
MIN_SPELLING_LENGTH = 5
SPELLING_CUTOFF = 0.8


@dataclass(frozen=True)
class Term:
    """One filter option: a need, feature, service, phase, type of school or provision."""

    facet: str
    value: str
    label: str
    synonyms: tuple[str, ...] = ()
    group: str = ""
    # The database id of a council vocabulary term (None for the fixed choices).
    pk: int | None = None

    @cached_property
    def search_phrases(self) -> tuple[tuple[str, ...], ...]:
        """The phrases (token tuples) that mean this term when typed in the search box."""
        sources = [self.label, *self.synonyms]
        if self.facet in TERM_FACETS:
            # Codes and slugs are what the API and imports use; people type them too.
            sources.append(self.value.replace("-", " "))
        return _unique(p for p in (tuple(tokens(s)) for s in sources) if p)

    @cached_property
    def text_phrases(self) -> tuple[tuple[str, ...], ...]:
        """The phrases to look for in schools' own words (too-short ones left out)."""
        return tuple(
            phrase
            for phrase in self.search_phrases
            if len(phrase) > 1 or len(phrase[0]) >= MIN_TEXT_WORD_LENGTH
        )


@dataclass(frozen=True)
class Group:
    """A heading that groups options: the broad areas of need."""

    slug: str
    label: str


@dataclass
class Vocabulary:
    """Every filter option, and the index from parents' words to options."""

    terms: Sequence[Term]
    groups: Sequence[Group] = ()
    _by_facet: dict[str, list[Term]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_facet = {facet: [] for facet in FACETS}
        for term in self.terms:
            self._by_facet[term.facet].append(term)

    def options(self, facet: str) -> list[Term]:
        """The options of one filter, in the council's order."""
        return self._by_facet[facet]

    def values(self, facet: str) -> list[str]:
        """The valid values of one filter, as used in URLs and the API."""
        return [term.value for term in self._by_facet[facet]]

    def get(self, facet: str, value: str) -> Term | None:
        """The option with this value, or None."""
        return self._lookup[facet].get(value.casefold())

    def values_by_pk(self, facet: str) -> dict[int, str]:
        """Database id -> value, for the council vocabularies (do not change it)."""
        return self._values_by_pk[facet]

    @cached_property
    def _values_by_pk(self) -> dict[str, dict[int, str]]:
        return {
            facet: {term.pk: term.value for term in terms if term.pk is not None}
            for facet, terms in self._by_facet.items()
        }

    @cached_property
    def _lookup(self) -> dict[str, dict[str, Term]]:
        return {
            facet: {term.value.casefold(): term for term in terms}
            for facet, terms in self._by_facet.items()
        }

    @cached_property
    def phrase_index(self) -> dict[tuple[str, ...], tuple[Term, ...]]:
        """Phrase (as comparison keys) -> the options it means."""
        index: dict[tuple[str, ...], list[Term]] = {}
        for term in self.terms:
            for phrase in term.search_phrases:
                key = phrase_key(phrase)
                if term not in index.setdefault(key, []):
                    index[key].append(term)
        return {key: tuple(terms) for key, terms in index.items()}

    @cached_property
    def longest_phrase(self) -> int:
        return max((len(key) for key in self.phrase_index), default=1)

    @cached_property
    def _spelling_words(self) -> list[str]:
        return sorted(
            key[0]
            for key in self.phrase_index
            if len(key) == 1 and len(key[0]) >= MIN_SPELLING_LENGTH - 1 and key[0].isalpha()
        )

    def closest_word(self, word: str) -> str | None:
        """The vocabulary word a misspelt ``word`` (a comparison key) was probably meant to be."""
        if len(word) < MIN_SPELLING_LENGTH or not word.isalpha():
            return None
        matches = get_close_matches(word, self._spelling_words, n=1, cutoff=SPELLING_CUTOFF)
        return matches[0] if matches else None


def choice_terms() -> list[Term]:
    """The fixed options: phases, types of school and kinds of specialist provision."""
    return [
        *(Term(PHASE, value, str(label)) for value, label in Phase.choices),
        *(Term(SCHOOL_TYPE, value, str(label)) for value, label in EstablishmentType.choices),
        *(Term(PROVISION, value, str(label)) for value, label in ProvisionKind.choices),
    ]


_COLUMNS = (
    "pk",
    "kind",
    "value",
    "label",
    "synonyms",
    "sort_order",
    "group_slug",
    "group_label",
    "group_order",
)


def load_vocabulary() -> Vocabulary:
    """Every filter option and its synonyms, in one query, as the council has them now.

    The three vocabularies and the broad areas come back from a single UNION, so a
    directory request spends one query on them whatever their size; none within
    ``unchanged_since`` the version it was last read under.
    """
    known = _data_known.get()
    last = _last_built
    if known is not None and last is not None and last[2] == known:
        return last[1]
    needs = NeedArea.objects.annotate(
        kind=Value(NEED, output_field=CharField()),
        value=F("code"),
        group_slug=F("broad_area__slug"),
        group_label=F("broad_area__label"),
        group_order=F("broad_area__sort_order"),
    )
    features = _ungrouped(AccessibilityFeature.objects.all(), ACCESSIBILITY)
    services = _ungrouped(OutreachService.objects.all(), OUTREACH)
    # Broad areas without any need yet still make a (then empty) group.
    areas = BroadArea.objects.annotate(
        kind=Value("group", output_field=CharField()),
        value=F("slug"),
        synonyms=Value("", output_field=CharField()),
        group_slug=F("slug"),
        group_label=F("label"),
        group_order=F("sort_order"),
    )
    parts = [qs.order_by().values_list(*_COLUMNS) for qs in (needs, features, services, areas)]
    rows = sorted(parts[0].union(*parts[1:], all=True), key=lambda row: (row[5], row[3].casefold()))
    vocabulary = last[1] if last is not None and last[0] == rows else _build(rows)
    _set_last_built((rows, vocabulary, known))
    return vocabulary


@contextmanager
def unchanged_since(version: str) -> Iterator[None]:
    """Within this block the public data is known to be as it was under ``version``.

    The shell (``localoffer.version_memo``) reads the data version before anything else
    for an anonymous request and passes it here; the vocabulary read under the same
    version is reused without its query. The rows read under a version are never older
    than it, since the version was read first.
    """
    token = _data_known.set(version)
    try:
        yield
    finally:
        _data_known.reset(token)


def _set_last_built(value: tuple[list[tuple[Any, ...]], Vocabulary, str | None]) -> None:
    global _last_built
    _last_built = value


# The last vocabulary built, the rows it was built from, and the data version it was read
# under (None when unknown). The rows are read on every search whose data version is not
# known, so a change in the admin shows at once; the terms and the index from words to
# options (a few milliseconds to build) are built again only when the rows differ.
_last_built: tuple[list[tuple[Any, ...]], Vocabulary, str | None] | None = None
_data_known: ContextVar[str | None] = ContextVar("vocabulary_data_known", default=None)


def _build(rows: list[tuple[Any, ...]]) -> Vocabulary:
    groups: dict[str, tuple[int, Group]] = {}
    terms: list[Term] = []
    for pk, kind, value, label, synonyms, _order, group_slug, group_label, group_order in rows:
        if group_slug and group_slug not in groups:
            groups[group_slug] = (group_order or 0, Group(group_slug, group_label))
        if kind == "group":
            continue
        terms.append(
            Term(
                facet=kind,
                value=value,
                label=label,
                synonyms=tuple(_split_synonyms(synonyms)),
                group=group_slug or (OTHER_GROUP if kind == NEED else ""),
                pk=pk,
            )
        )
    ordered_groups = [group for _order, group in sorted(groups.values(), key=lambda g: g[0])]
    if any(term.group == OTHER_GROUP for term in terms):
        ordered_groups.append(Group(OTHER_GROUP, OTHER_GROUP_LABEL))
    return Vocabulary(terms=[*terms, *choice_terms()], groups=ordered_groups)


def _ungrouped(terms: QuerySet, kind: str) -> QuerySet:
    # A vocabulary whose terms sit in no group: the columns of the UNION, groups empty.
    no_text = Value(None, output_field=CharField())
    return terms.annotate(
        kind=Value(kind, output_field=CharField()),
        value=F("slug"),
        group_slug=no_text,
        group_label=no_text,
        group_order=Value(None, output_field=IntegerField()),
    )


def _split_synonyms(synonyms: str) -> list[str]:
    # The same rule as VocabularyTerm.synonym_list, applied to the raw column.
    return NeedArea(synonyms=synonyms or "").synonym_list


def _unique(items: Iterable[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    return tuple(dict.fromkeys(items))
