"""The Content-Security-Policy in Chromium: parents' pages, the API's pages for browsers and
the admin (sign-in, dashboard, the report editor with its live checklist, the review
screen) run with no violation at all, and every response from the site carries the header.

Chromium reports each violation on the console and as a ``securitypolicyviolation`` event;
both are collected, from every frame (the admin's preview is one).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from localoffer.demo import DEMO_EDITOR, DEMO_MODERATOR

from .conftest import DESKTOP
from .pages import NO_MATCH_SEARCH, directory_url, school_links
from .tools import new_context

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page, Response

pytestmark = pytest.mark.browser

HEADER = "content-security-policy"
LISTEN = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI} `
    + `in ${event.sourceFile}:${event.lineNumber}`);
});
"""


@dataclass
class Watch:
    """What one browser tab saw: CSP violations, and responses without the header."""

    base_url: str
    violations: list[str] = field(default_factory=list)
    missing_header: list[str] = field(default_factory=list)

    def console(self, message: ConsoleMessage) -> None:
        text = message.text
        if "Content Security Policy" in text or "CSP violation" in text:
            self.violations.append(f"{message.location.get('url')}: {text}")

    def response(self, response: Response) -> None:
        # Every answer from the site, pages and the admin's own requests alike (static
        # files are served by the proxy's WhiteNoise in production, not by the site).
        if not response.url.startswith(self.base_url) or "/static/" in response.url:
            return
        if response.request.resource_type in {"document", "xhr", "fetch"} and (
            HEADER not in response.headers
        ):
            self.missing_header.append(f"{response.status} {response.url}")


def watched_tab(browser: Browser, base_url: str) -> Iterator[tuple[Page, Watch]]:
    context = new_context(browser, base_url=base_url, viewport=DESKTOP)
    context.add_init_script(LISTEN)
    watch = Watch(base_url)
    tab = context.new_page()
    tab.on("console", watch.console)
    tab.on("response", watch.response)
    yield tab, watch
    context.close()


@pytest.fixture
def watched(browser: Browser, base_url: str) -> Iterator[tuple[Page, Watch]]:
    """A tab on the demo site as served in production (DEBUG off)."""
    yield from watched_tab(browser, base_url)


@pytest.fixture
def watched_admin(browser: Browser, admin_base_url: str) -> Iterator[tuple[Page, Watch]]:
    """A tab on the demo site whose development logins work."""
    yield from watched_tab(browser, admin_base_url)


def visit(page: Page, url: str, status: int = 200) -> None:
    response = page.goto(url)
    assert response is not None and response.status == status, url
    assert HEADER in response.headers, f"{url} has no Content-Security-Policy"
    page.wait_for_load_state("networkidle")


def assert_clean(watch: Watch) -> None:
    assert not watch.violations, "\n".join(watch.violations)
    assert not watch.missing_header, "no Content-Security-Policy on:\n" + "\n".join(
        watch.missing_header
    )


def sign_in(page: Page, username: str, password: str) -> None:
    page.context.clear_cookies()
    visit(page, "/admin/")  # redirected to the one sign-in form
    page.fill("#id_login", username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")


def test_parents_pages_run_under_the_policy(watched: tuple[Page, Watch]) -> None:
    page, watch = watched
    visit(page, "/")
    school = school_links(page)[0]
    visit(page, school)
    directory = directory_url(page)
    visit(page, f"{directory}?q=autism")
    visit(page, f"{directory}?q={NO_MATCH_SEARCH}")
    visit(page, "/feedback/")
    visit(page, "/api/v1/directory/?q=autism")
    visit(page, "/api/oruk/")
    visit(page, "/no-such-page/", status=404)
    visit(page, "/accounts/login/")

    assert_clean(watch)


def test_the_public_policy_allows_nothing_from_elsewhere_and_nothing_inline(
    watched: tuple[Page, Watch],
) -> None:
    page, _watch = watched
    response = page.goto("/")
    assert response is not None
    policy = response.headers[HEADER]
    assert "default-src 'self'" in policy
    assert "script-src 'self';" in policy or policy.endswith("script-src 'self'")
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "object-src 'none'" in policy


def test_the_admin_runs_under_the_policy(watched_admin: tuple[Page, Watch]) -> None:
    page, watch = watched_admin
    sign_in(page, *DEMO_EDITOR)
    expect(page.get_by_role("link", name="Edit the report")).to_be_visible()

    # The report editor, its live checklist following what is typed, and the preview.
    page.get_by_role("link", name="Edit the report").click()
    page.wait_for_load_state("networkidle")
    page_id = page.url.rstrip("/").split("/")[-2]  # /admin/pages/<id>/edit/
    page.get_by_role("tab", name="Report").click()
    checklist = page.locator("[data-live-checklist]")
    expect(checklist).to_contain_text("statutory items")
    missing = checklist.locator("a[href^='#panel-child-report-']").first
    key = (missing.get_attribute("href") or "").removeprefix("#panel-child-report-")
    section = page.locator(f"#panel-child-report-{key.removesuffix('-section')}-section")
    section.locator("[contenteditable=true]").click()
    page.keyboard.type("We share each child's plan with their next school before they move.")
    expect(checklist).to_contain_text("statutory items")
    page.wait_for_load_state("networkidle")

    # The preview panel shows the page as parents will see it, in a frame.
    page.locator("button[data-side-panel-toggle='preview']").click()
    preview = page.frame_locator("iframe.w-preview__iframe[src]").first.locator("h1")
    expect(preview).to_be_visible(timeout=15_000)  # not refused by frame-ancestors
    page.wait_for_load_state("networkidle")
    # Not saved: the other browser tests edit this school from the start.

    # The moderator's dashboard, review screen and page explorer.
    sign_in(page, *DEMO_MODERATOR)
    visit(page, "/admin/")
    visit(page, f"/admin/moderation/schools/{page_id}/review/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Review changes")
    visit(page, "/admin/moderation/school-status/")
    visit(page, "/admin/pages/")

    assert_clean(watch)
    admin_policy = page.goto("/admin/")
    assert admin_policy is not None
    assert "default-src 'self'" in admin_policy.headers[HEADER]
