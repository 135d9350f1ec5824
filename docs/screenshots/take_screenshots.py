"""Take the README's screenshots of the demo site in real Chromium.

    .venv/bin/python docs/screenshots/take_screenshots.py

Builds a scratch demo database, serves it on 127.0.0.1:8765, and saves PNGs of the key
pages at phone (375 px) and desktop (1280 px) width into this folder. Needs Debian's
``chromium`` (``apt-get install chromium``) and Playwright for Python (the test extra).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WIDTHS = {"phone": 375, "desktop": 1280}


def serve_demo(database: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "localoffer.settings.dev",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0", "--no-input"], env=env, check=True)
    subprocess.run([*manage, "setup_demo"], env=env, check=True, stdout=subprocess.DEVNULL)
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{PORT}", "--noreload"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(BASE + "/", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("the demo server did not start")


def shoot(page: Page, path: str, name: str, full_page: bool = True) -> None:
    for label, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(BASE + path)
        page.screenshot(path=str(OUT / f"{name}-{label}.png"), full_page=full_page)


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        server = serve_demo(Path(scratch) / "demo.sqlite3")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
                )
                page = browser.new_page()
                shoot(page, "/", "home", full_page=False)
                page.goto(BASE + "/schools/")
                shoot(page, "/schools/", "schools-index", full_page=False)
                school_href = page.locator(".app-school-list a").first.get_attribute("href")
                shoot(page, school_href or "/schools/", "school-page", full_page=False)
                page.set_viewport_size({"width": 1280, "height": 900})
                page.goto(BASE + "/admin/login/")
                page.fill("#id_username", "admin")
                page.fill("#id_password", "localoffer-dev-only")
                page.click("button[type=submit]")
                page.goto(BASE + "/admin/pages/")
                page.goto(BASE + "/admin/pages/search/?q=" + "Heslerton")
                page.locator("a", has_text="West Heslerton").first.click()
                page.locator("a[href='#tab-report']").click()
                page.screenshot(path=str(OUT / "editor-report-tab.png"))
                browser.close()
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
