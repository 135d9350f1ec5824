"""Parents under load: the public site under gunicorn with the production settings.

    .venv/bin/python bench/load_test.py [--users 50,200,400] [--seconds 60]
        [--schools 5000] [--database FILE] [--port 8106] [--workers 3] [--out DIR]
        [--cache local|redis] [--redis-port 8108] [--reference-mix]

(``make loadtest`` runs it with these defaults.) For each number of parents it

1. builds, or reuses, a SQLite database of ``--schools`` generated schools with
   ``bench/directory_benchmark.py``'s generator (the same schools, text and made-up
   postcodes as the directory benchmark); one file, so every gunicorn worker reads the
   same data;
2. starts a fresh gunicorn (``localoffer.wsgi``, ``localoffer.settings.production``) on
   127.0.0.1 with ``--workers`` processes, so every cache starts empty (with
   ``--cache redis``, also a new private redis-server that the workers share, as in
   docker-compose.yml; by default each process keeps pages in its own memory);
3. runs locust headless (``bench/locustfile.py``) for ``--seconds``: the **cold** run,
   caches filling as parents arrive; then again on the same server for ``--seconds``:
   the **warm** run, after the cold run has filled the caches (its warm-up pass).
   Parents still waiting when the time is up get their page and are counted, and the
   server finishes what is queued before the next run starts;
4. stops gunicorn (and Redis), whatever happened.

It prints, and writes to ``DIR/results.md``, a table per run of requests a second, the
median, 95th and 99th percentile response times and the errors (from locust's
``--csv`` statistics), the server's CPU time per request (gunicorn's processes, from
the kernel's counts: what other load on the machine cannot inflate, unlike the
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
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

import psutil

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
BIN = Path(sys.executable).parent

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


def build_database(database: Path, schools: int, seed: int) -> None:
    """Generate (or reuse) the schools with the directory benchmark's own generator."""
    database.parent.mkdir(parents=True, exist_ok=True)
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]); sys.argv = sys.argv[1:2] + sys.argv[2:]\n"
        "import directory_benchmark as bench\n"
        "bench.prepare(bench.ARGS.schools, bench.ARGS.seed)\n"
    )
    arguments = ["--schools", str(schools), "--seed", str(seed), "--database", str(database)]
    env = {k: v for k, v in os.environ.items() if k != "ELASTICSEARCH_URL"}
    env["DJANGO_SETTINGS_MODULE"] = "localoffer.settings.test"
    subprocess.run(
        [sys.executable, "-c", script, str(BENCH), *arguments],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=1800,
    )


def server_environment(database: Path, api_rates: str) -> dict[str, str]:
    """The production settings' environment for a server on 127.0.0.1 (see the docstring)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "LOCALOFFER_", "ELASTICSEARCH_", "DATABASE_", "REDIS_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="localoffer.settings.production",
        DJANGO_SECRET_KEY=f"load-test-{secrets.token_urlsafe(40)}",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"sqlite:///{database.resolve()}",
        DJANGO_SECURE_SSL_REDIRECT="false",
        LOCALOFFER_API_RATES=api_rates,
    )
    return env


def collect_static(env: dict[str, str]) -> None:
    """Hashed, compressed static files for WhiteNoise, as the Docker image builds them."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=600,
    )


class Redis:
    """A private, empty redis-server on 127.0.0.1, configured as in docker-compose.yml
    (nothing saved, 256 MB, least recently used keys dropped), always stopped."""

    def __init__(self, port: int, logs: Path) -> None:
        self.port, self.logs = port, logs
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def __enter__(self) -> Redis:
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError(
                "--cache redis needs redis-server (Debian: apt install redis-server)"
            )
        command = [
            binary,
            *("--bind", "127.0.0.1", "--port", str(self.port)),
            *("--save", "", "--appendonly", "no"),
            *("--maxmemory", "256mb", "--maxmemory-policy", "allkeys-lru"),
        ]
        with (self.logs / "redis.log").open("ab") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=log, start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=2) as probe:
                    probe.sendall(b"PING\r\n")
                    if probe.recv(16).startswith(b"+PONG"):
                        return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError(f"redis-server did not answer on port {self.port}")

    def __exit__(self, *_exc: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


class Server:
    """gunicorn on 127.0.0.1, started fresh and always stopped (a context manager)."""

    def __init__(self, env: dict[str, str], port: int, workers: int, logs: Path) -> None:
        self.env, self.port, self.workers, self.logs = env, port, workers, logs
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Server:
        command = [
            str(BIN / "gunicorn"),
            "localoffer.wsgi:application",
            f"--bind=127.0.0.1:{self.port}",
            f"--workers={self.workers}",
            "--timeout=60",
            # As in the Dockerfile, an access log line per request (to a file here).
            f"--access-logfile={self.logs / 'access.log'}",
            f"--error-logfile={self.logs / 'gunicorn.log'}",
            # Not the shared ~/.gunicorn/gunicorn.ctl, which another server on the machine
            # may hold; nothing here uses gunicorn's control interface.
            "--no-control-socket",
        ]
        # A session of its own, so stopping it reaches the workers too.
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, start_new_session=True)
        try:
            self._wait_until_serving(deadline=time.monotonic() + 60)
        except BaseException:
            # __exit__ does not run when __enter__ fails: stop it here.
            self.stop()
            raise
        return self

    def _wait_until_serving(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped; see {self.logs / 'gunicorn.log'}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/v1/directory/", timeout=5):
                    return
            except urllib.error.HTTPError as error:
                raise RuntimeError(
                    f"The site answers {error.code}; see {self.logs / 'gunicorn.log'}"
                ) from error
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"gunicorn did not answer within a minute on {self.url}")

    def cpu_seconds(self) -> float:
        """CPU time used so far by gunicorn and its workers (user and system)."""
        if self.process is None:
            return 0.0
        master = psutil.Process(self.process.pid)
        total = 0.0
        for process in [master, *master.children(recursive=True)]:
            try:
                times = process.cpu_times()
            except psutil.NoSuchProcess:
                continue
            total += times.user + times.system
        return total

    def wait_until_idle(self, limit: float = 90) -> None:
        """Wait while the server still works through requests queued by a run that has
        stopped (their parents gone), so they do not count against the next run."""
        deadline = time.monotonic() + limit
        before = self.cpu_seconds()
        while time.monotonic() < deadline:
            time.sleep(1)
            now = self.cpu_seconds()
            if now - before < 0.05:
                return
            before = now

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        """Stop gunicorn gracefully, then for good if it lingers."""
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        except ProcessLookupError:
            pass


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
            if args.cache == "redis":
                # A new, empty Redis each time: the cold run starts with nothing kept.
                env["REDIS_URL"] = running.enter_context(Redis(args.redis_port, args.out)).url
            server = running.enter_context(Server(env, args.port, args.workers, args.out))
            for cache in ("cold", "warm"):
                prefix = args.out / f"parents-{count}-{cache}"
                server_before, locust_before = server.cpu_seconds(), _children_cpu()
                stats = run_locust(
                    server.url, count, args.seconds, args.spawn_seconds, prefix, args.reference_mix
                )
                result = read_stats(stats, count, cache)
                result.locust_cpu = _children_cpu() - locust_before
                server.wait_until_idle()
                result.server_cpu = server.cpu_seconds() - server_before
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
