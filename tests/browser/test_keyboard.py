"""A parent who uses only a keyboard finds a school for a child with autism and reaches its
SENCO's contact details, at desktop width and on a 320 px wide phone screen."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .keyboard import focused, tab_until
from .pages import (
    DEMO_SCHOOLS,
    DIRECTORY_LINK_TEXT,
    SCHOOLS_INDEX,
    directory_url,
    open_page,
    school_links,
)

pytestmark = pytest.mark.browser

SEARCH_WORDS = "autism"
# The demo school the parent is after: its report mentions autism and its SENCO can be
# phoned or emailed (taken from the demo data, so the test follows it if it changes).
SCHOOL = next(
    school
    for school in DEMO_SCHOOLS
    if SEARCH_WORDS in str(school["report"]).lower()
    and (school["senco"].get("phone") or school["senco"].get("email"))
)
LINK_IN_MAIN = (
    "(el, text) => el.tagName === 'A' && !!el.closest('main') && el.innerText.trim() === text"
)


def no_sideways_scrolling(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def press_enter_and_wait(page: Page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


def find_the_senco_by_keyboard(page: Page) -> None:
    directory = directory_url(page)  # skips the test while the demo has no directory
    open_page(page, "/")
    page.keyboard.press("Tab")
    skip_link = focused(page)
    assert skip_link is not None and skip_link["text"] == "Skip to main content"
    assert skip_link["onScreen"], "the skip link must appear when it has focus"

    tab_until(page, "el => !!el.closest('main') && el.getAttribute('href') === arg", SCHOOLS_INDEX)
    press_enter_and_wait(page)
    assert no_sideways_scrolling(page)

    tab_until(page, LINK_IN_MAIN, DIRECTORY_LINK_TEXT)
    press_enter_and_wait(page)
    assert page.url.endswith(directory)
    assert no_sideways_scrolling(page)

    tab_until(page, "el => el.matches('input[name=q]')")
    page.keyboard.type(SEARCH_WORDS)
    press_enter_and_wait(page)
    expect(page.locator("#results-heading")).to_contain_text(SEARCH_WORDS)
    assert no_sideways_scrolling(page)

    tab_until(page, LINK_IN_MAIN, SCHOOL["name"])
    press_enter_and_wait(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(SCHOOL["name"])
    assert no_sideways_scrolling(page)

    # "On this page" leads straight to the SENCO section; its first link is their contact.
    tab_until(page, "el => el.getAttribute('href') === '#senco_contact'")
    page.keyboard.press("Enter")
    page.wait_for_url("**#senco_contact")
    contact = tab_until(
        page,
        "el => !!el.closest('section[aria-labelledby=senco_contact]')",
        limit=3,
    )
    senco = SCHOOL["senco"]
    assert contact["href"] in {f"tel:{senco['phone'].replace(' ', '')}", f"mailto:{senco['email']}"}
    section = page.locator("section[aria-labelledby=senco_contact]")
    expect(section.get_by_text(senco["name"])).to_be_in_viewport()


def test_keyboard_journey_to_a_senco_at_desktop_width(page: Page) -> None:
    find_the_senco_by_keyboard(page)


def test_keyboard_journey_to_a_senco_320_px_wide(phone_page: Page) -> None:
    find_the_senco_by_keyboard(phone_page)


def test_skip_link_moves_past_the_header_and_breadcrumbs(page: Page) -> None:
    open_page(page, school_links(page)[0])

    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")

    assert page.evaluate("!!document.activeElement.closest('main')")
