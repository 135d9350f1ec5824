"""Times the SEN census import on a generated file the size of the national one.

    .venv/bin/python bench/census_benchmark.py [--rows 759000] [--schools 350] [--keep FILE]

The file has the published header (48 columns), a byte-order mark and every cell
quoted, and about ``--rows`` rows in long form: per school and year, the roll, then
SEN support and EHC plans in total and for each of eight primary needs (19 rows a
school). ``--schools`` schools belong to the council (815) and have pages on the site;
the rest belong to other councils. The 2024/25 file has about 759,000 rows; a large
county has about 350 of its schools in it.

It runs on the test settings (SQLite in memory, or PostgreSQL when DATABASE_URL is
set), migrates a fresh database, creates the council's school pages, and times three
runs of ``import_sen_census``: ``--dry-run`` (reading and checking only), the first
import, and the same file again (which replaces the year with the same figures).
Figures go in docs/performance.md.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "localoffer.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from census.importing.reading import PUBLISHED_HEADER  # noqa: E402

COUNCIL = "815"
NEEDS = [
    "Autistic spectrum disorder",
    "Speech, language and communication needs",
    "Specific learning difficulty",
    "Moderate learning difficulty",
    "Social, emotional and mental health",
    "Hearing impairment",
    "Physical disability",
    "SEN support but no specialist assessment of type of need",
]
SUPPORT = "SEN support / SEN without an EHC plan"
EHC = "Education, health and care plan"


def school_rows(urn: int, council: str) -> list[list[str]]:
    base = dict.fromkeys(PUBLISHED_HEADER, "")
    base.update(
        time_period="202425",
        time_identifier="Academic year",
        geographic_level="School",
        country_name="England",
        old_la_code=council,
        school_urn=str(urn),
        school_name=f"Benchmark School {urn}",
        phase_type_grouping="State-funded primary",
        district_administrative_code=f"E0700{urn % 7:04d}",
        district_administrative_name=f"District {urn % 7}",
    )
    cells = [("All pupils", "All pupils", str(100 + urn % 400))]
    cells.append((SUPPORT, "Total", str(10 + urn % 40)))
    cells += [(SUPPORT, need, str((urn + i) % 9) if i % 5 else "c") for i, need in enumerate(NEEDS)]
    cells.append((EHC, "Total", str(urn % 9)))
    cells += [(EHC, need, str((urn + i) % 3)) for i, need in enumerate(NEEDS[:-1])]
    cells.append(("No SEN provision", "Total", str(90 + urn % 300)))
    rows = []
    for provision, need, count in cells:
        row = {**base, "sen_provision": provision, "sen_primary_need": need, "pupil_count": count}
        rows.append([row[name] for name in PUBLISHED_HEADER])
    return rows


def generate(rows: int, schools: int) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(PUBLISHED_HEADER)
    per_school = len(school_rows(100000, COUNCIL))
    total_schools = max(rows // per_school, schools)
    council_every = max(total_schools // schools, 1)
    for number in range(total_schools):
        council = (
            COUNCIL if number % council_every == 0 and number // council_every < schools else "999"
        )
        writer.writerows(school_rows(100000 + number, council))
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def timed(path: Path, *options: str) -> tuple[float, str]:
    out = io.StringIO()
    start = time.perf_counter()
    call_command("import_sen_census", str(path), "--la", COUNCIL, *options, stdout=out, verbosity=0)
    return time.perf_counter() - start, out.getvalue().splitlines()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=759_000)
    parser.add_argument("--schools", type=int, default=350)
    parser.add_argument("--keep", type=Path, help="also write the generated file here")
    args = parser.parse_args()

    from schools.factories import SchoolPageFactory, school_index

    call_command("migrate", verbosity=0, interactive=False)
    data = generate(args.rows, args.schools)
    if args.keep:
        args.keep.write_bytes(data)
    index = school_index()
    per_school = len(school_rows(100000, COUNCIL))
    total_schools = max(args.rows // per_school, args.schools)
    council_every = max(total_schools // args.schools, 1)
    for number in range(0, council_every * args.schools, council_every):
        SchoolPageFactory(parent=index, urn=str(100000 + number), title=f"School {number}")
    lines = data.count(b"\n") - 1
    print(f"{lines:,} rows, {len(data) / 1e6:.0f} MB, {args.schools} of the council's schools")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sen_school_level.csv"
        path.write_bytes(data)
        del data
        for label, options in [
            ("read and check only (--dry-run)", ("--dry-run",)),
            ("first import", ()),
            ("same file again", ()),
        ]:
            seconds, result = timed(path, *options)
            print(f"| {label} | {seconds:.1f} | {lines / seconds:,.0f} | {result} |")


if __name__ == "__main__":
    main()
