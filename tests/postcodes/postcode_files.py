"""Postcode files in the exact published layouts, written at run time.

Code-Point Open: headerless area CSVs of ten columns (postcode quoted, numbers not, codes
quoted), zipped under Data/CSV/ beside Doc/. ONSPD: one CSV with a lower-case header and
every cell quoted, zipped under Data/ with the same rows again under Data/multi_csv/ and
lookup tables under Documents/.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

CODEPOINT_HEADERS = (
    "PC,PQ,EA,NO,CY,RH,LH,CC,DC,WC\r\n"
    "Postcode,Positional_quality_indicator,Eastings,Northings,Country_code,"
    "NHS_regional_HA_code,NHS_HA_code,Admin_county_code,Admin_district_code,Admin_ward_code\r\n"
)

# The ONSPD header of recent editions (lower case, in this order).
ONSPD_HEADER = [
    "pcd",
    "pcd2",
    "pcds",
    "dointr",
    "doterm",
    "oscty",
    "ced",
    "oslaua",
    "osward",
    "parish",
    "usertype",
    "oseast1m",
    "osnrth1m",
    "osgrdind",
    "oshlthau",
    "nhser",
    "ctry",
    "rgn",
    "streg",
    "pcon",
    "eer",
    "teclec",
    "ttwa",
    "pct",
    "itl",
    "statsward",
    "oa01",
    "casward",
    "npark",
    "lsoa01",
    "msoa01",
    "ur01ind",
    "oac01",
    "oa11",
    "lsoa11",
    "msoa11",
    "wz11",
    "sicbl",
    "bua24",
    "ru11ind",
    "oac11",
    "lat",
    "long",
    "lep1",
    "lep2",
    "pfa",
    "imd",
    "calncv",
    "icb",
    "oa21",
    "lsoa21",
    "msoa21",
]

RYEDALE = "E07000167"
SCARBOROUGH = "E07000168"
YORK = "E06000014"


@dataclass(frozen=True)
class Unit:
    postcode: str  # "YO17 8RD"
    easting: int
    northing: int
    district: str = RYEDALE
    quality: int = 10
    terminated: str = ""  # ONSPD doterm, e.g. "202301"
    latitude: str = ""  # ONSPD lat/long as written; "" = computed by the test from the grid
    longitude: str = ""


def codepoint_row(unit: Unit, *, quoted: bool = True, squashed: bool = False) -> str:
    postcode = unit.postcode.replace(" ", "") if squashed else unit.postcode
    if squashed and len(postcode) < 7:
        postcode = postcode[:-3].ljust(4) + postcode[-3:]
    easting, northing = (0, 0) if unit.quality == 90 else (unit.easting, unit.northing)
    codes = ["E92000001", "E19000001", "E18000001", "E10000023", unit.district, "E05006164"]
    if quoted:
        cells = [f'"{postcode}"', str(unit.quality), str(easting), str(northing)]
        cells += [f'"{code}"' for code in codes]
    else:
        cells = [postcode, str(unit.quality), str(easting), str(northing), *codes]
    return ",".join(cells) + "\r\n"


def codepoint_csv(units: list[Unit], **options: bool) -> str:
    return "".join(codepoint_row(unit, **options) for unit in units)


def write_codepoint(path: Path, units: list[Unit], **options: bool) -> Path:
    path.write_text(codepoint_csv(units, **options), encoding="utf-8", newline="")
    return path


def write_codepoint_zip(path: Path, areas: dict[str, list[Unit]], **options: bool) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Doc/Code-Point_Open_Column_Headers.csv", CODEPOINT_HEADERS)
        archive.writestr("Doc/licence.txt", "Open Government Licence")
        for area, units in areas.items():
            archive.writestr(f"Data/CSV/{area}.csv", codepoint_csv(units, **options))
    return path


def onspd_row(unit: Unit, *, quoted: bool = True) -> str:
    values = dict.fromkeys(ONSPD_HEADER, "")
    outward, inward = unit.postcode.split()
    located = unit.quality != 90
    values.update(
        pcd=(outward.ljust(4) + inward),
        pcd2=(outward.ljust(5) + inward),
        pcds=unit.postcode,
        dointr="198001",
        doterm=unit.terminated,
        oslaua=unit.district,
        ctry="E92000001",
        oseast1m=str(unit.easting) if located else "",
        osnrth1m=str(unit.northing) if located else "",
        osgrdind="1" if located else "9",
        lat=unit.latitude or ("99.999999" if not located else ""),
        long=unit.longitude or ("0.000000" if not located else ""),
    )
    cells = [values[column] for column in ONSPD_HEADER]
    if quoted:
        cells = [f'"{cell}"' for cell in cells]
    return ",".join(cells) + "\r\n"


def onspd_csv(units: list[Unit], *, quoted: bool = True, header: list[str] | None = None) -> str:
    head = header or ONSPD_HEADER
    lines = ",".join(f'"{c}"' if quoted else c for c in head) + "\r\n"
    return lines + "".join(onspd_row(unit, quoted=quoted) for unit in units)


def write_onspd(path: Path, units: list[Unit], **options: bool) -> Path:
    path.write_text(onspd_csv(units, **options), encoding="utf-8", newline="")
    return path


def write_onspd_zip(path: Path, units: list[Unit]) -> Path:
    by_area: dict[str, list[Unit]] = {}
    for unit in units:
        by_area.setdefault(unit.postcode[:2].rstrip("0123456789"), []).append(unit)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Data/ONSPD_FEB_2025_UK.csv", onspd_csv(units))
        for area, rows in by_area.items():
            archive.writestr(f"Data/multi_csv/ONSPD_FEB_2025_UK_{area}.csv", onspd_csv(rows))
        archive.writestr(
            "Documents/LA_UA names and codes UK as at 04_23.csv",
            "LAD23CD,LAD23NM\r\nE07000167,Ryedale\r\n",
        )
        archive.writestr("User Guide/ONSPD User Guide Feb 2025.txt", "guide")
    return path
