"""The council's "Needs and provision" page, signed in as the demo's council moderator,
checked by axe-core at desktop width (the admin is a desktop tool)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .axe import assert_no_violations
from .pages import open_page

pytestmark = pytest.mark.browser

# The demo's development-only login (localoffer/demo.py, listed in the README).
MODERATOR = ("moderator", "moderator-dev-only")
URL = "/admin/census/needs-and-provision/"


def sign_in(page: Page, username: str, password: str) -> None:
    open_page(page, "/admin/login/")
    page.fill("#id_login", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def test_the_needs_and_provision_page(page: Page) -> None:
    sign_in(page, *MODERATOR)
    page.get_by_role("button", name="Reports").click()
    page.get_by_role("link", name="Needs and provision").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Needs and provision")
    expect(page.get_by_role("img", name="Pupils by primary type of need")).to_be_visible()
    expect(page.get_by_role("heading", name="By district")).to_be_visible()
    expect(page.get_by_text("Example figures:")).to_be_visible()
    assert page.url.endswith(URL)
    assert_no_violations(page)


def test_one_district_chosen(page: Page) -> None:
    sign_in(page, *MODERATOR)
    open_page(page, URL)
    district = page.get_by_label("District", exact=True)
    district.select_option(index=1)
    page.get_by_role("button", name="Show").click()

    expect(page.locator(".app-needs__lead")).to_contain_text("schools in ")
    assert_no_violations(page)
