"""Reading the DfE file: its header, and its rows as lists of cells, streamed.

The national file has about 759,000 rows; it is read a row at a time, never whole.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from schools.importing.problems import InvalidImportFile, Problem

# The header of "School underlying data file 2025" (Special educational needs in England),
# in order. The import reads only ``REQUIRED_COLUMNS``; the rest are listed so that tests
# and the demo can write files laid out exactly as the DfE publishes them.
PUBLISHED_HEADER: tuple[str, ...] = (
    "time_period",
    "time_identifier",
    "geographic_level",
    "country_code",
    "country_name",
    "region_name",
    "region_code",
    "old_la_code",
    "new_la_code",
    "la_name",
    "school_urn",
    "estab",
    "school_name",
    "school_laestab",
    "open_date",
    "sex_of_school_description",
    "phase_type_grouping",
    "establishment_type",
    "middle_school",
    "all_through",
    "hospital_school",
    "religious_denomination",
    "admissions_policy",
    "district_administrative_code",
    "district_administrative_name",
    "pcon_code",
    "pcon_name",
    "ward_code",
    "ward_name",
    "urban_rural",
    "school_postcode",
    "lsoa11",
    "provision_for_spld",
    "provision_for_mld",
    "provision_for_sld",
    "provision_for_pmld",
    "provision_for_semh",
    "provision_for_slcn",
    "provision_for_hi",
    "provision_for_vi",
    "provision_for_msi",
    "provision_for_pd",
    "provision_for_asd",
    "provision_for_oth",
    "specialist_provision_unit_type",
    "sen_provision",
    "sen_primary_need",
    "pupil_count",
)

TIME_PERIOD = "time_period"
LA_CODE = "old_la_code"
URN = "school_urn"
SCHOOL_NAME = "school_name"
DISTRICT_CODE = "district_administrative_code"
DISTRICT_NAME = "district_administrative_name"
PROVISION = "sen_provision"
NEED = "sen_primary_need"
COUNT = "pupil_count"

REQUIRED_COLUMNS: tuple[str, ...] = (
    TIME_PERIOD,
    LA_CODE,
    URN,
    SCHOOL_NAME,
    DISTRICT_CODE,
    DISTRICT_NAME,
    PROVISION,
    NEED,
    COUNT,
)


def count_lines(path: Path) -> int:
    """Lines in the file (for the progress bar), read in blocks: a quick first pass."""
    lines = 0
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            lines += block.count(b"\n")
    return lines


class CensusRows:
    """The rows of the file at ``path`` after its header, each with its line number.

    Opening checks the file can be read and has every column the import needs; a
    problem with the file as a whole raises ``InvalidImportFile`` naming it.
    """

    def __init__(self, path: Path) -> None:
        self.source = str(path)
        self.path = path
        try:
            self._handle = path.open(encoding="utf-8-sig", newline="")
        except FileNotFoundError:
            raise self._invalid("There is no such file.") from None
        except IsADirectoryError:
            raise self._invalid("This is a folder; give the path of a .csv file.") from None
        except OSError as error:
            raise self._invalid(f"The file cannot be read: {error.strerror}.") from None
        # newline="" leaves line breaks inside quoted cells to the csv module, as it expects.
        self._reader = csv.reader(self._handle)
        try:
            header = [name.strip().lower() for name in self._next()]
        except StopIteration:
            self.close()
            raise self._invalid("The file is empty.") from None
        self.index = {name: position for position, name in enumerate(header)}
        missing = [name for name in REQUIRED_COLUMNS if name not in self.index]
        if missing:
            self.close()
            raise self._invalid(
                "This does not look like the DfE's school-level 'Special educational needs "
                "in England' file: it has no column "
                + ", ".join(repr(name) for name in missing)
                + "."
            )

    def _invalid(self, message: str) -> InvalidImportFile:
        return InvalidImportFile(self.source, [Problem(self.source, message)])

    def _next(self) -> list[str]:
        try:
            return next(self._reader)
        except UnicodeDecodeError as error:
            self.close()
            raise self._invalid(
                f"Line {self._reader.line_num + 1} is not UTF-8 text (byte {error.start + 1} "
                "cannot be read). Save the file as UTF-8 and try again."
            ) from None
        except csv.Error as error:
            self.close()
            raise self._invalid(f"Line {self._reader.line_num}: {error}.") from None

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        try:
            while True:
                try:
                    cells = self._next()
                except StopIteration:
                    return
                if cells:
                    yield self._reader.line_num, cells
        finally:
            self.close()

    def close(self) -> None:
        self._handle.close()
