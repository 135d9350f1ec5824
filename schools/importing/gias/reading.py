"""The GIAS source: reading and checking a GIAS extract, touching no page.

``decode_gias`` and ``read_gias`` read and validate the whole file. They touch the
database only to learn the council's need codes (given by the caller). Every problem is
reported with its row and column (``Problem.in_cell``) before anything is written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from pyproj import Transformer

from ...models import (
    Phase,
    ProvisionKind,
)
from ...models.pages import PHONE_VALIDATOR, POSTCODE_VALIDATOR
from ..problems import Problem
from .layout import (
    ADDRESS_LINES,
    BLANKS,
    CENSUS_DATE,
    CLOSE_DATE,
    CLOSE_REASON,
    CLOSED_STATUS,
    EASTING,
    EHC_PLANS,
    ESTABLISHMENT_TYPES,
    HEAD,
    HIGH_AGE,
    LA_CODE,
    LOW_AGE,
    NAME,
    NORTHING,
    NOT_YET_OPEN_STATUS,
    OPEN_STATUSES,
    PHASE,
    PHASES,
    PHONE,
    POSTCODE,
    PROVISION_TYPE,
    PROVISION_TYPES,
    REQUIRED_COLUMNS,
    RP_CAPACITY,
    RP_ON_ROLL,
    SEN_COLUMNS,
    SEN_SUPPORT,
    STATUS,
    TOWN,
    TYPE,
    UNIT_CAPACITY,
    UNIT_ON_ROLL,
    URN,
    WEBSITE,
)

_SEN_CODE = re.compile(r"^\s*([A-Za-z]{2,8})\s+-\s+")
_URN = re.compile(r"^\d{6}$")
_url_validator = URLValidator(schemes=["http", "https"])


class GiasImportError(Exception):
    """The file cannot be read as a GIAS extract at all (encoding, header)."""


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
    return value.strip().lower() in BLANKS


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
        self.into.errors.append(Problem.in_cell(self.row, column, message))

    def warn(self, column: str, message: str) -> None:
        self.into.warnings.append(Problem.in_cell(self.row, column, message))

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
        Problem.in_cell(
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
    kind = ESTABLISHMENT_TYPES.get(row.text(TYPE))
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
    phase = PHASES.get(value)
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
    kinds = PROVISION_TYPES.get(value.lower())
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
