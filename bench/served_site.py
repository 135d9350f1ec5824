"""The site served as in production, for the load test and the cost measurement: a
database of generated schools, the production settings' environment, static files,
gunicorn on 127.0.0.1 and, when wanted, a private Redis; each started fresh and always
stopped (context managers). Used by ``bench/load_test.py`` and ``bench/request_costs.py``.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
BIN = Path(sys.executable).parent


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
    """The production settings' environment for a server on 127.0.0.1 (what differs from
    production, and why: bench/load_test.py's docstring)."""
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


def cpu_seconds(started: subprocess.Popen[bytes] | None) -> float:
    """CPU time (user and system) used so far by a process we started and its children."""
    if started is None:
        return 0.0
    try:
        parent = psutil.Process(started.pid)
        family = [parent, *parent.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0.0
    for process in family:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


class Redis:
    """A private, empty redis-server on 127.0.0.1, configured as in docker-compose.yml
    (nothing saved, 256 MB, least recently used keys dropped), always stopped."""

    def __init__(self, port: int, logs: Path) -> None:
        self.port, self.logs = port, logs
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def cpu_seconds(self) -> float:
        """CPU time redis-server has used so far."""
        return cpu_seconds(self.process)

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
        return cpu_seconds(self.process)

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
