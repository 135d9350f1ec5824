"""Saving a checked file: each year in it replaces that year's figures, in one transaction."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction

from ..figures import Figure
from ..models import NeedCount, SchoolCensus
from ..signals import census_replaced
from .labels import TOTAL, Provision
from .validation import SchoolRows


@dataclass(frozen=True)
class PlannedSchool:
    """A school of the file, matched to its page on the site."""

    page_id: int
    rows: SchoolRows


def _counts(prefix: str, figure: Figure) -> dict[str, object]:
    return {prefix: figure.value, f"{prefix}_not_published": figure.not_published}


def census_record(planned: PlannedSchool, source: str, *, example: bool) -> SchoolCensus:
    """The school's record for the year, with its roll and SEN totals (unsaved)."""
    rows = planned.rows
    return SchoolCensus(
        school_id=planned.page_id,
        year=rows.year,
        district_code=rows.district_code,
        district_name=rows.district_name,
        source=source[-255:],
        example=example,
        **_counts("pupils", rows.figure(Provision.TOTAL, TOTAL)),
        **_counts("sen_support", rows.figure(Provision.SEN_SUPPORT, TOTAL)),
        **_counts("ehc_plans", rows.figure(Provision.EHC_PLAN, TOTAL)),
    )


def need_counts(census: SchoolCensus, rows: SchoolRows) -> list[NeedCount]:
    """The school's counts by primary need (unsaved)."""
    return [
        NeedCount(
            census=census,
            need=need,
            **_counts("pupils", rows.need_pupils(need)),
            **_counts("sen_support", rows.figure(Provision.SEN_SUPPORT, need)),
            **_counts("ehc_plans", rows.figure(Provision.EHC_PLAN, need)),
        )
        for need in rows.need_codes
    ]


def write_years(
    years: Iterable[int], schools: Sequence[PlannedSchool], source: str, *, example: bool = False
) -> None:
    """Replace every figure of ``years`` with ``schools``' (all of it is written, or none).

    ``example`` marks made-up figures (the demo site's), which every page says are examples.
    """
    with transaction.atomic():
        SchoolCensus.objects.filter(year__in=list(years)).delete()
        records = SchoolCensus.objects.bulk_create(
            [census_record(planned, source, example=example) for planned in schools]
        )
        counts: list[NeedCount] = []
        for record, planned in zip(records, schools, strict=True):
            counts.extend(need_counts(record, planned.rows))
        NeedCount.objects.bulk_create(counts, batch_size=1000)
    census_replaced.send(sender=SchoolCensus)
