"""Writes GIAS extracts for tests, laid out as GIAS publishes them.

GIAS quotes every cell, ends lines with CRLF and writes Windows-1252.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping

from schools.importing.gias import PUBLISHED_HEADER

# What an open community primary school's row holds, apart from its own facts.
DEFAULTS: dict[str, str] = {
    "LA (code)": "815",
    "LA (name)": "North Yorkshire",
    "TypeOfEstablishment (code)": "01",
    "TypeOfEstablishment (name)": "Community school",
    "EstablishmentTypeGroup (code)": "4",
    "EstablishmentTypeGroup (name)": "Local authority maintained schools",
    "EstablishmentStatus (code)": "1",
    "EstablishmentStatus (name)": "Open",
    "ReasonEstablishmentOpened (code)": "00",
    "ReasonEstablishmentOpened (name)": "Not applicable",
    "ReasonEstablishmentClosed (code)": "00",
    "ReasonEstablishmentClosed (name)": "Not applicable",
    "PhaseOfEducation (code)": "2",
    "PhaseOfEducation (name)": "Primary",
    "StatutoryLowAge": "4",
    "StatutoryHighAge": "11",
    "Boarders (code)": "1",
    "Boarders (name)": "No boarders",
    "NurseryProvision (name)": "No Nursery Classes",
    "OfficialSixthForm (code)": "2",
    "OfficialSixthForm (name)": "Does not have a sixth form",
    "Gender (code)": "3",
    "Gender (name)": "Mixed",
    "ReligiousCharacter (code)": "00",
    "ReligiousCharacter (name)": "Does not apply",
    "ReligiousEthos (name)": "Does not apply",
    "Diocese (code)": "0000",
    "Diocese (name)": "Not applicable",
    "AdmissionsPolicy (code)": "0",
    "AdmissionsPolicy (name)": "Not applicable",
    "SpecialClasses (code)": "2",
    "SpecialClasses (name)": "No Special Classes",
    "TrustSchoolFlag (code)": "0",
    "TrustSchoolFlag (name)": "Not applicable",
    "SchoolSponsorFlag (name)": "Not applicable",
    "FederationFlag (name)": "Not under a federation",
    "FurtherEducationType (name)": "Not applicable",
    "County (name)": "North Yorkshire",
    "HeadPreferredJobTitle": "Headteacher",
    "BSOInspectorateName (name)": "Not applicable",
    "TeenMoth (name)": "Not applicable",
    "CCF (name)": "Not applicable",
    "SENPRU (name)": "Not applicable",
    "EBD (name)": "Not applicable",
    "EdByOther (name)": "Not applicable",
    "Section41Approved (name)": "Not approved",
    "TypeOfResourcedProvision (name)": "Not applicable",
    "GOR (code)": "D",
    "GOR (name)": "Yorkshire and the Humber",
    "GSSLACode (name)": "E06000065",
    "UrbanRural (code)": "E1",
    "UrbanRural (name)": "(England/Wales) Rural village",
    "BoardingEstablishment (name)": "Not applicable",
    "Country (name)": "United Kingdom",
    "QABName (code)": "0",
    "QABName (name)": "Not applicable",
    "EstablishmentAccredited (code)": "0",
    "EstablishmentAccredited (name)": "Not applicable",
}


def gias_csv(
    rows: Iterable[Mapping[str, str]],
    *,
    header: Iterable[str] = PUBLISHED_HEADER,
    encoding: str = "cp1252",
) -> bytes:
    """A GIAS extract holding ``rows`` (each over ``DEFAULTS``), encoded as GIAS does."""
    columns = list(header)
    text = io.StringIO(newline="")
    writer = csv.writer(text, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        cells = {**DEFAULTS, **row}
        writer.writerow([cells.get(column, "") for column in columns])
    return text.getvalue().encode(encoding)
