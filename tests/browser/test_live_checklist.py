"""A SENCO edits their report in Chromium: the statutory checklist and the plain-English
help follow what they type, and without JavaScript the checklist still works as before."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from localoffer.demo import DEMO_EDITOR

from .tools import new_context

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

COUNT = re.compile(r"(\d+) of 20 statutory items are not answered yet")


@pytest.fixture
def admin_url(admin_base_url: str) -> str:
    return admin_base_url


def editor_tab(browser: Browser, base_url: str, javascript: bool = True) -> Page:
    context = new_context(
        browser,
        base_url=base_url,
        viewport={"width": 1280, "height": 900},
        java_script_enabled=javascript,
    )
    page = context.new_page()
    page.goto("/admin/login/")
    page.fill("#id_login", DEMO_EDITOR[0])
    page.fill("#id_password", DEMO_EDITOR[1])
    page.click("button[type=submit]")
    page.get_by_role("link", name="Edit the report").click()
    return page


def missing_count(page: Page) -> int:
    match = COUNT.search(page.locator("[data-live-checklist]").inner_text())
    assert match, "the checklist shows no count"
    return int(match.group(1))


def test_the_checklist_and_help_follow_what_the_editor_types(
    browser: Browser, admin_url: str
) -> None:
    page = editor_tab(browser, admin_url)
    page.get_by_role("tab", name="Report").click()
    checklist = page.locator("[data-live-checklist]")
    expect(checklist).to_contain_text("This list updates as you write.")
    before = missing_count(page)
    # The first unanswered question in the checklist, and its answer box.
    link = checklist.locator("a[href^='#panel-child-report-']").first
    key = link.get_attribute("href").removeprefix("#panel-child-report-").removesuffix("-section")
    editor = page.locator(f"#panel-child-report-{key}-section [contenteditable=true]")

    editor.click()
    editor.type("We share each child's IEP with their next school before they move.")

    expect(checklist).to_contain_text(f"{before - 1} of 20 statutory items")
    advice = page.locator(f'[data-readability-for="{key}"]')
    expect(advice).to_contain_text("Most parents will find this easy to read")
    expect(advice).to_contain_text("individual education plan (IEP)")

    page.context.close()


def test_without_javascript_the_checklist_is_the_saved_drafts(
    browser: Browser, admin_url: str
) -> None:
    page = editor_tab(browser, admin_url, javascript=False)
    checklist = page.locator("[data-live-checklist]")
    expect(checklist.locator("[data-checklist-static]")).to_have_text(
        "Save your draft to update this list."
    )
    assert checklist.locator("[data-checklist-live]").is_hidden()
    assert missing_count(page) >= 1
    page.context.close()
