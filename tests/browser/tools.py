"""What the browser tests need from outside Python, and the demo site they run against.

The tests run Debian's Chromium (Playwright's own browser download does not work on our
machines) against ``manage.py runserver`` on a free port, serving a scratch SQLite copy of
the demo site built by ``migrate`` and ``setup_demo``: exactly what ``make run`` shows, with
DEBUG off so that the real 404 page is served.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
CHROMIUM = Path(os.environ.get("LOCALOFFER_CHROMIUM", "/usr/bin/chromium"))
AXE_SCRIPT = HERE / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# How long the browser suite waits for a condition before failing. Playwright's own
# defaults (30 s for a page or an action, 5 s for an expectation) are right for an idle
# machine; CI shares its cores, and at a load of ten a page can take that long to arrive.
# These are bounds, never sleeps: every wait ends as soon as its condition holds.
ACTION_TIMEOUT_MS = 90_000
EXPECT_TIMEOUT_MS = 30_000
LAUNCH_TIMEOUT_MS = 180_000
SERVER_START_SECONDS = 300


def new_context(browser: Browser, **options: Any) -> BrowserContext:
    """A browser context whose pages wait the suite's bounds (not Playwright's defaults)."""
    context = browser.new_context(**options)
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    context.set_default_navigation_timeout(ACTION_TIMEOUT_MS)
    return context


def missing_tools() -> list[str]:
    """What is missing to run the browser tests, each with how to install it."""
    missing = []
    if not os.access(CHROMIUM, os.X_OK):
        missing.append(f"Chromium at {CHROMIUM} (apt-get install chromium)")
    if not AXE_SCRIPT.is_file():
        missing.append(f"axe-core at {AXE_SCRIPT} (npm ci --prefix tests/browser)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("Playwright for Python (pip install -e '.[test]')")
    return missing


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _scratch_dir() -> str:
    # Migrating Wagtail's tables is several times faster on tmpfs than on disk.
    shm = Path("/dev/shm")
    return tempfile.mkdtemp(
        prefix="localoffer-browser-", dir=shm if os.access(shm, os.W_OK) else None
    )


def _manage(*args: str, env: dict[str, str], log: Path) -> None:
    with log.open("ab") as out:
        result = subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *args],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            check=False,
        )
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{log.read_text()[-3000:]}")


@contextmanager
def demo_server(settings: str = "localoffer.settings.test", port: int = 0) -> Iterator[str]:
    """Build the demo site in a scratch database, serve it, and yield its base URL.

    ``settings`` is the settings module the site is served with: the test settings (DEBUG
    off, as in production) by default; the screenshots use ``localoffer.settings.dev`` so
    that the demo's development logins work. ``port`` 0 picks a free one.
    """
    scratch = Path(_scratch_dir())
    log = scratch / "server.log"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "ELASTICSEARCH_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env["DATABASE_URL"] = f"sqlite:///{scratch / 'demo.sqlite3'}"
    env["PYTHONUNBUFFERED"] = "1"
    server = None
    try:
        # The demo's development logins need DEBUG, so the demo is built as `make run`
        # builds it; the site is then served with the test settings (DEBUG off).
        dev = {**env, "DJANGO_SETTINGS_MODULE": "localoffer.settings.dev"}
        _manage("migrate", "--no-input", "-v0", env=dev, log=log)
        _manage("setup_demo", env=dev, log=log)
        port = port or _free_port()
        base_url = f"http://127.0.0.1:{port}"
        with log.open("ab") as out:
            server = subprocess.Popen(
                [
                    sys.executable,
                    str(ROOT / "manage.py"),
                    "runserver",
                    f"127.0.0.1:{port}",
                    "--noreload",
                    "--insecure",  # serve the static files with DEBUG off
                ],
                env={**env, "DJANGO_SETTINGS_MODULE": settings},
                cwd=ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        _wait_until_up(base_url, server, log)
        yield base_url
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        shutil.rmtree(scratch, ignore_errors=True)


def _wait_until_up(base_url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    # runserver runs the system checks and imports Wagtail before it listens, and its
    # first answer builds the URL configuration: slow on a busy machine, not stuck.
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            break
        try:
            urllib.request.urlopen(base_url + "/", timeout=30)
            return
        except urllib.error.HTTPError:
            return  # it answered
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(
        f"the demo server did not answer within {SERVER_START_SECONDS} s:\n"
        f"{log.read_text()[-3000:]}"
    )
