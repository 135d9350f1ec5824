"""Files in the exact layout of the DfE's school-level SEN file, written by the tests.

Every value here is made up for the tests; no row comes from a real publication.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from typing import Any

from census.importing.reading import PUBLISHED_HEADER

EHC = "Education, health and care plan"
SUPPORT = "SEN support / SEN without an EHC plan"
NO_SEN = "No SEN provision"
TOTAL = "Total"
ALL = "All pupils"
NEEDS = {
    "ASD": "Autistic spectrum disorder",
    "SLCN": "Speech, language and communication needs",
    "SPLD": "Specific learning difficulty",
    "MLD": "Moderate learning difficulty",
    "SEMH": "Social, emotional and mental health",
    "HI": "Hearing impairment",
    "PD": "Physical disability",
    "NSA": "SEN support but no specialist assessment of type of need",
}


def row(
    urn: str,
    provision: str,
    need: str,
    count: str | int,
    *,
    la: str = "815",
    year: str = "202425",
    district: tuple[str, str] = ("E06000065", "North Yorkshire"),
    name: str = "",
) -> dict[str, str]:
    """One row of the file, with plausible values in the columns the import does not read."""
    return {
        "time_period": year,
        "time_identifier": "Academic year",
        "geographic_level": "School",
        "country_code": "E92000001",
        "country_name": "England",
        "region_name": "Yorkshire and The Humber",
        "region_code": "E12000003",
        "old_la_code": la,
        "new_la_code": "E06000065",
        "la_name": "Example",
        "school_urn": urn,
        "estab": "2001",
        "school_name": name or f"Test School {urn}",
        "school_laestab": f"{la}2001",
        "open_date": "01/09/1990",
        "sex_of_school_description": "Mixed",
        "phase_type_grouping": "State-funded primary",
        "establishment_type": "Community school",
        "middle_school": "No",
        "all_through": "No",
        "hospital_school": "No",
        "religious_denomination": "Does not apply",
        "admissions_policy": "Not applicable",
        "district_administrative_code": district[0],
        "district_administrative_name": district[1],
        "pcon_code": "E14001000",
        "pcon_name": "Example",
        "ward_code": "E05000001",
        "ward_name": "Example",
        "urban_rural": "(England/Wales) Rural village",
        "school_postcode": "YO17 8RD",
        "lsoa11": "E01000001",
        **{
            f"provision_for_{code}": "No"
            for code in (
                "spld",
                "mld",
                "sld",
                "pmld",
                "semh",
                "slcn",
                "hi",
                "vi",
                "msi",
                "pd",
                "asd",
                "oth",
            )
        },
        "specialist_provision_unit_type": "",
        "sen_provision": provision,
        "sen_primary_need": need,
        "pupil_count": str(count),
    }


def school_rows(
    urn: str,
    *,
    roll: str | int,
    support: Mapping[str, str | int],
    ehc: Mapping[str, str | int],
    support_total: str | int,
    ehc_total: str | int,
    **options: Any,
) -> list[dict[str, str]]:
    """A school's rows as the 2024/25 file lays them out: the roll, then each provision."""
    rows = [row(urn, ALL, ALL, roll, **options)]
    rows.append(row(urn, SUPPORT, TOTAL, support_total, **options))
    rows += [row(urn, SUPPORT, NEEDS[c], n, **options) for c, n in support.items()]
    rows.append(row(urn, EHC, TOTAL, ehc_total, **options))
    rows += [row(urn, EHC, NEEDS[c], n, **options) for c, n in ehc.items()]
    return rows


def census_csv(
    rows: Iterable[Mapping[str, str]],
    *,
    header: Iterable[str] = PUBLISHED_HEADER,
    bom: bool = True,
    line_end: str = "\r\n",
) -> bytes:
    """The file's bytes: every cell quoted, UTF-8 with a byte-order mark by default."""
    header = list(header)
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator=line_end)
    writer.writerow(header)
    for values in rows:
        writer.writerow([values.get(name, "") for name in header])
    return (b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8")
