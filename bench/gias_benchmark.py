"""Times the GIAS import on a generated file shaped like the national one.

    .venv/bin/python bench/gias_benchmark.py [--rows 25000] [--schools 300] [--keep FILE]

The file has the published header (135 columns), is written in Windows-1252 and holds
``--rows`` establishments. ``--schools`` of them belong to the council's local
authority (815) and are open; a tenth as many of its schools are closed; the rest
belong to other councils. The real file has about 51,000 rows, and a large county has
about 600 open schools in it, so 300 in 25,000 rows is a large county's share. About
one in nine generated schools is of a type that is skipped (independent schools).
Every cell a real row fills is filled.

It runs on the test settings (SQLite in memory, or PostgreSQL when DATABASE_URL is
set), migrates a fresh database and times four runs of ``import_gias``:

1. ``--dry-run`` on the empty site: reading and checking the file only;
2. the first import, which creates and publishes every school page;
3. the same file again, which changes nothing;
4. a later file in which one school in twenty has a new phone number (a typical
   refresh: a few updates, the rest unchanged).

The target (issue 7) is 2,000 rows a second. Figures go in docs/performance.md.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
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
from django.db import connection  # noqa: E402

from schools.importing.gias import PUBLISHED_HEADER  # noqa: E402

COUNCIL = "815"
OTHER_COUNCILS = [str(code) for code in range(201, 939) if str(code) != COUNCIL]
TYPES = [
    ("Community school", "Primary", 4, 11),
    ("Voluntary controlled school", "Primary", 4, 11),
    ("Voluntary aided school", "Primary", 4, 11),
    ("Academy converter", "Secondary", 11, 18),
    ("Academy sponsor led", "Primary", 3, 11),
    ("Free schools", "All-through", 4, 18),
    ("Community special school", "Not applicable", 2, 19),
    ("Local authority nursery school", "Nursery", 2, 5),
    ("Other independent school", "Not applicable", 3, 18),
]
NEEDS = [
    "ASD - Autistic Spectrum Disorder",
    "SLCN - Speech, language and Communication",
    "SEMH - Social, Emotional and Mental Health",
    "MLD - Moderate Learning Difficulty",
    "HI - Hearing Impairment",
]


def establishment(number: int, council: str, status: str, rng: random.Random) -> dict[str, str]:
    kind, phase, low, high = rng.choice(TYPES)
    row = dict.fromkeys(PUBLISHED_HEADER, "")
    row.update(
        {
            "URN": f"{100000 + number}",
            "LA (code)": council,
            "LA (name)": f"Council {council}",
            "EstablishmentNumber": f"{2000 + number % 8000}",
            # Names with a Windows-1252 curly apostrophe, as many real ones have.
            "EstablishmentName": f"St Example\u2019s School {number}",
            "TypeOfEstablishment (name)": kind,
            "EstablishmentStatus (name)": status,
            "CloseDate": "31-08-2015" if status == "Closed" else "",
            "ReasonEstablishmentClosed (name)": "Closure" if status == "Closed" else "",
            "PhaseOfEducation (name)": phase,
            "StatutoryLowAge": str(low),
            "StatutoryHighAge": str(high),
            "Street": f"{number} School Lane",
            "Locality": "Example Village",
            "Town": "Exampleton",
            "County (name)": "Exampleshire",
            "Postcode": f"YO{number % 90 + 1} {number % 9}AB",
            "SchoolWebsite": f"www.school{number}.example.sch.uk",
            "TelephoneNum": f"01{number % 1000:03d} {number % 1000000:06d}",
            "HeadTitle (name)": "Mrs",
            "HeadFirstName": "Alex",
            "HeadLastName": f"Head{number}",
            "Easting": str(400000 + number % 90000),
            "Northing": str(400000 + number % 90000),
            "TypeOfResourcedProvision (name)": "Not applicable",
            "GOR (name)": "Yorkshire and the Humber",
            "Gender (name)": "Mixed",
            "SchoolCapacity": "210",
            "NumberOfPupils": "198",
            "LastChangedDate": "15-01-2026",
            "UPRN": str(10000000000 + number),
        }
    )
    if number % 10 == 0:
        row.update(
            {
                "TypeOfResourcedProvision (name)": "Resourced provision",
                "SEN1 (name)": NEEDS[number % 5],
                "SEN2 (name)": NEEDS[(number + 1) % 5],
                "ResourcedProvisionCapacity": "12",
                "ResourcedProvisionOnRoll": "10",
            }
        )
    return row


def generate(rows: int, schools: int, seed: int = 7, *, moved_phone_every: int = 0) -> bytes:
    """The file; with ``moved_phone_every`` N, every Nth school of the council has a new number."""
    rng = random.Random(seed)
    closed = max(schools // 10, 1)
    councils = [COUNCIL] * schools + [COUNCIL] * closed
    councils += [rng.choice(OTHER_COUNCILS) for _ in range(rows - len(councils))]
    rng.shuffle(councils)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(PUBLISHED_HEADER)
    closed_left = closed
    for number, council in enumerate(councils, start=1):
        status = "Open"
        if council == COUNCIL and closed_left and number % 11 == 0:
            status, closed_left = "Closed", closed_left - 1
        elif council != COUNCIL and number % 4 == 0:
            status = "Closed"
        row = establishment(number, council, status, rng)
        if moved_phone_every and council == COUNCIL and number % moved_phone_every == 0:
            row["TelephoneNum"] = f"01999 {number % 1000000:06d}"
        writer.writerow([row[name] for name in PUBLISHED_HEADER])
    return buffer.getvalue().encode("cp1252")


def timed(path: Path, *options: str) -> tuple[float, str]:
    out = io.StringIO()
    start = time.perf_counter()
    call_command("import_gias", str(path), "--la", COUNCIL, *options, stdout=out, verbosity=0)
    return time.perf_counter() - start, out.getvalue().splitlines()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=25_000)
    parser.add_argument("--schools", type=int, default=300)
    parser.add_argument("--keep", type=Path, help="also save the generated file here")
    args = parser.parse_args()

    data = generate(args.rows, args.schools)
    if args.keep:
        args.keep.write_bytes(data)
    call_command("migrate", verbosity=0, interactive=False)
    print(f"Database: {connection.vendor}; file: {args.rows:,} rows, {len(data) / 1e6:.1f} MB")

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "edubasealldata20260115.csv"
        path.write_bytes(data)
        dry_seconds, dry_summary = timed(path, "--dry-run")
        first_seconds, first_summary = timed(path)
        again_seconds, again_summary = timed(path)
        path.write_bytes(generate(args.rows, args.schools, moved_phone_every=20))
        later_seconds, later_summary = timed(path)

    print()
    print("| run | seconds | rows per second | result |")
    print("| --- | ---: | ---: | --- |")
    for name, seconds, summary in (
        ("read and check only (--dry-run, empty site)", dry_seconds, dry_summary),
        ("first import (creates the pages)", first_seconds, first_summary),
        ("same file again (nothing changes)", again_seconds, again_summary),
        ("a later file (one school in 20 has a new phone)", later_seconds, later_summary),
    ):
        print(f"| {name} | {seconds:.2f} | {args.rows / seconds:,.0f} | {summary} |")
    created = int(first_summary.split(" created")[0])
    if created:
        per_page = (first_seconds - dry_seconds) / created * 1000
        print(f"\nCreating and publishing a page took {per_page:.0f} ms on average.")


if __name__ == "__main__":
    main()
