"""Fixtures for the real-browser tests: the demo site served once, and Chromium.

Every test here is marked ``browser``. Locally they are skipped when Chromium, axe-core or
Playwright is missing; under CI (``CI=true``) a missing tool fails them instead, so the
accessibility checks can never pass by not running.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from .tools import (
    CHROMIUM,
    CHROMIUM_ARGS,
    EXPECT_TIMEOUT_MS,
    LAUNCH_TIMEOUT_MS,
    demo_server,
    missing_tools,
    new_context,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

# Desktop and the narrowest width WCAG 2.2's reflow criterion (1.4.10) names.
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 320, "height": 640}


def pytest_runtest_setup(item: pytest.Item) -> None:
    if not item.get_closest_marker("browser"):
        return
    missing = missing_tools()
    if not missing:
        return
    message = "the browser tests need " + "; ".join(missing)
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message}: CI must install them, not skip these tests")
    pytest.skip(message)


@pytest.fixture(scope="package")
def base_url() -> Iterator[str]:
    """The address of the demo site, served for the whole browser suite.

    ``LOCALOFFER_BROWSER_BASE_URL`` points the suite at a site already running instead
    (one served with DEBUG off, so that its 404 page is the real one).
    """
    if running := os.environ.get("LOCALOFFER_BROWSER_BASE_URL"):
        yield running.rstrip("/")
        return
    with demo_server() as url:
        yield url


@pytest.fixture(scope="package")
def admin_base_url() -> Iterator[str]:
    """The demo site served with the development settings, for the tests that sign in:
    the demo's logins are development-only (their password hashes need them)."""
    with demo_server(settings="localoffer.settings.dev") as url:
        yield url


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless. Package-scoped so that Playwright's event loop is
    gone before the rest of the suite uses the database."""
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, timeout=LAUNCH_TIMEOUT_MS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    """A fresh desktop-width tab whose relative URLs go to the demo site."""
    context = new_context(browser, base_url=base_url, viewport=DESKTOP)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def phone_page(browser: Browser, base_url: str) -> Iterator[Page]:
    """A fresh tab 320 CSS pixels wide."""
    context = new_context(browser, base_url=base_url, viewport=PHONE, is_mobile=True)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture(params=["desktop", "phone"])
def any_width_page(
    request: pytest.FixtureRequest, browser: Browser, base_url: str
) -> Iterator[Page]:
    """A fresh tab, once at desktop width and once 320 CSS pixels wide."""
    phone = request.param == "phone"
    context = new_context(
        browser, base_url=base_url, viewport=PHONE if phone else DESKTOP, is_mobile=phone
    )
    tab = context.new_page()
    yield tab
    context.close()
