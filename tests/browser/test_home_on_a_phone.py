"""The home page on a phone: a parent sees where to search without scrolling.

The page's title comes first, then "Find a school" and its search box, then the
introduction: on the smallest phones the search box is in the first screen, and a screen
reader meets the same order (h1, the search, the rest). Nothing the page says is dropped.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from .axe import assert_no_violations
from .pages import open_page
from .tools import new_context

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page

pytestmark = pytest.mark.browser

# A small phone (the iPhone SE's first screen) and a common one.
PHONES = {"320 by 568": {"width": 320, "height": 568}, "375 by 667": {"width": 375, "height": 667}}


@pytest.fixture(params=list(PHONES))
def phone(request: pytest.FixtureRequest, browser: Browser, base_url: str) -> Iterator[Page]:
    context = new_context(
        browser, base_url=base_url, viewport=PHONES[request.param], is_mobile=True
    )
    tab = context.new_page()
    yield tab
    context.close()


def _in_first_screen(page: Page, locator: Locator) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size or {}
    assert box is not None, f"{locator} is not shown"
    return box["y"] >= 0 and box["y"] + box["height"] <= size["height"]


def _before(first: Locator, second: Locator) -> bool:
    """Whether ``first`` comes before ``second`` in the page (a screen reader's order)."""
    return first.evaluate(
        "(a, b) => Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING)",
        second.element_handle(),
    )


def test_the_search_box_is_in_the_first_screen_on_a_phone(phone: Page) -> None:
    page = phone
    open_page(page, "/")
    assert page.evaluate("window.scrollY") == 0

    search = page.get_by_role("searchbox", name="Find a school")
    assert _in_first_screen(page, page.get_by_text("Find a school", exact=True))
    assert _in_first_screen(page, search), "the search box is below the first screen"
    assert _in_first_screen(page, page.get_by_role("button", name="Search"))
    assert (
        page.evaluate("document.documentElement.scrollWidth") <= (page.viewport_size or {})["width"]
    ), "the page scrolls sideways"

    # Reading order: the title, then the search, then the introduction (still all there).
    heading = page.get_by_role("heading", level=1)
    intro = page.locator(".app-rich-text").first
    expect(intro).to_contain_text("Local Offer")
    assert _before(heading, search)
    assert _before(search, intro), "the introduction comes before the search"

    assert_no_violations(page)
