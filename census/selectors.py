"""Read queries on the census figures, for the school page, the API and the council page."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import F, Max, QuerySet, Sum

from schools.models import Phase, SchoolPage

from .figures import Figure
from .models import SchoolCensus

SOURCE = "Department for Education, 'Special educational needs in England' (school census)"


@dataclass(frozen=True)
class Rates:
    """Percentages of pupils on SEN support and with an EHC plan over a group of schools.

    Only schools whose roll and count are both published take part in each percentage.
    """

    sen_support: float | None
    ehc_plans: float | None
    schools: int


@dataclass(frozen=True)
class SchoolFigures:
    """What the school page shows: the school's latest census and the council's rates."""

    census: SchoolCensus
    council: Rates
    phase: str

    @property
    def compared_with(self) -> str:
        """The schools the council's rates are over, e.g. "the council's primary schools"."""
        return f"the council's {phase_schools(self.phase)}"

    @property
    def summary(self) -> str:
        """E.g. "30 on SEN support, 4 with an EHC plan, of 210 pupils", unpublished in words."""
        census = self.census
        parts = [
            _part("on SEN support", census.sen_support_figure),
            _part("with an EHC plan", census.ehc_plans_figure),
        ]
        pupils = census.pupils_figure
        roll = (
            f"of {pupils} pupils"
            if pupils.is_published
            else f"the number of pupils is {pupils.in_words}"
        )
        return ", ".join([*parts, roll])

    @property
    def sen_support_percent(self) -> float | None:
        return _percent(self.census.sen_support, self.census.pupils)

    @property
    def ehc_plans_percent(self) -> float | None:
        return _percent(self.census.ehc_plans, self.census.pupils)


def _part(what: str, figure: Figure) -> str:
    if figure.is_published:
        return f"{figure} {what}"
    return f"the number {what} is {figure.in_words}"


_PHASE_GROUPS = {
    Phase.SPECIAL: "special schools",
    Phase.ALTERNATIVE_PROVISION: "alternative provision",
    Phase.SIXTEEN_TO_NINETEEN: "16 to 19 schools",
    **{
        phase: f"{phase.label.lower()} schools"
        for phase in Phase
        if phase not in (Phase.SPECIAL, Phase.ALTERNATIVE_PROVISION, Phase.SIXTEEN_TO_NINETEEN)
    },
}


def phase_schools(phase: str) -> str:
    """E.g. "primary schools", "special schools"; "schools" for no phase."""
    return _PHASE_GROUPS.get(phase) or "schools"


def _percent(part: int | None, whole: int | None) -> float | None:
    if part is None or not whole:
        return None
    return round(100 * part / whole, 1)


def latest_year() -> int | None:
    """The latest academic year loaded (its first calendar year), or None."""
    return SchoolCensus.objects.aggregate(year=Max("year"))["year"]


def rates(records: QuerySet[SchoolCensus]) -> Rates:
    """The share of pupils on SEN support and with plans across ``records``."""
    rolls = records.filter(pupils__gt=0)
    support = rolls.filter(sen_support__isnull=False).aggregate(
        part=Sum("sen_support"), whole=Sum("pupils")
    )
    plans = rolls.filter(ehc_plans__isnull=False).aggregate(
        part=Sum("ehc_plans"), whole=Sum("pupils")
    )
    return Rates(
        sen_support=_percent(support["part"], support["whole"]),
        ehc_plans=_percent(plans["part"], plans["whole"]),
        schools=records.count(),
    )


def school_figures(school: SchoolPage) -> SchoolFigures | None:
    """The school's latest census with the council's rates for schools of its phase.

    Compared with schools of the same phase, because a special school's or a nursery's
    figures say nothing about a primary's. None when no census is loaded for the school.
    """
    census = SchoolCensus.objects.filter(school=school).order_by("-year").first()
    if census is None:
        return None
    same_phase = SchoolCensus.objects.filter(
        year=census.year, school__phase=school.phase, school__live=True
    )
    return SchoolFigures(census=census, council=rates(same_phase), phase=school.phase)


def latest_by_urn(urns: Iterable[str]) -> dict[str, SchoolCensus]:
    """Each school's latest census, by URN, in exactly one query (for lists of schools)."""
    found: dict[str, SchoolCensus] = {}
    # With no URNs Django would skip the query: ask for an impossible one instead, so that
    # a page of results costs the same number of queries as an empty page.
    records = (
        SchoolCensus.objects.filter(school__urn__in=list(urns) or [""])
        .annotate(urn=F("school__urn"))
        .order_by("urn", "-year")
    )
    for record in records:
        found.setdefault(record.urn, record)  # type: ignore[attr-defined]
    return found
