"""Parents under load: the public site under gunicorn with the production settings.

    .venv/bin/python bench/load_test.py [--users 50,200,400] [--seconds 60]
        [--schools 5000] [--database FILE] [--port 8106] [--workers 3] [--out DIR]
        [--cache local|redis] [--redis-port 8108] [--reference-mix]

(``make loadtest`` runs it with these defaults.) It builds, or reuses, a SQLite
database of ``--schools`` generated schools with ``bench/directory_benchmark.py``'s
generator (the same schools, text and made-up postcodes as the directory benchmark;
one file, so every gunicorn worker reads the same data). Then for each number of
parents it

1. starts a fresh gunicorn (``localoffer.wsgi``, ``localoffer.settings.production``) on
   127.0.0.1 with ``--workers`` processes, so every cache starts empty (with
   ``--cache redis``, also a new private redis-server that the workers share, as in
   docker-compose.yml; by default each process keeps pages in its own memory);
2. runs locust headless (``bench/locustfile.py``) for ``--seconds``: the **cold** run,
   caches filling as parents arrive; then again on the same server for ``--seconds``:
   the **warm** run, after the cold run has filled the caches (its warm-up pass).
   Parents still waiting when the time is up get their page and are counted, and the
   server finishes what is queued before the next run starts;
3. stops gunicorn (and Redis), whatever happened.

It prints, and writes to ``DIR/results.md``, a table per run of requests a second, the
median, 95th and 99th percentile response times and the errors (from locust's
``--csv`` statistics), the server's CPU time per request (gunicorn's processes and
Redis if used, from the kernel's counts: what other load on the machine cannot inflate, unlike the
latencies), locust's own CPU time and the load average, then the same per kind of
request; each run's CSV files and gunicorn's logs stay in ``DIR``.
Every step has a time limit, so the whole run is bounded.

The environment given to gunicorn is the production one, except: a throwaway secret
key; ``DJANGO_ALLOWED_HOSTS=127.0.0.1``; ``DATABASE_URL`` the SQLite file; no
``ELASTICSEARCH_URL`` (database search); ``DJANGO_SECURE_SSL_REDIRECT=false`` (plain
HTTP on 127.0.0.1; behind a council's proxy the site sees HTTPS); and
``LOCALOFFER_API_RATES`` raised (``--api-rates``), because every simulated parent comes
from 127.0.0.1 and the production limit (120 a minute per address) would refuse them.
Static files are collected into ``static/`` first, as the Docker image does.
Results and their reading: docs/performance.md, "Parents under load (issue 20)".
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import os
import resource
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from served_site import (
    BENCH,
    BIN,
    ROOT,
    Redis,
    Server,
    build_database,
    collect_static,
    server_environment,
)

# Three workers on two cores: Django's work is CPU-bound Python, so more processes than
# cores only add switching; one more than the cores keeps a core busy while another
# worker waits on SQLite or the socket (gunicorn's guide suggests 2 x cores + 1 for
# mostly-waiting work; this site rarely waits). docker-compose.yml's default is 3 too.
WORKERS = 3


def _arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--users", default="50,200,400", help="Parents per run, comma-separated (50,200,400)."
    )
    parser.add_argument("--seconds", type=int, default=60, help="Length of each run (60).")
    parser.add_argument("--schools", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument(
        "--database",
        type=Path,
        help="SQLite file to build or reuse (default /tmp/localoffer-load/schools-N.sqlite3).",
    )
    parser.add_argument("--port", type=int, default=8106)
    parser.add_argument("--workers", type=int, default=WORKERS)
    parser.add_argument(
        "--out", type=Path, default=Path("/tmp/localoffer-load/results"), help="CSVs, table."
    )
    parser.add_argument(
        "--api-rates",
        default="1000000/m",
        help="LOCALOFFER_API_RATES for the run: all parents share one address (1000000/m).",
    )
    parser.add_argument(
        "--spawn-seconds",
        type=int,
        default=10,
        help="Seconds over which the parents arrive at the start of each run (10).",
    )
    parser.add_argument(
        "--cache",
        choices=("local", "redis"),
        default="local",
        help="Where the server keeps pages: each process's memory (local, the embedded "
        "default) or one Redis shared by the workers (redis, as docker-compose.yml).",
    )
    parser.add_argument(
        "--redis-port", type=int, default=8108, help="Port of the private Redis (8108)."
    )
    parser.add_argument(
        "--reuse-static",
        action="store_true",
        help="Skip collectstatic: the static files collected by an earlier run still hold.",
    )
    parser.add_argument(
        "--reference-mix",
        action="store_true",
        help="Only the reference scenario's requests (no postcode searches, no comparisons).",
    )
    return parser.parse_args(argv)


@dataclass
class Result:
    """One locust run's figures, from its ``_stats.csv`` "Aggregated" row."""

    users: int
    cache: str
    requests: int
    failures: int
    per_second: float
    median: float
    p95: float
    p99: float
    load: tuple[float, float, float]
    # CPU seconds the server's processes and locust used during the run.
    server_cpu: float = 0.0
    locust_cpu: float = 0.0
    # Where the server kept pages: "local" (each process's memory) or "redis".
    kept_in: str = "local"

    def row(self) -> str:
        per_request = self.server_cpu * 1000 / self.requests if self.requests else float("nan")
        return (
            f"| {self.users} | {self.cache} | {self.kept_in} | {self.requests} "
            f"| {self.per_second:.1f} | {self.median:.0f} | {self.p95:.0f} | {self.p99:.0f} "
            f"| {self.failures} "
            f"| {per_request:.0f} | {self.locust_cpu:.0f} | {self.load[0]:.2f} |"
        )


HEADER = (
    "| parents | cache | kept in | requests | requests/s | median ms | p95 ms | p99 ms | errors "
    "| server CPU ms/request | locust CPU s | load (1 min) |\n"
    "| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
)


def read_stats(path: Path, users: int, cache: str) -> Result:
    """The "Aggregated" row of locust's ``<prefix>_stats.csv``."""
    with path.open(newline="") as stats:
        rows = {row["Name"]: row for row in csv.DictReader(stats)}
    total = rows["Aggregated"]

    def number(column: str) -> float:
        value = total[column]
        return float(value) if value not in ("", "N/A") else float("nan")

    return Result(
        users=users,
        cache=cache,
        requests=int(total["Request Count"]),
        failures=int(total["Failure Count"]),
        per_second=number("Requests/s"),
        median=number("50%"),
        p95=number("95%"),
        p99=number("99%"),
        load=os.getloadavg(),
    )


def endpoint_table(path: Path) -> str:
    """Per-request-kind lines of a stats file, to see which pages are slow."""
    lines = [f"  {'request':<20}{'count':>7}{'fails':>6}{'median':>8}{'p95':>7}{'p99':>7}"]
    with path.open(newline="") as stats:
        for row in csv.DictReader(stats):
            lines.append(
                f"  {row['Name']:<20}{row['Request Count']:>7}{row['Failure Count']:>6}"
                f"{row['50%']:>8}{row['95%']:>7}{row['99%']:>7}"
            )
    return "\n".join(lines)


def run_locust(
    host: str, users: int, seconds: int, spawn_seconds: int, prefix: Path, reference_mix: bool
) -> Path:
    """One headless locust run; returns its ``_stats.csv``."""
    command = [
        str(BIN / "locust"),
        "--locustfile",
        str(BENCH / "locustfile.py"),
        "--headless",
        "--only-summary",
        "--users",
        str(users),
        "--spawn-rate",
        str(max(1.0, users / max(1, spawn_seconds))),
        "--run-time",
        f"{seconds}s",
        # Parents still waiting for a page when the time is up get it (and are counted),
        # up to gunicorn's own 60 s limit.
        "--stop-timeout",
        "60",
        "--host",
        host,
        "--csv",
        str(prefix),
        "--loglevel",
        "WARNING",
        *(["--exclude-tags", "since"] if reference_mix else []),
    ]
    # locust exits 1 when any request failed: the table says so, the run goes on.
    with prefix.with_name(prefix.name + ".log").open("wb") as log:
        subprocess.run(command, cwd=ROOT, timeout=seconds + 180, stdout=log, stderr=log)
    return prefix.with_name(prefix.name + "_stats.csv")


def _server_cpu(server: Server, redis: Redis | None) -> float:
    """CPU seconds used so far by gunicorn's processes and, when pages are kept there,
    Redis."""
    return server.cpu_seconds() + (redis.cpu_seconds() if redis else 0.0)


def _children_cpu() -> float:
    """CPU seconds used by this script's finished child processes (locust's runs)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _stop_on_terminate(signum: int, _frame: FrameType | None) -> None:
    # SIGTERM (a CI timeout, `kill`) unwinds like Ctrl-C, so gunicorn is always stopped.
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> list[Result]:
    """Run every load and write the table; returns the results."""
    args = _arguments(argv)
    signal.signal(signal.SIGTERM, _stop_on_terminate)
    users = [int(u) for u in args.users.split(",") if u.strip()]
    database = args.database or Path(f"/tmp/localoffer-load/schools-{args.schools}.sqlite3")
    args.out.mkdir(parents=True, exist_ok=True)

    started = time.monotonic()
    build_database(database, args.schools, args.seed)
    print(f"Database ready after {time.monotonic() - started:.0f} s")
    env = server_environment(database, args.api_rates)
    if not args.reuse_static:
        collect_static(env)
    print(f"Static files collected after {time.monotonic() - started:.0f} s")
    print(
        f"{args.schools} schools in {database}; gunicorn with {args.workers} workers on "
        f"127.0.0.1:{args.port}; cache: {args.cache}; {os.cpu_count()} CPUs; "
        f"{args.seconds} s per run" + ("; reference mix" if args.reference_mix else "")
    )
    print("Load average before (1, 5, 15 min): {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    print(HEADER, flush=True)
    results: list[Result] = []
    details: list[str] = []
    for count in users:
        with contextlib.ExitStack() as running:
            redis = None
            if args.cache == "redis":
                # A new, empty Redis each time: the cold run starts with nothing kept.
                redis = running.enter_context(Redis(args.redis_port, args.out))
                env["REDIS_URL"] = redis.url
            server = running.enter_context(Server(env, args.port, args.workers, args.out))

            for cache in ("cold", "warm"):
                prefix = args.out / f"parents-{count}-{cache}"
                server_before, locust_before = _server_cpu(server, redis), _children_cpu()
                stats = run_locust(
                    server.url, count, args.seconds, args.spawn_seconds, prefix, args.reference_mix
                )
                result = read_stats(stats, count, cache)
                result.locust_cpu = _children_cpu() - locust_before
                server.wait_until_idle()
                result.server_cpu = _server_cpu(server, redis) - server_before
                result.kept_in = args.cache
                results.append(result)
                details.append(f"{count} parents, {cache} cache:\n{endpoint_table(stats)}")
                print(result.row(), flush=True)
    table = "\n".join([HEADER, *(r.row() for r in results)])
    load = "Load average after (1, 5, 15 min): {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    minutes = (time.monotonic() - started) / 60
    (args.out / "results.md").write_text(
        f"{table}\n\n{load}; {minutes:.1f} minutes in all.\n\n```\n"
        + "\n\n".join(details)
        + "\n```\n"
    )
    print(f"\n{table}\n\n{load}; {minutes:.1f} minutes in all.")
    print("\n" + "\n\n".join(details))
    print(f"\nWritten: {args.out / 'results.md'} (and each run's locust CSV files)")
    return results


if __name__ == "__main__":
    main()
