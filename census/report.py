"""The "Needs and provision" report: the census joined to what schools say they provide.

Read-only. For one year (the latest loaded, by default) and one scope (the whole council,
a district, a phase, or a district and a phase), it adds up the census counts over the
live school pages with figures that year, and sets them beside the needs each school's
page says it provides for. Totals add published counts only; how many schools' counts
were not published is counted beside them, so nothing unpublished is read as zero.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch

from schools.models import NeedArea, Phase, SchoolPage

from .models import NeedCode, NeedCount, SchoolCensus, academic_year

# Needs a school can say it provides for; "not yet assessed" is a stage, not a type of need.
PROVIDABLE = frozenset(code for code in NeedCode if code != NeedCode.NSA)


@dataclass(frozen=True)
class Scope:
    """Which schools: all (blank), or one district (census code) and/or one phase."""

    district: str = ""
    phase: str = ""

    def includes(self, school: SchoolYear) -> bool:
        return (not self.district or school.district_code == self.district) and (
            not self.phase or school.phase == self.phase
        )


@dataclass(frozen=True)
class SchoolYear:
    """One school's census in one year, with the needs its page says it provides for."""

    page_id: int
    name: str
    urn: str
    phase: str
    district_code: str
    district_name: str
    provides: frozenset[str]
    census: SchoolCensus
    needs: dict[str, NeedCount]


@dataclass
class Total:
    """A sum of published counts, and how many schools' counts were not published."""

    value: int = 0
    not_published: int = 0

    def add(self, count: int | None) -> None:
        if count is None:
            self.not_published += 1
        else:
            self.value += count


@dataclass
class NeedRow:
    """One primary type of need across the schools in scope."""

    code: str
    label: str
    pupils: Total = field(default_factory=Total)
    sen_support: Total = field(default_factory=Total)
    ehc_plans: Total = field(default_factory=Total)
    providing_schools: int = 0
    pupils_at_providing: Total = field(default_factory=Total)
    previous: int | None = None

    @property
    def change(self) -> int | None:
        return None if self.previous is None else self.pupils.value - self.previous

    @property
    def providable(self) -> bool:
        return self.code in PROVIDABLE


@dataclass
class GroupRow:
    """The totals of one district or one phase."""

    key: str
    label: str
    schools: int = 0
    pupils: Total = field(default_factory=Total)
    sen_support: Total = field(default_factory=Total)
    ehc_plans: Total = field(default_factory=Total)

    # The pupils of the schools whose count is published: each percentage's denominator.
    support_roll: int = 0
    plans_roll: int = 0

    def add(self, census: SchoolCensus) -> None:
        self.schools += 1
        self.pupils.add(census.pupils)
        self.sen_support.add(census.sen_support)
        self.ehc_plans.add(census.ehc_plans)
        if census.pupils is not None:
            self.support_roll += census.pupils if census.sen_support is not None else 0
            self.plans_roll += census.pupils if census.ehc_plans is not None else 0

    @property
    def sen_support_percent(self) -> float | None:
        return _percent(self.sen_support.value, self.support_roll)

    @property
    def ehc_plans_percent(self) -> float | None:
        return _percent(self.ehc_plans.value, self.plans_roll)


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass(frozen=True)
class Mismatch:
    """A school whose census and whose page disagree about one need."""

    page_id: int
    name: str
    urn: str
    need: str
    need_label: str
    pupils: int | None


@dataclass
class NeedsReport:
    """Everything the council page shows, for one year and one scope."""

    year: int
    previous_year: int | None
    scope: Scope
    threshold: int
    schools: int
    totals: GroupRow
    needs: list[NeedRow]
    by_district: list[GroupRow]
    by_phase: list[GroupRow]
    trend: list[GroupRow]
    unmentioned: list[Mismatch]
    unrecorded: list[Mismatch]
    example: bool = False

    @property
    def academic_year(self) -> str:
        return academic_year(self.year)

    @property
    def previous_academic_year(self) -> str:
        return academic_year(self.previous_year) if self.previous_year else ""


def years_loaded() -> list[int]:
    """The academic years with figures, newest first."""
    return list(SchoolCensus.objects.values_list("year", flat=True).distinct().order_by("-year"))


def districts(year: int) -> list[tuple[str, str]]:
    """(code, name) of the districts with figures in ``year``, by name."""
    pairs = (
        SchoolCensus.objects.filter(year=year)
        .exclude(district_code="")
        .values_list("district_code", "district_name")
        .distinct()
    )
    return sorted(set(pairs), key=lambda pair: pair[1])


def need_labels() -> dict[str, str]:
    """Labels by census code: the council's vocabulary's, else the census's own."""
    labels = {code.value: str(code.label) for code in NeedCode}
    labels.update(NeedArea.objects.filter(code__in=list(labels)).values_list("code", "label"))
    return labels


def school_years(years: Iterable[int], needs_years: Iterable[int] = ()) -> list[SchoolYear]:
    """Every live school's census in ``years``, with its counts by need in ``needs_years``
    only (the trend needs totals alone). Three queries, whatever the number of schools."""
    records = (
        SchoolCensus.objects.filter(year__in=list(years), school__live=True)
        .select_related("school")
        .only(
            "year",
            "district_code",
            "district_name",
            "pupils",
            "sen_support",
            "ehc_plans",
            "school__title",
            "school__urn",
            "school__phase",
            "example",
        )
        .prefetch_related(
            Prefetch(
                "needs",
                queryset=NeedCount.objects.filter(census__year__in=list(needs_years)).only(
                    "census_id", "need", "pupils", "sen_support", "ehc_plans"
                ),
            ),
        )
    )
    provides: dict[int, set[str]] = defaultdict(set)
    through = SchoolPage.needs.through.objects.filter(schoolpage__live=True)
    for page_id, code in through.values_list("schoolpage_id", "needarea__code"):
        provides[page_id].add(code)
    return [
        SchoolYear(
            page_id=record.school_id,
            name=record.school.title,
            urn=record.school.urn,
            phase=record.school.phase,
            district_code=record.district_code,
            district_name=record.district_name,
            provides=frozenset(provides[record.school_id]),
            census=record,
            needs={count.need: count for count in record.needs.all()},
        )
        for record in records
    ]


def needs_report(year: int, scope: Scope, threshold: int) -> NeedsReport:
    """The report for ``year`` and ``scope``; ``threshold`` is the council's setting for
    "many pupils with a need the report does not mention"."""
    years = years_loaded()
    earlier = [y for y in years if y < year]
    previous_year = earlier[0] if earlier else None
    everything = school_years(years, needs_years={year, previous_year or year})
    in_scope = [school for school in everything if scope.includes(school)]
    this_year = [school for school in in_scope if school.census.year == year]
    labels = need_labels()

    rows = {code.value: NeedRow(code.value, labels[code.value]) for code in NeedCode}
    totals = GroupRow("all", "All schools")
    unmentioned: list[Mismatch] = []
    unrecorded: list[Mismatch] = []
    for school in this_year:
        totals.add(school.census)
        for code, row in rows.items():
            count = school.needs.get(code)
            provides = code in school.provides
            if provides:
                row.providing_schools += 1
            if count is not None:
                row.pupils.add(count.pupils)
                row.sen_support.add(count.sen_support)
                row.ehc_plans.add(count.ehc_plans)
                if provides:
                    row.pupils_at_providing.add(count.pupils)
            pupils = count.pupils if count is not None else 0
            if not row.providable:
                continue
            if not provides and pupils is not None and pupils >= threshold:
                unmentioned.append(_mismatch(school, code, labels[code], pupils))
            elif provides and pupils == 0:
                unrecorded.append(_mismatch(school, code, labels[code], 0))
    if previous_year is not None:
        previous: defaultdict[str, int] = defaultdict(int)
        for school in in_scope:
            if school.census.year == previous_year:
                for code, count in school.needs.items():
                    previous[code] += count.pupils or 0
        for code, row in rows.items():
            row.previous = previous[code]

    return NeedsReport(
        year=year,
        previous_year=previous_year,
        scope=scope,
        threshold=threshold,
        schools=len(this_year),
        totals=totals,
        needs=list(rows.values()),
        by_district=_groups(this_year, lambda s: (s.district_code, s.district_name)),
        by_phase=_groups(this_year, lambda s: (s.phase, _phase_label(s.phase))),
        trend=_trend(in_scope, years),
        unmentioned=sorted(unmentioned, key=lambda m: (-(m.pupils or 0), m.name)),
        unrecorded=sorted(unrecorded, key=lambda m: (m.name, m.need)),
        example=any(school.census.example for school in this_year),
    )


def _mismatch(school: SchoolYear, code: str, label: str, pupils: int | None) -> Mismatch:
    return Mismatch(school.page_id, school.name, school.urn, code, label, pupils)


def _phase_label(phase: str) -> str:
    return str(Phase(phase).label) if phase in Phase.values else phase


def _groups(
    schools: list[SchoolYear], key: Callable[[SchoolYear], tuple[str, str]]
) -> list[GroupRow]:
    groups: dict[str, GroupRow] = {}
    for school in schools:
        code, label = key(school)
        group = groups.setdefault(code, GroupRow(code, label or "Not given"))
        group.add(school.census)
    return sorted(groups.values(), key=lambda group: group.label)


def _trend(schools: list[SchoolYear], years: list[int]) -> list[GroupRow]:
    by_year = {year: GroupRow(str(year), academic_year(year)) for year in sorted(years)}
    for school in schools:
        by_year[school.census.year].add(school.census)
    return list(by_year.values())
