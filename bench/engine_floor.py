"""The engine floor beside the directory benchmark: ``directory_benchmark.py --floor``.

``floor.py`` (in the shared ``bench/`` folder, ``$LOCALOFFER_SHARED`` or ``../shared``)
times hand-written SQL for the same kind of directory request on SQLite and
PostgreSQL at N synthetic schools: what the database alone costs. Run in the same
sitting, the page's figures and the floor's meet the same machine load, so their ratio
means something on a shared machine (issue 20: at most three, median and 95th
percentile). The floor needs psycopg and a PostgreSQL database that libpq reaches with
the ``PG*`` variables of the environment (for example ``PGHOST=/tmp PGPORT=54329
PGUSER=postgres``): ``$FLOOR_DATABASE``, default ``floor``. It writes to ``$FLOOR_DIR``,
default ``/tmp/floor``. ``floor.py`` has both names written in; they are replaced when it
runs here, so that two people on one machine can each run it without sharing a database
schema or a results file.
"""

from __future__ import annotations

import json
import os
import runpy
import statistics
import subprocess
import sys
from functools import partial
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
# floor.py's HERE and its database ("dbname=floor"), unless configured.
OUTPUT = Path(os.environ.get("FLOOR_DIR") or "/tmp/floor")
FLOOR_DATABASE = os.environ.get("FLOOR_DATABASE") or "floor"
# The floor's request (floor.py's REQUESTS) each kind of search is held to; searches
# near a postcode are filtered searches on the database side.
REQUESTS = {
    "text only": "a_text",
    "filters only": "b_filters",
    "text and filters": "c_both",
    "near a postcode": "b_filters",
    "deep page": "d_deep",
}
# "all" is held to the mean of the floor's four requests.
ALL = ("a_text", "b_filters", "c_both", "d_deep")


def shared_folder() -> Path:
    """``$LOCALOFFER_SHARED``, or ``../shared`` beside the repository."""
    configured = os.environ.get("LOCALOFFER_SHARED")
    return Path(configured) if configured else ROOT.parent / "shared"


def run_floor(schools: int, reps: int, engine: str = "sqlite") -> dict[str, tuple[float, float]]:
    """Run the engine floor at ``schools`` schools: its (median, p95) per request on
    ``engine`` (``sqlite`` or ``pg``, floor.py's names)."""
    script = shared_folder() / "bench" / "floor.py"
    if not script.exists():
        sys.exit(f"No engine floor at {script}: set LOCALOFFER_SHARED to the shared folder")
    OUTPUT.mkdir(exist_ok=True)
    environment = {**os.environ, "FLOOR_NS": str(schools), "FLOOR_REPS": str(reps)}
    print(
        f"Engine floor: {script} at {schools} schools, {reps} repetitions"
        f" (database {FLOOR_DATABASE}, folder {OUTPUT})"
    )
    subprocess.run([sys.executable, __file__, str(script)], env=environment, check=True)
    raw = json.loads((OUTPUT / "raw.json").read_text())
    return {
        row["req"]: (row["median"], row["p95"])
        for row in raw["results"]
        if row["engine"] == engine and row["n"] == schools
    }


def report_ratios(
    wall: dict[str, list[float]], floor: dict[str, tuple[float, float]], engine: str = "sqlite"
) -> None:
    """The page's median and p95 (``wall``: milliseconds per kind of search) as
    multiples of the floor's on ``engine``, per kind and overall."""
    name = {"sqlite": "SQLite", "pg": "PostgreSQL"}.get(engine, engine)
    print(f"\nAgainst the engine floor ({name}), same sitting")
    print(
        f"  {'kind':<18}{'floor med':>10}{'floor p95':>10}{'page med':>10}{'page p95':>10}"
        f"{'x median':>10}{'x p95':>8}"
    )
    rows = [(kind, times, floor[REQUESTS[kind]]) for kind, times in wall.items()]
    everything = [time for times in wall.values() for time in times]
    overall = (
        statistics.mean(floor[name][0] for name in ALL),
        statistics.mean(floor[name][1] for name in ALL),
    )
    for kind, times, (median, p95) in [*rows, ("all", everything, overall)]:
        page_median, page_p95 = statistics.median(times), _percentile(times, 0.95)
        print(
            f"  {kind:<18}{median:>10.1f}{p95:>10.1f}{page_median:>10.1f}{page_p95:>10.1f}"
            f"{page_median / median:>10.2f}{page_p95 / p95:>8.2f}"
        )


def _percentile(values: list[float], fraction: float) -> float:
    # The same rule as directory_benchmark.py's.
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _floor_main(script: str) -> None:
    # Runs floor.py with its folder and database replaced: its main() reads the module
    # globals HERE and psycopg when it runs, and psycopg.connect's keyword arguments
    # override the connection string it passes ("dbname=floor").
    import psycopg

    main = runpy.run_path(script, run_name="floor")["main"]
    floor = main.__globals__  # run_path returns a copy; main reads the module's own
    floor["HERE"] = str(OUTPUT)
    floor["psycopg"] = SimpleNamespace(
        connect=partial(psycopg.connect, dbname=FLOOR_DATABASE),
        __version__=psycopg.__version__,
        pq=psycopg.pq,
    )
    main()


if __name__ == "__main__":
    _floor_main(sys.argv[1])
