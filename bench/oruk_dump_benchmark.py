"""Times the Open Referral UK full dumps, built and then served from the server's cache.

    .venv/bin/python bench/directory_benchmark.py --schools 500 --rounds 1 --database FILE
    .venv/bin/python bench/oruk_dump_benchmark.py --database FILE [--rounds 5]

The first command builds (or reuses) a scratch SQLite database of generated live
schools; this one asks the ORUK API for its largest answers through the Django test
client, with the production middleware (``localoffer.public_api``): each dump once with
an empty cache (built), then ``--rounds`` times again (kept until the data changes), and
once with the ETag of the last answer (304). It prints wall-clock and CPU time, SQL
queries and bytes for each. Figures go in docs/performance.md (issue 12, item 6).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
parser.add_argument("--database", type=Path, required=True, help="SQLite file with schools.")
parser.add_argument("--rounds", type=int, default=5)
ARGS = parser.parse_args()
os.environ["DATABASE_URL"] = f"sqlite:///{ARGS.database.resolve()}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "localoffer.settings.test")

import django  # noqa: E402

django.setup()

from django.core.cache import caches  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from schools.models import SchoolPage  # noqa: E402

DUMPS = [
    "/api/oruk/services?format=ndjson",
    "/api/oruk/services?format=ndjson&full=true",
    "/api/oruk/organizations?format=ndjson&full_service=true",
    "/api/oruk/services?per_page=500&full=true",
]


def timed(
    client: Client, url: str, headers: dict[str, str] | None = None
) -> tuple[float, float, int, int, str, int]:
    wall, cpu = time.perf_counter(), time.process_time()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers or {})
        body = b"".join(response.streaming_content) if response.streaming else response.content
    return (
        (time.perf_counter() - wall) * 1000,
        (time.process_time() - cpu) * 1000,
        len(queries),
        len(body),
        response.get("ETag", ""),
        response.status_code,
    )


def main() -> None:
    schools = SchoolPage.objects.live().count()
    print(f"{schools} live schools; {ARGS.rounds} cached rounds per dump\n")
    print(
        f"{'answer':58} {'built ms':>9} {'cpu':>6} {'sql':>4} {'kept ms':>8} {'sql':>4} "
        f"{'304 ms':>7} {'KB':>7}"
    )
    client = Client()
    client.get("/api/oruk/services/")  # the council's settings row, created once
    for url in DUMPS:
        caches["public-api"].clear()
        built = timed(client, url)
        kept = [timed(client, url) for _ in range(ARGS.rounds)]
        not_modified = timed(client, url, {"If-None-Match": built[4]})
        assert built[5] == 200 and not_modified[5] == 304, (built[5], not_modified[5])
        print(
            f"{url.removeprefix('/api/oruk'):58} {built[0]:9.0f} {built[1]:6.0f} {built[2]:4d} "
            f"{statistics.median(k[0] for k in kept):8.1f} {max(k[2] for k in kept):4d} "
            f"{not_modified[0]:7.1f} {built[3] / 1024:7.0f}"
        )


if __name__ == "__main__":
    main()
