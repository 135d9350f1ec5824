"""Times the school directory on Elasticsearch: a full index rebuild, then the query mix.

    ELASTICSEARCH_URL=http://127.0.0.1:9201 .venv/bin/python bench/elasticsearch_benchmark.py \\
        [--schools 5000] [--rounds 20] [--database FILE] [--api] [--rebuilds 3]

Start the server first with ``.ci/elasticsearch.sh start`` (docs/elasticsearch.md).

The schools and the searches are those of ``bench/directory_benchmark.py`` (the
database backend's benchmark): the same generator, seed and query mix (text only,
filters only, both, deep pages), through the same real directory page view, so the
figures compare directly. The scratch SQLite database is built the same way
(``--database`` reuses one that already holds ``--schools`` schools).

It then points the directory at Elasticsearch, on an index of its own
(``localoffer-bench-<N>``), times ``--rebuilds`` full rebuilds
(``rebuild_directory_index``: read every school, bulk requests, alias swap; schools per
second), checks that no search falls back to the database, and runs the mix. Targets
(issue 5), two cores: 95th percentile under 50 ms at 25,000 schools; a rebuild at least
1,000 schools per second. Figures go in docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schools", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--database", type=Path, help="SQLite file to build or reuse.")
    parser.add_argument("--api", action="store_true", help="Also time the JSON API.")
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--rebuilds", type=int, default=3, help="Full rebuilds to time.")
    parser.add_argument("--keep-index", action="store_true", help="Leave the index in place.")
    return parser.parse_args()


ARGS = _arguments()
URL = os.environ.get("ELASTICSEARCH_URL", "")
if not URL:
    sys.exit("Set ELASTICSEARCH_URL (start a server with .ci/elasticsearch.sh start).")

# The database benchmark reads its own command line when imported: give it ours.
shared = ["--schools", str(ARGS.schools), "--rounds", str(ARGS.rounds), "--seed", str(ARGS.seed)]
if ARGS.database:
    shared += ["--database", str(ARGS.database)]
sys.argv = [str(BENCH / "directory_benchmark.py"), *shared]
sys.path.insert(0, str(BENCH))

import directory_benchmark as database_bench  # noqa: E402  (sets up Django)
from django.conf import settings  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from search.elastic.indexing import delete_indexes, rebuild_index  # noqa: E402


def _rebuilds(count: int) -> list[float]:
    rates = []
    for number in range(1, count + 1):
        report = rebuild_index()
        rates.append(report.per_second)
        print(
            f"  rebuild {number}: {report.schools} schools in {report.seconds:.2f} s "
            f"= {report.per_second:,.0f} schools/s"
        )
    return rates


def _check_not_degraded(client: Client) -> None:
    for searches in database_bench.MIX.values():
        for params in searches:
            response = client.get("/api/v1/directory/", params)
            assert response.status_code == 200, params
            assert response.json()["degraded"] is False, f"fell back to the database: {params}"


def main() -> None:
    directory = database_bench.prepare(ARGS.schools, ARGS.seed)
    with override_settings(
        LOCALOFFER_ELASTICSEARCH_URL=URL,
        LOCALOFFER_ELASTICSEARCH_INDEX=f"localoffer-bench-{ARGS.schools}",
        LOCALOFFER_DIRECTORY_BACKEND="search.elastic.backend.ElasticsearchBackend",
    ):
        print(f"Elasticsearch {URL}, alias {settings.LOCALOFFER_ELASTICSEARCH_INDEX}")
        print(f"{ARGS.schools} live schools; {os.cpu_count()} CPUs")
        print("Load average before (1, 5, 15 min): {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
        print(f"Full rebuilds ({ARGS.rebuilds}):")
        rates = _rebuilds(ARGS.rebuilds)
        print(f"  median {statistics.median(rates):,.0f} schools/s")
        client = Client()
        _check_not_degraded(client)
        time.sleep(1)  # let the new index settle (refresh, caches) before timing
        print(f"Query mix: {ARGS.rounds} rounds per search")
        database_bench.report(
            f"Directory page {directory.url} (Elasticsearch)",
            database_bench.run(client, directory.url, ARGS.rounds),
        )
        if ARGS.api:
            database_bench.report(
                "JSON API /api/v1/directory/ (Elasticsearch)",
                database_bench.run(client, "/api/v1/directory/", ARGS.rounds),
            )
        print("Load average after (1, 5, 15 min): {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
        if not ARGS.keep_index:
            delete_indexes()


if __name__ == "__main__":
    main()
