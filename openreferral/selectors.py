"""The read queries behind the ORUK API. Only live, public school pages are ever read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from postcodes.selectors import Location
from schools.models import NeedArea, SchoolPage, SpecialistProvision
from search.directory import nearest_first, schools_matching_words

from . import ids
from .ids import Vocabulary
from .taxonomies import Term


def published_schools() -> QuerySet[SchoolPage]:
    """Live school pages visible to everyone, in a stable order for paging."""
    return SchoolPage.objects.live().public().order_by("title", "pk")


def with_details(schools: QuerySet[SchoolPage]) -> QuerySet[SchoolPage]:
    """Load everything a service record shows in a fixed number of queries."""
    return schools.prefetch_related(
        Prefetch("needs", queryset=NeedArea.objects.select_related("broad_area")),
        "accessibility_features",
        "outreach_services",
        Prefetch(
            "specialist_provisions",
            queryset=SpecialistProvision.objects.prefetch_related(
                Prefetch("needs", queryset=NeedArea.objects.select_related("broad_area"))
            ),
        ),
    )


def urn_for(record_id: str, id_of: Callable[[str], str]) -> str | None:
    """The URN of the published school whose record (by ``id_of(urn)``) has this id."""
    for urn in published_schools().values_list("urn", flat=True):
        if id_of(urn) == record_id:
            return urn
    return None


@dataclass(frozen=True)
class ServiceFilters:
    """The filters of ``/services`` and ``/service_at_locations``."""

    search: str = ""
    term: Term | None = None
    unknown_term: bool = False
    vocabulary: Vocabulary | None = None
    unknown_taxonomy: bool = False
    organization_urn: str | None = None
    unknown_organization: bool = False
    modified_after: dt.datetime | None = None
    # ``postcode`` and ``proximity``: nearest first, within the distance when given.
    near: Location | None = None
    within_miles: float | None = None


def filtered_schools(filters: ServiceFilters) -> QuerySet[SchoolPage]:
    """Published schools matching every filter given (nearest first with a postcode)."""
    schools = published_schools()
    if filters.unknown_term or filters.unknown_taxonomy or filters.unknown_organization:
        return schools.none()
    conditions: list[Q] = []
    if filters.search:
        # Parents' words as the directory reads them (synonyms, misspellings, at most
        # a few ideas, each once), so both APIs find the same schools for the same words.
        conditions.append(Q(pk__in=schools_matching_words(filters.search).values("pk")))
    if filters.term is not None:
        conditions.append(_has_term(filters.term))
    if filters.vocabulary is not None:
        conditions.append(_has_vocabulary(filters.vocabulary))
    # Conditions across many-to-many joins are applied as subqueries: no duplicates.
    for condition in conditions:
        schools = schools.filter(pk__in=SchoolPage.objects.filter(condition).values("pk"))
    if filters.organization_urn is not None:
        schools = schools.filter(urn=filters.organization_urn)
    if filters.modified_after is not None:
        schools = schools.filter(last_published_at__gte=filters.modified_after)
    if filters.near is not None:
        schools = nearest_first(schools, filters.near, filters.within_miles)
    return schools


def _has_term(term: Term) -> Q:
    if term.vocabulary == Vocabulary.NEEDS and term.model is NeedArea:
        return Q(needs=term.pk) | Q(specialist_provisions__needs=term.pk)
    if term.vocabulary == Vocabulary.NEEDS:
        return Q(needs__broad_area=term.pk) | Q(specialist_provisions__needs__broad_area=term.pk)
    if term.vocabulary == Vocabulary.ACCESSIBILITY:
        return Q(accessibility_features=term.pk)
    return Q(outreach_services=term.pk)


def _has_vocabulary(vocabulary: Vocabulary) -> Q:
    if vocabulary == Vocabulary.NEEDS:
        return Q(needs__isnull=False) | Q(specialist_provisions__needs__isnull=False)
    if vocabulary == Vocabulary.ACCESSIBILITY:
        return Q(accessibility_features__isnull=False)
    return Q(outreach_services__isnull=False)


def organization_urn(record_id: str) -> str | None:
    return urn_for(record_id, ids.organization_id)
