"""The council's vocabularies as ORUK taxonomies and taxonomy terms.

One taxonomy per vocabulary: types of need (with the four broad areas of need as its
top level), accessibility features, and outreach and specialist services. Terms are
identified by census code or slug (see ``openreferral.ids``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from schools.models import AccessibilityFeature, BroadArea, NeedArea, OutreachService
from schools.models.vocabularies import SluggedTerm

from . import ids
from .ids import Vocabulary


@dataclass(frozen=True)
class Taxonomy:
    vocabulary: Vocabulary
    name: str
    description: str

    @property
    def id(self) -> str:
        return ids.taxonomy_id(self.vocabulary)

    def as_oruk(self, terms: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        record: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "description": self.description,
        }
        if terms is not None:
            record["taxonomy_terms"] = terms
        return record


TAXONOMIES: tuple[Taxonomy, ...] = (
    Taxonomy(
        Vocabulary.NEEDS,
        "Types of special educational need",
        "The types of special educational need of the school census, grouped in the four "
        "broad areas of need of the SEND Code of Practice. Each term's 'term' is its "
        "census code (for example ASD), or the broad area's identifier.",
    ),
    Taxonomy(
        Vocabulary.ACCESSIBILITY,
        "Accessibility features",
        "Physical and sensory accessibility features of a school site.",
    ),
    Taxonomy(
        Vocabulary.OUTREACH,
        "Outreach and specialist services",
        "Specialist and outreach services a school works with or provides.",
    ),
)
TAXONOMY_BY_VOCABULARY = {taxonomy.vocabulary: taxonomy for taxonomy in TAXONOMIES}
TAXONOMY_BY_ID = {taxonomy.id: taxonomy for taxonomy in TAXONOMIES}


@dataclass(frozen=True)
class Term:
    """One published term and what it stands for in our database."""

    id: str
    vocabulary: Vocabulary
    key: str
    name: str
    description: str
    synonyms: str
    model: type
    pk: int
    parent_id: str | None = None

    def as_oruk(self) -> dict[str, Any]:
        taxonomy = TAXONOMY_BY_VOCABULARY[self.vocabulary]
        record: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "taxonomy": taxonomy.name,
            "taxonomy_id": taxonomy.id,
            "term": self.key,
        }
        if self.parent_id:
            record["parent_id"] = self.parent_id
        return record

    def matches(self, words: list[str]) -> bool:
        haystack = f"{self.name} {self.description} {self.synonyms} {self.key}".lower()
        return all(word in haystack for word in words)


def _describe(description: str, label: str, synonyms: str) -> str:
    # ORUK requires a description; not every term the council adds has one.
    if description.strip():
        return description.strip()
    if synonyms.strip():
        return f"{label}. Also known as: {synonyms.strip()}."
    return label


def need_term_id(need: NeedArea) -> str:
    return ids.taxonomy_term_id(Vocabulary.NEEDS, need.code)


def need_term(need: NeedArea) -> Term:
    """A need as a term; ``need.broad_area`` should be loaded with it."""
    parent = ids.broad_area_term_id(need.broad_area.slug) if need.broad_area_id else None
    return Term(
        id=need_term_id(need),
        vocabulary=Vocabulary.NEEDS,
        key=need.code,
        name=need.label,
        description=_describe(need.description, need.label, need.synonyms),
        synonyms=need.synonyms,
        model=NeedArea,
        pk=need.pk,
        parent_id=parent,
    )


def broad_area_term(area: BroadArea) -> Term:
    return Term(
        id=ids.broad_area_term_id(area.slug),
        vocabulary=Vocabulary.NEEDS,
        key=area.slug,
        name=area.label,
        description=_describe(area.description, area.label, ""),
        synonyms="",
        model=BroadArea,
        pk=area.pk,
    )


def _slugged_term(term: SluggedTerm, vocabulary: Vocabulary) -> Term:
    """An accessibility feature or outreach service as a term of its own vocabulary."""
    return Term(
        id=ids.taxonomy_term_id(vocabulary, term.slug),
        vocabulary=vocabulary,
        key=term.slug,
        name=term.label,
        description=_describe(term.description, term.label, term.synonyms),
        synonyms=term.synonyms,
        model=type(term),
        pk=term.pk,
    )


def accessibility_term(feature: AccessibilityFeature) -> Term:
    return _slugged_term(feature, Vocabulary.ACCESSIBILITY)


def outreach_term(service: OutreachService) -> Term:
    return _slugged_term(service, Vocabulary.OUTREACH)


def all_terms() -> list[Term]:
    """Every published term, taxonomy by taxonomy, broad areas before the needs (4 queries)."""
    return [
        *(broad_area_term(area) for area in BroadArea.objects.all()),
        *(need_term(need) for need in NeedArea.objects.select_related("broad_area")),
        *(accessibility_term(feature) for feature in AccessibilityFeature.objects.all()),
        *(outreach_term(service) for service in OutreachService.objects.all()),
    ]
