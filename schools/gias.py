"""Load the council's schools from the DfE register "Get Information about Schools" (GIAS).

GIAS publishes every establishment in England as one CSV file ("all establishment
data", ``edubasealldataYYYYMMDD.csv``), written in Windows-1252. This module reads that
file as published and keeps the open schools of one local authority:

1. ``decode_gias`` and ``read_gias`` read and validate the whole file. They touch the
   database only to learn the council's need codes. Every problem is reported with its
   row and column before anything is written.
2. ``plan_import`` compares each school with its page and decides what to do: create,
   update the GIAS facts, unpublish a closed school, or nothing.
3. ``apply_plan`` carries the plan out in one transaction.

``import_gias`` runs the three stages; the ``import_gias`` management command is a thin
wrapper around it.

GIAS owns a school's facts (name, phase, type, ages, address, contact numbers, head
teacher, position) and the specialist provision it lists. Everything the school writes
(the report, SENCO, its own facets and its own provision rows) is never touched. Pages
people are working on (in review, locked, with a draft, unpublished) are updated only as
the editor rule allows (``schools.importing.editor_rule``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.text import slugify
from pyproj import Transformer
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.log_actions import LogFormatter, log
from wagtail.signal_handlers import disable_reference_index_auto_update

from .importing.editor_rule import (
    OVERRIDE_HINT,
    Decision,
    PageState,
    pages_in_moderation,
    write_update,
)
from .models import (
    EstablishmentType,
    NeedArea,
    Phase,
    ProvisionKind,
    SchoolClosure,
    SchoolIndexPage,
    SchoolPage,
    SpecialistProvision,
)
from .models.pages import PHONE_VALIDATOR, POSTCODE_VALIDATOR
from .services import get_or_create_school_index

# The header of the published file (the 135 columns of the 2025-26 extracts), in order.
# The import reads only ``REQUIRED_COLUMNS``; the rest are listed so that tests and the
# benchmark can write files laid out exactly as GIAS publishes them.
SEN_COLUMNS: tuple[str, ...] = tuple(f"SEN{number} (name)" for number in range(1, 14))
PUBLISHED_HEADER: tuple[str, ...] = (
    "URN",
    "LA (code)",
    "LA (name)",
    "EstablishmentNumber",
    "EstablishmentName",
    "TypeOfEstablishment (code)",
    "TypeOfEstablishment (name)",
    "EstablishmentTypeGroup (code)",
    "EstablishmentTypeGroup (name)",
    "EstablishmentStatus (code)",
    "EstablishmentStatus (name)",
    "ReasonEstablishmentOpened (code)",
    "ReasonEstablishmentOpened (name)",
    "OpenDate",
    "ReasonEstablishmentClosed (code)",
    "ReasonEstablishmentClosed (name)",
    "CloseDate",
    "PhaseOfEducation (code)",
    "PhaseOfEducation (name)",
    "StatutoryLowAge",
    "StatutoryHighAge",
    "Boarders (code)",
    "Boarders (name)",
    "NurseryProvision (name)",
    "OfficialSixthForm (code)",
    "OfficialSixthForm (name)",
    "Gender (code)",
    "Gender (name)",
    "ReligiousCharacter (code)",
    "ReligiousCharacter (name)",
    "ReligiousEthos (name)",
    "Diocese (code)",
    "Diocese (name)",
    "AdmissionsPolicy (code)",
    "AdmissionsPolicy (name)",
    "SchoolCapacity",
    "SpecialClasses (code)",
    "SpecialClasses (name)",
    "CensusDate",
    "NumberOfPupils",
    "NumberOfBoys",
    "NumberOfGirls",
    "PercentageFSM",
    "TrustSchoolFlag (code)",
    "TrustSchoolFlag (name)",
    "Trusts (code)",
    "Trusts (name)",
    "SchoolSponsorFlag (name)",
    "SchoolSponsors (name)",
    "FederationFlag (name)",
    "Federations (code)",
    "Federations (name)",
    "UKPRN",
    "FEHEIdentifier",
    "FurtherEducationType (name)",
    "LastChangedDate",
    "Street",
    "Locality",
    "Address3",
    "Town",
    "County (name)",
    "Postcode",
    "SchoolWebsite",
    "TelephoneNum",
    "HeadTitle (name)",
    "HeadFirstName",
    "HeadLastName",
    "HeadPreferredJobTitle",
    "BSOInspectorateName (name)",
    "InspectorateReport",
    "DateOfLastInspectionVisit",
    "NextInspectionVisit",
    "TeenMoth (name)",
    "TeenMothPlaces",
    "CCF (name)",
    "SENPRU (name)",
    "EBD (name)",
    "PlacesPRU",
    "FTProv (name)",
    "EdByOther (name)",
    "Section41Approved (name)",
    *SEN_COLUMNS,
    "TypeOfResourcedProvision (name)",
    "ResourcedProvisionOnRoll",
    "ResourcedProvisionCapacity",
    "SenUnitOnRoll",
    "SenUnitCapacity",
    "GOR (code)",
    "GOR (name)",
    "DistrictAdministrative (code)",
    "DistrictAdministrative (name)",
    "AdministrativeWard (code)",
    "AdministrativeWard (name)",
    "ParliamentaryConstituency (code)",
    "ParliamentaryConstituency (name)",
    "UrbanRural (code)",
    "UrbanRural (name)",
    "GSSLACode (name)",
    "Easting",
    "Northing",
    "MSOA (name)",
    "LSOA (name)",
    "InspectorateName (name)",
    "SENStat",
    "SENNoStat",
    "BoardingEstablishment (name)",
    "PropsName",
    "PreviousLA (code)",
    "PreviousLA (name)",
    "PreviousEstablishmentNumber",
    "Country (name)",
    "UPRN",
    "SiteName",
    "QABName (code)",
    "QABName (name)",
    "EstablishmentAccredited (code)",
    "EstablishmentAccredited (name)",
    "QABReport",
    "CHNumber",
    "MSOA (code)",
    "LSOA (code)",
    "FSM",
    "AccreditationExpiryDate",
)

URN = "URN"
LA_CODE = "LA (code)"
NAME = "EstablishmentName"
TYPE = "TypeOfEstablishment (name)"
STATUS = "EstablishmentStatus (name)"
CLOSE_REASON = "ReasonEstablishmentClosed (name)"
CLOSE_DATE = "CloseDate"
PHASE = "PhaseOfEducation (name)"
LOW_AGE = "StatutoryLowAge"
HIGH_AGE = "StatutoryHighAge"
ADDRESS_LINES = ("Street", "Locality", "Address3")
TOWN = "Town"
POSTCODE = "Postcode"
WEBSITE = "SchoolWebsite"
PHONE = "TelephoneNum"
HEAD = ("HeadTitle (name)", "HeadFirstName", "HeadLastName")
EASTING = "Easting"
NORTHING = "Northing"
PROVISION_TYPE = "TypeOfResourcedProvision (name)"
RP_ON_ROLL = "ResourcedProvisionOnRoll"
RP_CAPACITY = "ResourcedProvisionCapacity"
UNIT_ON_ROLL = "SenUnitOnRoll"
UNIT_CAPACITY = "SenUnitCapacity"
# The school census totals GIAS repeats, and the census they come from. Read when present.
EHC_PLANS = "SENStat"
SEN_SUPPORT = "SENNoStat"
CENSUS_DATE = "CensusDate"

REQUIRED_COLUMNS: tuple[str, ...] = (
    URN,
    LA_CODE,
    NAME,
    TYPE,
    STATUS,
    CLOSE_DATE,
    PHASE,
    LOW_AGE,
    HIGH_AGE,
    *ADDRESS_LINES,
    TOWN,
    POSTCODE,
    WEBSITE,
    PHONE,
    *HEAD,
    EASTING,
    NORTHING,
    *SEN_COLUMNS,
    PROVISION_TYPE,
    RP_ON_ROLL,
    RP_CAPACITY,
    UNIT_ON_ROLL,
    UNIT_CAPACITY,
)

# Values GIAS writes in "(name)" columns when there is nothing to say.
_BLANKS = frozenset({"", "not applicable", "not recorded", "none"})

OPEN_STATUSES = frozenset({"Open", "Open, but proposed to close"})
CLOSED_STATUS = "Closed"
NOT_YET_OPEN_STATUS = "Proposed to open"

# Establishment types that must publish an SEN information report, with our type and,
# for special and alternative provision, the phase that describes them better than
# GIAS's "Not applicable". Types not listed (independent mainstream schools, colleges,
# children's centres, secure units, Welsh and overseas establishments...) are skipped.
_ESTABLISHMENT_TYPES: dict[str, tuple[EstablishmentType, Phase | None]] = {
    "Community school": (EstablishmentType.COMMUNITY, None),
    "Voluntary aided school": (EstablishmentType.VOLUNTARY_AIDED, None),
    "Voluntary controlled school": (EstablishmentType.VOLUNTARY_CONTROLLED, None),
    "Foundation school": (EstablishmentType.FOUNDATION, None),
    "Academy converter": (EstablishmentType.ACADEMY, None),
    "Academy sponsor led": (EstablishmentType.ACADEMY, None),
    "Academy 16-19 converter": (EstablishmentType.ACADEMY, Phase.SIXTEEN_TO_NINETEEN),
    "Academy 16 to 19 sponsor led": (EstablishmentType.ACADEMY, Phase.SIXTEEN_TO_NINETEEN),
    "Free schools": (EstablishmentType.FREE_SCHOOL, None),
    "Free schools 16 to 19": (EstablishmentType.FREE_SCHOOL, Phase.SIXTEEN_TO_NINETEEN),
    "Studio schools": (EstablishmentType.FREE_SCHOOL, None),
    "University technical college": (EstablishmentType.FREE_SCHOOL, None),
    "City technology college": (EstablishmentType.OTHER, None),
    "Community special school": (EstablishmentType.MAINTAINED_SPECIAL, Phase.SPECIAL),
    "Foundation special school": (EstablishmentType.MAINTAINED_SPECIAL, Phase.SPECIAL),
    "Academy special converter": (EstablishmentType.ACADEMY_SPECIAL, Phase.SPECIAL),
    "Academy special sponsor led": (EstablishmentType.ACADEMY_SPECIAL, Phase.SPECIAL),
    "Free schools special": (EstablishmentType.ACADEMY_SPECIAL, Phase.SPECIAL),
    "Non-maintained special school": (EstablishmentType.INDEPENDENT_SPECIAL, Phase.SPECIAL),
    "Other independent special school": (EstablishmentType.INDEPENDENT_SPECIAL, Phase.SPECIAL),
    "Local authority nursery school": (EstablishmentType.MAINTAINED_NURSERY, Phase.NURSERY),
    "Pupil referral unit": (
        EstablishmentType.PUPIL_REFERRAL_UNIT,
        Phase.ALTERNATIVE_PROVISION,
    ),
    "Academy alternative provision converter": (
        EstablishmentType.ACADEMY,
        Phase.ALTERNATIVE_PROVISION,
    ),
    "Academy alternative provision sponsor led": (
        EstablishmentType.ACADEMY,
        Phase.ALTERNATIVE_PROVISION,
    ),
    "Free schools alternative provision": (
        EstablishmentType.FREE_SCHOOL,
        Phase.ALTERNATIVE_PROVISION,
    ),
}

_PHASES: dict[str, Phase] = {
    "Nursery": Phase.NURSERY,
    "Primary": Phase.PRIMARY,
    "Middle deemed primary": Phase.MIDDLE,
    "Middle deemed secondary": Phase.MIDDLE,
    "Secondary": Phase.SECONDARY,
    "16 plus": Phase.SIXTEEN_TO_NINETEEN,
    "All-through": Phase.ALL_THROUGH,
}

_PROVISION_TYPES: dict[str, tuple[ProvisionKind, ...]] = {
    "resourced provision": (ProvisionKind.RESOURCED_PROVISION,),
    "sen unit": (ProvisionKind.SEN_UNIT,),
    "resourced provision and sen unit": (
        ProvisionKind.RESOURCED_PROVISION,
        ProvisionKind.SEN_UNIT,
    ),
}

# The facts GIAS owns on a school page, in the order the history note lists them.
GIAS_FIELDS: tuple[str, ...] = (
    "title",
    "phase",
    "establishment_type",
    "age_low",
    "age_high",
    "address",
    "town",
    "postcode",
    "website",
    "phone",
    "head_teacher",
    "latitude",
    "longitude",
    "gias_ehc_plans",
    "gias_sen_support",
    "gias_census_date",
)

LOG_CREATED = "schools.gias_created"
LOG_UPDATED = "schools.gias_updated"
LOG_CLOSED = "schools.gias_closed"
LOG_REOPENED = "schools.gias_reopened"

_SEN_CODE = re.compile(r"^\s*([A-Za-z]{2,8})\s+-\s+")
_URN = re.compile(r"^\d{6}$")
_url_validator = URLValidator(schemes=["http", "https"])


class GiasImportError(Exception):
    """The file cannot be read as a GIAS extract at all (encoding, header)."""


# --- Reading and validating -------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """Something wrong in one cell of the file, as a council officer can find it."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column!r}: {self.message}"


@dataclass(frozen=True)
class ProvisionData:
    """One resourced provision or SEN unit as GIAS lists it."""

    kind: ProvisionKind
    places: int | None
    on_roll: int | None
    need_codes: frozenset[str]


@dataclass
class GiasSchool:
    """An open school of the council, with the facts GIAS gives for it."""

    row: int
    urn: str
    facts: dict[str, Any]
    provisions: tuple[ProvisionData, ...]
    need_codes: frozenset[str]
    easting_northing: tuple[float, float] | None = None


@dataclass(frozen=True)
class ClosedSchool:
    """A school of the council that GIAS lists as closed."""

    row: int
    urn: str
    name: str
    close_date: str
    reason: str


@dataclass
class GiasFile:
    """What ``read_gias`` found: the council's schools, and every problem."""

    la_code: str
    encoding: str = ""
    rows: int = 0
    schools: list[GiasSchool] = field(default_factory=list)
    closed: list[ClosedSchool] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)

    @property
    def is_valid(self) -> bool:
        return not self.errors


def decode_gias(data: bytes) -> tuple[str, str]:
    """The file's text and the encoding it was read with.

    GIAS writes Windows-1252; a file saved again by a spreadsheet may be UTF-8 (with or
    without a byte-order mark). Latin-1 is the last resort: it reads any byte.
    """
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def _blank(value: str) -> bool:
    return value.strip().lower() in _BLANKS


def _clean(value: str) -> str:
    value = " ".join(value.split())
    return "" if _blank(value) else value


class _RowReader:
    """Reads one row's cells by column name, collecting problems as it goes."""

    def __init__(self, cells: list[str], index: dict[str, int], row: int, into: GiasFile):
        self.cells = cells
        self.index = index
        self.row = row
        self.into = into

    def text(self, column: str) -> str:
        # Every row has as many cells as the header (``_wrong_length``).
        return _clean(self.cells[self.index[column]])

    def error(self, column: str, message: str) -> None:
        self.into.errors.append(Problem(self.row, column, message))

    def warn(self, column: str, message: str) -> None:
        self.into.warnings.append(Problem(self.row, column, message))

    def whole_number(self, column: str, *, upper: int = 32767) -> int | None:
        value = self.text(column)
        if not value:
            return None
        try:
            number = int(value)
        except ValueError:
            self.error(column, f"{value!r} is not a whole number.")
            return None
        if not 0 <= number <= upper:
            self.error(column, f"{number} is outside 0 to {upper}.")
            return None
        return number

    def grid_reference(self, column: str, upper: int) -> float | None:
        value = self.text(column)
        if not value:
            return None
        try:
            number = float(value)
        except ValueError:
            self.error(column, f"{value!r} is not a number of metres.")
            return None
        if not 0 <= number <= upper:
            self.error(column, f"{value} is outside the British National Grid (0 to {upper}).")
            return None
        return number


def read_gias(
    text: str,
    la_code: str,
    *,
    need_codes: Iterable[str],
    progress: Callable[[Iterable[list[str]], int], Iterable[list[str]]] | None = None,
) -> GiasFile:
    """Read and check every row of one local authority in a GIAS extract.

    ``need_codes`` are the census codes of the council's types of need; a GIAS need
    outside them is an error. ``progress`` wraps the row iterator (a progress bar).
    Rows of other local authorities are counted and skipped without further checks.
    """
    result = GiasFile(la_code=la_code)
    known_needs = {code.upper() for code in need_codes}
    # newline="" leaves line breaks inside quoted cells to the csv module, as it expects.
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        raise GiasImportError("The file is empty.") from None
    index = {name: position for position, name in enumerate(header)}
    missing = [name for name in REQUIRED_COLUMNS if name not in index]
    if missing:
        raise GiasImportError(
            "This does not look like the GIAS 'all establishment data' file "
            "(edubasealldataYYYYMMDD.csv): it has no column "
            + ", ".join(repr(name) for name in missing)
            + "."
        )
    la_position = index[LA_CODE]
    rows: Iterable[list[str]] = reader
    if progress is not None:
        rows = progress(reader, max(text.count("\n") - 1, 0))
    seen: dict[str, int] = {}
    for cells in rows:
        result.rows += 1
        if not cells:
            continue
        if len(cells) != len(header):
            _wrong_length(cells, header, reader.line_num, result)
            continue
        # Most rows belong to other councils: decide on one cell before anything else.
        if cells[la_position].strip() != la_code:
            result.skipped["other local authorities"] += 1
            continue
        _read_row(_RowReader(cells, index, reader.line_num, result), seen, known_needs)
    _add_coordinates(result.schools)
    return result


def _wrong_length(cells: list[str], header: list[str], row: int, into: GiasFile) -> None:
    # A row cut short (a download that stopped, a file trimmed by hand) would otherwise
    # be read with its missing cells blank, quietly clearing what they should hold.
    column = header[len(cells)] if len(cells) < len(header) else header[-1]
    into.errors.append(
        Problem(
            row,
            column,
            f"This row has {len(cells)} cells but the header has {len(header)} columns: "
            "the file looks cut short or damaged. Download it from GIAS again.",
        )
    )


def _read_row(row: _RowReader, seen: dict[str, int], known_needs: set[str]) -> None:
    urn = row.text(URN)
    if not _URN.match(urn):
        row.error(URN, f"{urn!r} is not a 6-digit URN.")
        return
    if urn in seen:
        row.error(URN, f"URN {urn} is also on row {seen[urn]}.")
        return
    seen[urn] = row.row
    status = row.text(STATUS)
    name = row.text(NAME)
    if status == CLOSED_STATUS:
        row.into.closed.append(ClosedSchool(row.row, urn, name, row.text(CLOSE_DATE), _reason(row)))
        return
    if status == NOT_YET_OPEN_STATUS:
        row.into.skipped["not yet open"] += 1
        return
    if status not in OPEN_STATUSES:
        row.error(STATUS, f"{status!r} is not a GIAS status (Open, Closed...).")
        return
    kind = _ESTABLISHMENT_TYPES.get(row.text(TYPE))
    if kind is None:
        row.into.skipped["types that do not publish an SEN information report"] += 1
        return
    if not name:
        row.error(NAME, "The school has no name.")
    elif len(name) > 255:
        row.error(NAME, "The name is longer than 255 characters.")
    establishment_type, type_phase = kind
    age_low, age_high = row.whole_number(LOW_AGE, upper=99), row.whole_number(HIGH_AGE, upper=99)
    if age_low is not None and age_high is not None and age_low > age_high:
        row.error(HIGH_AGE, f"The oldest age ({age_high}) is below the youngest ({age_low}).")
    phase = type_phase.value if type_phase else _phase(row, age_low, age_high)
    facts: dict[str, Any] = {
        "title": name,
        "phase": phase,
        "establishment_type": establishment_type.value,
        "age_low": age_low,
        "age_high": age_high,
        "address": "\n".join(line for line in map(row.text, ADDRESS_LINES) if line),
        "town": _limited(row, TOWN, 100),
        "postcode": _postcode(row),
        "website": _website(row),
        "phone": _phone(row),
        "head_teacher": _head_teacher(row),
        **_sen_totals(row),
    }
    need_codes = _need_codes(row, known_needs)
    provisions = _provisions(row, need_codes)
    easting = row.grid_reference(EASTING, 700_000)
    northing = row.grid_reference(NORTHING, 1_300_000)
    # GIAS writes 0 or nothing for a school it has not placed.
    placed = easting and northing
    row.into.schools.append(
        GiasSchool(
            row=row.row,
            urn=urn,
            facts={key: value for key, value in facts.items() if value not in (None, "")},
            provisions=provisions,
            need_codes=need_codes,
            easting_northing=(easting, northing) if placed else None,
        )
    )


def _sen_totals(row: _RowReader) -> dict[str, Any]:
    if not {EHC_PLANS, SEN_SUPPORT, CENSUS_DATE} <= row.index.keys():
        return {}
    census_date = None
    if value := row.text(CENSUS_DATE):
        try:
            census_date = dt.datetime.strptime(value, "%d-%m-%Y").date()
        except ValueError:
            row.error(CENSUS_DATE, f"{value!r} is not a date like 18-01-2024.")
    return {
        "gias_ehc_plans": row.whole_number(EHC_PLANS, upper=100_000),
        "gias_sen_support": row.whole_number(SEN_SUPPORT, upper=100_000),
        "gias_census_date": census_date,
    }


def _reason(row: _RowReader) -> str:
    return row.text(CLOSE_REASON) if CLOSE_REASON in row.index else ""


def _phase(row: _RowReader, age_low: int | None, age_high: int | None) -> str | None:
    value = row.text(PHASE)
    phase = _PHASES.get(value)
    if phase is None:
        row.error(
            PHASE,
            f"{value or 'Not applicable'!r} cannot be matched to a phase for a "
            f"{row.text(TYPE).lower()}.",
        )
        return None
    # GIAS calls infant and junior schools "Primary"; their ages tell them apart.
    if phase == Phase.PRIMARY and age_high is not None and age_high <= 7:
        return Phase.INFANT.value
    if phase == Phase.PRIMARY and age_low is not None and age_low >= 7:
        return Phase.JUNIOR.value
    return phase.value


def _limited(row: _RowReader, column: str, length: int) -> str:
    value = row.text(column)
    if len(value) > length:
        row.warn(column, f"Longer than {length} characters; left as it was on the page.")
        return ""
    return value


def _postcode(row: _RowReader) -> str:
    value = row.text(POSTCODE).upper()
    if not value:
        return ""
    try:
        POSTCODE_VALIDATOR(value)
    except ValidationError:
        row.warn(POSTCODE, f"{value!r} is not a UK postcode; left as it was on the page.")
        return ""
    return value


def _website(row: _RowReader) -> str:
    value = row.text(WEBSITE).replace(" ", "")
    if not value:
        return ""
    # GIAS often gives "www.school.org.uk"; a link needs its scheme.
    if not re.match(r"^https?://", value, re.IGNORECASE):
        value = f"http://{value}"
    try:
        _url_validator(value)
    except ValidationError:
        row.warn(WEBSITE, f"{value!r} is not a web address; left as it was on the page.")
        return ""
    if len(value) > 200:
        row.warn(WEBSITE, "Longer than 200 characters; left as it was on the page.")
        return ""
    return value


def _phone(row: _RowReader) -> str:
    value = row.text(PHONE)
    if not value:
        return ""
    try:
        PHONE_VALIDATOR(value)
    except ValidationError:
        row.warn(PHONE, f"{value!r} is not a phone number; left as it was on the page.")
        return ""
    return value


def _head_teacher(row: _RowReader) -> str:
    title, first, last = (row.text(column) for column in HEAD)
    if not (first or last):
        return ""
    name = " ".join(part for part in (title, first, last) if part)
    if len(name) > 120:
        row.warn(HEAD[2], "The head teacher's name is longer than 120 characters; left as it was.")
        return ""
    return name


def _need_codes(row: _RowReader, known_needs: set[str]) -> frozenset[str]:
    codes = set()
    for column in SEN_COLUMNS:
        value = row.text(column)
        if not value:
            continue
        # GIAS names a need "ASD - Autistic Spectrum Disorder": the census code comes first.
        match = _SEN_CODE.match(value)
        code = match.group(1).upper() if match else ""
        if not code:
            row.error(column, f"{value!r} does not start with a census code such as 'ASD - '.")
        elif code not in known_needs:
            row.error(
                column,
                f"{value!r}: the council's types of need have no code {code}. "
                "Add it in the admin (Snippets, Types of need) or correct the file.",
            )
        else:
            codes.add(code)
    return frozenset(codes)


def _provisions(row: _RowReader, need_codes: frozenset[str]) -> tuple[ProvisionData, ...]:
    value = row.text(PROVISION_TYPE)
    if not value:
        return ()
    kinds = _PROVISION_TYPES.get(value.lower())
    if kinds is None:
        row.error(
            PROVISION_TYPE,
            f"{value!r} is not a GIAS provision type "
            "(Resourced provision, SEN unit, Resourced provision and SEN unit).",
        )
        return ()
    provisions = []
    for kind in kinds:
        if kind == ProvisionKind.RESOURCED_PROVISION:
            places, on_roll = row.whole_number(RP_CAPACITY), row.whole_number(RP_ON_ROLL)
        else:
            places, on_roll = row.whole_number(UNIT_CAPACITY), row.whole_number(UNIT_ON_ROLL)
        provisions.append(ProvisionData(kind, places, on_roll, need_codes))
    return tuple(provisions)


@cache
def _grid_to_wgs84() -> Transformer:
    # British National Grid (OSGB36) to WGS84 latitude/longitude; x/y in that order.
    return Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)


def _add_coordinates(schools: list[GiasSchool]) -> None:
    placed = [school for school in schools if school.easting_northing]
    if not placed:
        return
    eastings, northings = zip(*(school.easting_northing for school in placed), strict=True)
    longitudes, latitudes = _grid_to_wgs84().transform(eastings, northings)
    for school, latitude, longitude in zip(placed, latitudes, longitudes, strict=True):
        # Six decimal places is about 10 cm: more than GIAS's metre grid can promise.
        school.facts["latitude"] = round(float(latitude), 6)
        school.facts["longitude"] = round(float(longitude), 6)


# --- Planning ---------------------------------------------------------------------------


class Change(StrEnum):
    CREATE = "created"
    UPDATE = "updated"
    # Closed in GIAS: unpublished, its review cancelled, its editors' rights suspended.
    UNPUBLISH = "unpublished"
    # Open again in GIAS after a closure: its editors' rights come back.
    REOPEN = "reopened"
    # The editor rule holds the school back: nothing is written (``decision`` says why).
    HELD = "held back"


@dataclass
class PlannedChange:
    """One school page to create, update or unpublish."""

    change: Change
    school: GiasSchool | None = None
    closed: ClosedSchool | None = None
    page: SchoolPage | None = None
    # What differs on the live page or on the editors' draft.
    changed_fields: tuple[str, ...] = ()
    # For an update: what the editor rule lets the import do to the page.
    decision: Decision | None = None

    @property
    def label(self) -> str:
        page, urn = self.page, (self.school or self.closed)
        return f"{page.title if page else ''} (URN {urn.urn if urn else ''})".strip()


@dataclass
class ImportPlan:
    """What an import will do; ``apply_plan`` carries it out."""

    gias: GiasFile
    changes: list[PlannedChange] = field(default_factory=list)
    unchanged: int = 0

    def count(self, change: Change) -> int:
        return sum(1 for planned in self.changes if planned.change == change)


def plan_import(gias: GiasFile, *, force: bool = False) -> ImportPlan:
    """Compare each of the council's schools with its page (one query for all pages).

    Updates are judged by the editor rule (``schools.importing.editor_rule``): schools
    people are working on are held back or have only their facts updated; ``force``
    overrides it.
    """
    plan = ImportPlan(gias=gias)
    urns = [school.urn for school in gias.schools] + [closed.urn for closed in gias.closed]
    pages = {
        page.urn: page
        for page in SchoolPage.objects.filter(urn__in=urns).prefetch_related(
            "specialist_provisions__needs"
        )
    }
    closures = set(
        SchoolClosure.objects.filter(page__in=pages.values()).values_list("page_id", flat=True)
    )
    for school in gias.schools:
        page = pages.get(school.urn)
        if page is None:
            plan.changes.append(PlannedChange(Change.CREATE, school=school))
            continue
        if page.pk in closures:
            plan.changes.append(PlannedChange(Change.REOPEN, school=school, page=page))
        planned = _plan_update(page, school)
        if planned is None:
            plan.unchanged += page.pk not in closures
        else:
            plan.changes.append(planned)
    _plan_closures(plan, pages, closures)
    _judge(plan, force)
    return plan


def _plan_closures(plan: ImportPlan, pages: dict[str, SchoolPage], closures: set[int]) -> None:
    """Close each closed school's page unless that is already done.

    Closing is not an edit, so the editor rule does not hold it back: a closed school
    must leave the directory, and a review left open would let an approval publish it
    again.
    """
    closed_pages = [pages[closed.urn] for closed in plan.gias.closed if closed.urn in pages]
    in_moderation = pages_in_moderation(page.pk for page in closed_pages)
    for closed in plan.gias.closed:
        page = pages.get(closed.urn)
        if page is None:
            plan.gias.skipped["closed and not on the site"] += 1
        elif page.live or page.pk in in_moderation or page.pk not in closures:
            plan.changes.append(PlannedChange(Change.UNPUBLISH, closed=closed, page=page))
        else:
            plan.unchanged += 1


def _judge(plan: ImportPlan, force: bool) -> None:
    updates = [planned for planned in plan.changes if planned.change == Change.UPDATE]
    in_moderation = pages_in_moderation(planned.page.pk for planned in updates if planned.page)
    for planned in updates:
        assert planned.page is not None
        state = PageState.of(planned.page, in_moderation=planned.page.pk in in_moderation)
        # Everything GIAS changes is a fact it owns: there is no report text to skip.
        planned.decision = Decision(state, tuple(map(_label, planned.changed_fields)), (), force)
        if planned.decision.held_back:
            planned.change = Change.HELD


def _plan_update(page: SchoolPage, school: GiasSchool) -> PlannedChange | None:
    """What to update on an existing page: its live version, its draft, or nothing."""
    draft = _latest(page) if page.has_unpublished_changes else None
    live_fields = _changed_fields(page, school) if page.live else ()
    draft_fields = _changed_fields(draft or page, school) if draft or not page.live else ()
    if not (live_fields or draft_fields):
        return None
    changed = tuple(dict.fromkeys((*live_fields, *draft_fields)))
    return PlannedChange(Change.UPDATE, school=school, page=page, changed_fields=changed)


def _latest(page: SchoolPage) -> SchoolPage:
    """The page as its editors last saved it (a draft may be newer than the live page)."""
    return page.get_latest_revision_as_object()


def _changed_fields(page: SchoolPage, school: GiasSchool) -> tuple[str, ...]:
    changed = [name for name, value in school.facts.items() if getattr(page, name) != value]
    if _provision_rows(page) != _wanted_rows(page, school):
        changed.append("specialist provision")
    return tuple(changed)


def _row_key(provision: SpecialistProvision) -> tuple[Any, ...]:
    codes = frozenset(need.code for need in provision.needs.all())
    return (provision.kind, provision.places, provision.on_roll, codes, provision.from_gias)


def _data_key(data: ProvisionData) -> tuple[Any, ...]:
    return (data.kind.value, data.places, data.on_roll, data.need_codes, True)


def _provision_rows(page: SchoolPage) -> list[tuple[Any, ...]]:
    return sorted((_row_key(p) for p in page.specialist_provisions.all()), key=repr)


def _wanted_rows(page: SchoolPage, school: GiasSchool) -> list[tuple[Any, ...]]:
    wanted = [
        _data_key(data) if data else _row_key(existing)
        for existing, data in _provision_slots(page, school)
        if existing is not None or data is not None
    ]
    return sorted(wanted, key=repr)


def _provision_slots(
    page: SchoolPage, school: GiasSchool
) -> list[tuple[SpecialistProvision | None, ProvisionData | None]]:
    """How the page's provision rows line up with GIAS's, without changing anything.

    Rows the school added itself are kept as they are (no data). For each kind GIAS
    lists, the row GIAS made before gets the data (its description, written by the
    school, is kept); failing that, a row of that kind the school added is taken over;
    failing that, a new row is added (no existing row). Rows GIAS made for a kind it
    no longer lists are dropped (left out of the result).
    """
    wanted = {data.kind.value: data for data in school.provisions}
    current = list(page.specialist_provisions.all())
    kinds_from_gias = {p.kind for p in current if p.from_gias}
    slots: list[tuple[SpecialistProvision | None, ProvisionData | None]] = []
    done: set[str] = set()
    for provision in current:
        data = wanted.get(provision.kind)
        takes_over = provision.from_gias or provision.kind not in kinds_from_gias
        if data is not None and provision.kind not in done and takes_over:
            done.add(provision.kind)
            slots.append((provision, data))
        elif not provision.from_gias:
            slots.append((provision, None))
    slots.extend((None, data) for kind, data in wanted.items() if kind not in done)
    return slots


def _synced_provisions(
    page: SchoolPage, school: GiasSchool, needs: dict[str, NeedArea]
) -> list[SpecialistProvision]:
    """The page's provision rows with GIAS's brought in step (see ``_provision_slots``)."""
    result = []
    for existing, data in _provision_slots(page, school):
        provision = existing or SpecialistProvision()
        if data is not None:
            provision.kind = data.kind.value
            provision.places = data.places
            provision.on_roll = data.on_roll
            provision.from_gias = True
            provision.needs = [needs[code] for code in sorted(data.need_codes)]
        result.append(provision)
    return result


# --- Writing ----------------------------------------------------------------------------


def apply_plan(
    plan: ImportPlan,
    *,
    parent: SchoolIndexPage | None = None,
    progress: Callable[[Iterable[PlannedChange], int], Iterable[PlannedChange]] | None = None,
    user: AbstractBaseUser | None = None,
) -> None:
    """Carry out ``plan`` in one transaction: all of it is written, or none of it.

    Revisions and history entries are recorded under ``user``.
    """
    needs = {need.code: need for need in NeedArea.objects.all()}
    changes: Iterable[PlannedChange] = plan.changes
    if progress is not None:
        changes = progress(plan.changes, len(plan.changes))
    with transaction.atomic():
        if plan.count(Change.CREATE):
            parent = parent or schools_index()
        slugs = set(parent.get_children().values_list("slug", flat=True)) if parent else set()
        for planned in changes:
            if planned.change == Change.CREATE:
                assert planned.school is not None and parent is not None
                _create(parent, planned.school, needs, slugs, user)
            elif planned.change == Change.UPDATE:
                _update(planned, needs, user)
            elif planned.change == Change.UNPUBLISH:
                assert planned.closed is not None and planned.page is not None
                _close(planned.page, planned.closed, user)
            elif planned.change == Change.REOPEN:
                assert planned.page is not None
                _reopen(planned.page, user)


def schools_index() -> SchoolIndexPage:
    """Where new school pages go: the site's schools index (created if there is none)."""
    try:
        return get_or_create_school_index()
    except ImproperlyConfigured as error:
        raise GiasImportError(str(error)) from error


def _apply_facts(page: SchoolPage, school: GiasSchool, needs: dict[str, NeedArea]) -> None:
    for name, value in school.facts.items():
        setattr(page, name, value)
    page.specialist_provisions = _synced_provisions(page, school, needs)


def _create(
    parent: SchoolIndexPage,
    school: GiasSchool,
    needs: dict[str, NeedArea],
    slugs: set[str],
    user: AbstractBaseUser | None,
) -> SchoolPage:
    page = SchoolPage(urn=school.urn, slug=_free_slug(school, slugs))
    _apply_facts(page, school, needs)
    # A new page's facets start from the needs GIAS lists; the school edits them later.
    page.needs = [needs[code] for code in sorted(school.need_codes)]
    # The reference index is brought up to date by the publishing save; updating it on
    # the two saves before that as well only slows a first import down.
    with disable_reference_index_auto_update():
        parent.add_child(instance=page)
        revision = page.save_revision(user=user, clean=False)
    # Published like an editor's page; the history entry says where it came from.
    revision.publish(user=user, log_action=LOG_CREATED, skip_permission_checks=True)
    return page


def _free_slug(school: GiasSchool, slugs: set[str]) -> str:
    base = slugify(school.facts.get("title", "")).strip("-")[:200] or "school"
    slug = base if base not in slugs else f"{base}-{school.urn}"
    slugs.add(slug)
    return slug


def _update(
    planned: PlannedChange, needs: dict[str, NeedArea], user: AbstractBaseUser | None
) -> None:
    page, school = planned.page, planned.school
    assert page is not None and school is not None and planned.decision is not None

    def apply(target: SchoolPage, report: bool) -> tuple[str, ...]:
        changed = _changed_fields(target, school)
        if changed:
            _apply_facts(target, school, needs)
        return changed

    # The editor rule decides which versions get the facts (see its docstring).
    write_update(page, planned.decision, apply, user=user, log_revisions=False)
    comment = "Updated from GIAS: " + ", ".join(map(_label, planned.changed_fields)) + "."
    log(instance=page, action=LOG_UPDATED, user=user, data={"comment": comment})


def _label(name: str) -> str:
    if name == "title":
        return "name"
    if name == "specialist provision":
        return name
    return str(SchoolPage._meta.get_field(name).verbose_name)


def _close(page: SchoolPage, closed: ClosedSchool, user: AbstractBaseUser | None) -> None:
    done = []
    if (workflow_state := page.current_workflow_state) is not None:
        # Wagtail records the cancellation in the page's history too.
        workflow_state.cancel(user=user)
        done.append("its review was cancelled")
    if page.live:
        # As for publishing: ``user`` is for the history, not a permission check.
        UnpublishPageAction(page, user=user, log_action=False).execute(skip_permission_checks=True)
        done.append("it was unpublished")
    SchoolClosure.objects.update_or_create(
        page=page, defaults={"closed_on": _date(closed.close_date), "reason": closed.reason[:255]}
    )
    done.append("its editors cannot change it until GIAS lists it as open again")
    when = _readable_date(closed.close_date)
    comment = "Closed in Get Information about Schools" + (f" on {when}" if when else "")
    if closed.reason:
        comment += f" ({closed.reason})"
    comment += ": " + "; ".join(done)
    log(instance=page, action=LOG_CLOSED, user=user, data={"comment": comment + "."})


def _reopen(page: SchoolPage, user: AbstractBaseUser | None) -> None:
    SchoolClosure.objects.filter(page=page).delete()
    comment = (
        "Open again in Get Information about Schools: its editors can change it again. "
        "It stays unpublished until the council publishes it."
    )
    log(instance=page, action=LOG_REOPENED, user=user, data={"comment": comment})


def _date(value: str) -> dt.date | None:
    # GIAS writes dates as DD-MM-YYYY.
    try:
        return dt.datetime.strptime(value, "%d-%m-%Y").date()
    except ValueError:
        return None


def _readable_date(value: str) -> str:
    date = _date(value)
    return date.strftime("%-d %B %Y") if date else value


# --- The whole import -------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    """What happened, for the command's summary."""

    gias: GiasFile
    plan: ImportPlan | None
    written: bool

    @property
    def summary(self) -> str:
        if self.plan is None:
            return f"{len(self.gias.errors)} problems found; nothing was written."
        plan = self.plan
        verb = "" if self.written else " (dry run: nothing was written)"
        lines = [
            f"{plan.count(Change.CREATE)} created, {plan.count(Change.UPDATE)} updated, "
            f"{plan.unchanged} unchanged, {plan.count(Change.UNPUBLISH)} unpublished "
            f"(closed in GIAS), {plan.count(Change.REOPEN)} reopened, "
            f"{plan.count(Change.HELD)} held back{verb}.",
            f"Read {self.gias.rows:,} rows ({self.gias.encoding}); local authority "
            f"{self.gias.la_code}: {len(self.gias.schools)} open schools, "
            f"{len(self.gias.closed)} closed.",
        ]
        for reason, number in sorted(self.gias.skipped.items()):
            lines.append(f"Skipped {number:,}: {reason}.")
        lines.extend(self._editor_rule_lines())
        return "\n".join(lines)

    def _editor_rule_lines(self) -> list[str]:
        assert self.plan is not None
        notes = [
            (planned, note)
            for planned in self.plan.changes
            if planned.decision is not None and (note := planned.decision.note())
        ]
        if not notes:
            return []
        forced = any(planned.decision and planned.decision.force for planned, _ in notes)
        lines = ["Forced over people's work:" if forced else "People's work kept:"]
        lines.extend(f"  {planned.label}: {note}." for planned, note in notes)
        if not forced:
            lines.append(OVERRIDE_HINT)
        return lines


def import_gias(
    data: bytes,
    la_code: str,
    *,
    dry_run: bool = False,
    parent: SchoolIndexPage | None = None,
    read_progress: Callable[[Iterable[list[str]], int], Iterable[list[str]]] | None = None,
    write_progress: Callable[[Iterable[PlannedChange], int], Iterable[PlannedChange]] | None = None,
    force: bool = False,
    user: AbstractBaseUser | None = None,
) -> ImportResult:
    """Read, check and (unless ``dry_run`` or the file has errors) apply a GIAS extract.

    Existing pages are changed as the editor rule allows; ``force`` overrides it. Writes
    are recorded under ``user``.

    Raises ``GiasImportError`` when the file is not a GIAS extract at all.
    """
    text, encoding = decode_gias(data)
    codes = NeedArea.objects.values_list("code", flat=True)
    gias = read_gias(text, la_code, need_codes=codes, progress=read_progress)
    gias.encoding = encoding
    if not gias.is_valid:
        return ImportResult(gias=gias, plan=None, written=False)
    plan = plan_import(gias, force=force)
    if not dry_run:
        apply_plan(plan, parent=parent, progress=write_progress, user=user)
    return ImportResult(gias=gias, plan=plan, written=not dry_run)


# --- History notes ----------------------------------------------------------------------


class _CommentFormatter(LogFormatter):
    def format_comment(self, log_entry: Any) -> str:
        return (log_entry.data or {}).get("comment", self.comment)


def register_log_actions(actions: Any) -> None:
    """Name the GIAS import's entries in a page's history, with their notes.

    Called from a ``register_log_actions`` Wagtail hook.
    """
    for action, label, message, comment in (
        (
            LOG_CREATED,
            "GIAS import: create",
            "Created and published from Get Information about Schools",
            "The school's report is empty until its editors fill it in.",
        ),
        (LOG_UPDATED, "GIAS import: update", "Updated from Get Information about Schools", ""),
        (
            LOG_CLOSED,
            "GIAS import: closed",
            "Unpublished: closed in Get Information about Schools",
            "",
        ),
        (
            LOG_REOPENED,
            "GIAS import: open again",
            "Open again in Get Information about Schools",
            "",
        ),
    ):
        formatter = type(
            "GiasFormatter",
            (_CommentFormatter,),
            {"label": label, "message": message, "comment": comment},
        )
        actions.register_action(action)(formatter)
