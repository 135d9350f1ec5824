"""Times ``import_postcodes`` on generated files in the published layouts.

    .venv/bin/python bench/postcodes_benchmark.py [--rows 500000] [--keep-every 40]

Writes a Code-Point Open zip (headerless area CSVs, quoted postcodes and codes) and an
ONSPD CSV (the recent header, every cell quoted, one row in 20 terminated) of ``--rows``
postcodes each; one postcode in ``--keep-every`` is in the council's district, so a
500,000-row file keeps 12,500 (a county's share of Great Britain's 1.7 million is about
40,000). Runs on the test settings (SQLite in memory, or PostgreSQL with DATABASE_URL):
``--dry-run`` (read and check only), then the import itself. The target (issue 15) is
50,000 rows a second read. Figures go in docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import random
import string
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "localoffer.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from tests.postcodes.postcode_files import Unit, codepoint_csv, onspd_csv  # noqa: E402

COUNCIL = "E07000167"


def units(rows: int, keep_every: int) -> list[Unit]:
    rng = random.Random(15)
    found = []
    for number in range(rows):
        outward = f"{'ABCDEFGHKLMNPRSTWY'[number % 18]}{number % 97 + 1}"
        inward = (
            f"{number % 10}{rng.choice(string.ascii_uppercase)}{rng.choice(string.ascii_uppercase)}"
        )
        district = COUNCIL if number % keep_every == 0 else f"E08{number % 300:06d}"
        found.append(
            Unit(
                f"{outward} {inward}",
                rng.randrange(100000, 650000),
                rng.randrange(10000, 950000),
                district=district,
                quality=90 if number % 500 == 0 else 10,
                terminated="202301" if number % 20 == 1 else "",
            )
        )
    return found


def timed(label: str, rows: int, *args: str) -> None:
    started = time.perf_counter()
    call_command("import_postcodes", *args, "--district", COUNCIL, verbosity=0)
    seconds = time.perf_counter() - started
    print(f"| {label} | {seconds:.2f} | {rows / seconds:,.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=500_000)
    parser.add_argument("--keep-every", type=int, default=40)
    options = parser.parse_args()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    generated = units(options.rows, options.keep_every)
    with tempfile.TemporaryDirectory() as directory:
        codepoint = Path(directory) / "codepo_gb.zip"
        with zipfile.ZipFile(codepoint, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("Doc/Code-Point_Open_Column_Headers.csv", "PC,PQ,EA,NO\r\n")
            chunk = len(generated) // 10 + 1
            for index in range(10):
                part = [
                    u for u in generated[index * chunk : (index + 1) * chunk] if not u.terminated
                ]
                archive.writestr(f"Data/CSV/a{index}.csv", codepoint_csv(part))
        codepoint_rows = sum(1 for u in generated if not u.terminated)
        onspd = Path(directory) / "ONSPD.csv"
        onspd.write_text(onspd_csv(generated), newline="")
        print("| run | seconds | rows per second |")
        print("| --- | ---: | ---: |")
        timed(
            f"Code-Point zip, {codepoint_rows:,} rows, --dry-run",
            codepoint_rows,
            str(codepoint),
            "--dry-run",
        )
        timed(f"Code-Point zip, {codepoint_rows:,} rows, import", codepoint_rows, str(codepoint))
        timed(
            f"ONSPD CSV, {len(generated):,} rows, --dry-run",
            len(generated),
            str(onspd),
            "--dry-run",
        )
        timed(f"ONSPD CSV, {len(generated):,} rows, import", len(generated), str(onspd))


if __name__ == "__main__":
    main()
