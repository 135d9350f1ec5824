"""Take the README's screenshots of the demo site in real Chromium.

    .venv/bin/python docs/screenshots/take_screenshots.py            # all of them
    .venv/bin/python docs/screenshots/take_screenshots.py feedback   # only some groups

Builds a scratch demo database (``migrate`` and ``setup_demo``), serves it on
127.0.0.1:8765, and saves PNGs of the key pages at phone (375 px) and desktop (1280 px) width into
this folder, plus the editor's "Report" tab. Groups: ``pages`` (home, schools, a school,
directory, accessibility statement), ``editor`` (the Report tab), ``feedback`` (the
feedback form, the thank-you page, "You said, we did"), ``admin`` (a school editor's
"Your school", the edit screen's plain-English help, the moderator's review screen),
``census`` (the council's "Needs and provision" page), ``parents`` (home, the results for
"autism wheelchair", three schools compared);
regenerate only the pages you
changed, so that nobody has to merge a PNG. Needs Debian's ``chromium``
(``apt-get install chromium``) and Playwright for Python (the test extra); it uses the same
demo server as the browser tests (``tests/browser/tools.py``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from tests.browser.tools import CHROMIUM, CHROMIUM_ARGS, demo_server  # noqa: E402

WIDTHS = {"phone": 375, "desktop": 1280}
# SCREENSHOT_PORT: another free port if 8765 is taken on a shared machine.
PORT = int(os.environ.get("SCREENSHOT_PORT", "8765"))
DIRECTORY_LINK_TEXT = "Find a school"


def shoot(page: Page, url: str, name: str) -> None:
    for label, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(url)
        page.screenshot(path=str(OUT / f"{name}-{label}.png"))


def shoot_pages(page: Page) -> None:
    """The public pages parents use (the home page and the directory with ``parents``)."""
    shoot(page, "/schools/", "schools-index")
    page.goto("/schools/")
    school = page.locator(".app-school-list a").first.get_attribute("href") or "/schools/"
    directory = page.get_by_role("link", name=DIRECTORY_LINK_TEXT, exact=True)
    directory_url = directory.get_attribute("href") if directory.count() else None
    shoot(page, school, "school-page")
    if not directory_url:
        print("No directory page in the demo: its screenshots were not taken.")
    page.goto("/")
    statement = page.get_by_role("link", name="Accessibility statement")
    shoot(page, statement.get_attribute("href") or "/", "accessibility-statement")
    shoot_parents(page)


def shoot_parents(page: Page) -> None:
    """A parent's first minute: home, results for "autism wheelchair", three schools compared."""
    shoot(page, "/", "home")
    page.goto("/schools/")
    directory = page.get_by_role("link", name=DIRECTORY_LINK_TEXT, exact=True)
    if not directory.count():
        print("No directory page in the demo: its screenshots were not taken.")
        return
    directory_url = directory.get_attribute("href")
    shoot(page, f"{directory_url}?q=autism+wheelchair", "directory")
    page.goto(f"{directory_url}?q=autism")
    urns = page.locator("input[form=compare-form]").evaluate_all(
        "boxes => boxes.slice(0, 3).map(box => box.value)"
    )
    shoot(page, "/schools/compare/?" + "&".join(f"urn={urn}" for urn in urns), "compare")


def shoot_editor(page: Page) -> None:
    """The editor's Report tab, with the statutory checklist and the council's guidance."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/admin/login/")
    page.fill("#id_login", "admin")
    page.fill("#id_password", "localoffer-dev-only")
    page.click("button[type=submit]")
    page.goto("/admin/pages/search/?q=Heslerton")
    page.locator("a", has_text="West Heslerton").first.click()
    page.locator("a[href='#tab-report']").click()
    page.screenshot(path=str(OUT / "editor-report-tab.png"))


def shoot_feedback(page: Page) -> None:
    """The feedback form open at the foot of a school's page, the thank-you page after
    answering "No", and the "You said, we did" page."""
    page.goto("/schools/")
    school = page.locator(".app-school-list a").first.get_attribute("href") or "/schools/"
    for label, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(school)
        feedback = page.locator(".app-page-feedback")
        feedback.locator("summary").click()
        feedback.evaluate("element => element.scrollIntoView({block: 'start'})")
        page.screenshot(path=str(OUT / f"feedback-form-{label}.png"))
        page.goto(school)
        page.get_by_role("button", name="No this page is not useful").click()
        page.screenshot(path=str(OUT / f"feedback-thanks-{label}.png"))
    shoot(page, "/you-said-we-did/", "you-said-we-did")


# The demo's development-only logins (localoffer/demo.py, listed in the README).
DEMO_EDITOR = ("editor", "editor-dev-only")
DEMO_MODERATOR = ("moderator", "moderator-dev-only")
HARD_ANSWER = (
    "Pupils whose attainment indicates a requirement for additional intervention are "
    "identified through the graduated approach and, following consultation with the SENCO, "
    "the EP and, where appropriate, CAMHS, are allocated provision commensurate with their "
    "assessed needs, which is subsequently documented on the provision map and reviewed."
)


def log_in(page: Page, username: str, password: str) -> None:
    page.context.clear_cookies()
    page.goto("/admin/login/")
    page.fill("#id_login", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def shoot_admin(page: Page) -> None:
    """A school editor's "Your school", the plain-English help beside an answer as they
    type, and the moderator's review screen for what they then submit."""
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, *DEMO_EDITOR)
    page.screenshot(path=str(OUT / "your-school.png"), full_page=True)

    page.get_by_role("link", name="Edit the report").click()
    page_id = page.url.rstrip("/").split("/")[-2]  # /admin/pages/<id>/edit/
    page.get_by_role("tab", name="Report").click()
    # The first question the checklist says is unanswered.
    missing = page.locator("[data-live-checklist] a[href^='#panel-child-report-']").first
    key = (missing.get_attribute("href") or "").removeprefix("#panel-child-report-")
    key = key.removesuffix("-section")
    section = page.locator(f"#panel-child-report-{key}-section")
    section.locator("[contenteditable=true]").click()
    page.keyboard.type(HARD_ANSWER)
    advice = page.locator(f'[data-readability-for="{key}"]')
    advice.get_by_text("hard to read").wait_for()
    section.screenshot(path=str(OUT / "editor-readability.png"))

    # Submitted as it is: the moderator sees the new paragraph, and the same help.
    page.locator("footer .w-dropdown__toggle").click()
    page.locator("footer button[name=action-submit]").click()
    page.wait_for_load_state()

    log_in(page, *DEMO_MODERATOR)
    # The admin scrolls inside its own layout: a tall window shows the decision too.
    page.set_viewport_size({"width": 1280, "height": 1500})
    page.goto(f"/admin/moderation/schools/{page_id}/review/")
    page.screenshot(path=str(OUT / "review-changes.png"), full_page=True)


def shoot_census(page: Page) -> None:
    """The council's "Needs and provision" page (the demo's example census figures)."""
    log_in(page, *DEMO_MODERATOR)
    # The top of the page: the figures, the choices, the chart and the start of its table.
    page.set_viewport_size({"width": 1280, "height": 1100})
    page.goto("/admin/census/needs-and-provision/")
    page.screenshot(path=str(OUT / "needs-and-provision.png"))


GROUPS = {
    "pages": shoot_pages,
    "editor": shoot_editor,
    "parents": shoot_parents,
    "feedback": shoot_feedback,
    "admin": shoot_admin,
    "census": shoot_census,
}


def main(groups: list[str]) -> None:
    unknown = set(groups) - set(GROUPS)
    if unknown:
        raise SystemExit(f"Unknown groups {sorted(unknown)}: choose from {sorted(GROUPS)}")
    # Served with the development settings so that the demo's admin login works.
    # A fixed port, because the accessibility statement shows the site's address.
    with (
        demo_server(settings="localoffer.settings.dev", port=PORT) as base,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(base_url=base)
        for name in groups or list(GROUPS):
            GROUPS[name](page)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
