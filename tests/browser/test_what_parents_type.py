"""What parents type into the home page's search box, on the smallest phone: a postcode,
words too long for the screen, a misspelling.

A postcode is searched as a place (search.typed_postcode); anything typed is shown back
wrapped to the screen, never pushing the page sideways.
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
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

SMALL_PHONE = {"width": 320, "height": 568}
# The demo's made-up postcodes (postcodes.demo); the page suggests this one.
DEMO_POSTCODE = "ZZ1 1AA"


@pytest.fixture(params=["JavaScript on", "JavaScript off"])
def parent(request: pytest.FixtureRequest, browser: Browser, base_url: str) -> Iterator[Page]:
    context = new_context(
        browser,
        base_url=base_url,
        viewport=SMALL_PHONE,
        is_mobile=True,
        java_script_enabled=request.param == "JavaScript on",
    )
    tab = context.new_page()
    tab.scripts_run = request.param == "JavaScript on"  # type: ignore[attr-defined]
    yield tab
    context.close()


def _search_from_home(page: Page, words: str) -> None:
    open_page(page, "/")
    page.get_by_role("searchbox", name="Find a school").fill(words)
    page.get_by_role("button", name="Search").click()


def test_a_postcode_in_the_search_box_lists_the_schools_near_it(parent: Page) -> None:
    page = parent
    _search_from_home(page, DEMO_POSTCODE.lower())

    heading = page.locator("#results-heading")
    expect(heading).to_contain_text(f"near {DEMO_POSTCODE}")
    expect(heading).not_to_contain_text("0 schools")
    # The count is in the first screen (the introduction gives way, as after any search).
    box = heading.bounding_box()
    assert box and page.evaluate("window.scrollY") == 0
    assert box["y"] + box["height"] <= SMALL_PHONE["height"], "the count is below the first screen"
    expect(page.get_by_text("check the spelling")).to_have_count(0)
    expect(page.locator("ul[aria-labelledby='results-heading'] > li").first).to_contain_text(
        "miles"
    )
    if page.scripts_run:  # type: ignore[attr-defined]  # axe-core runs as a script
        assert_no_violations(page)


def test_a_very_long_word_wraps_to_the_screen(parent: Page) -> None:
    page = parent
    words = "a" * 200  # the search box's most
    _search_from_home(page, words)

    heading = page.locator("#results-heading")
    expect(heading).to_contain_text("0 schools found for")
    assert page.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"], (
        "the page scrolls sideways"
    )
    box = heading.bounding_box()
    assert box and box["x"] + box["width"] <= SMALL_PHONE["width"]


def test_a_misspelling_is_corrected_and_every_link_is_big_enough_to_tap(parent: Page) -> None:
    page = parent
    _search_from_home(page, "autisim")

    expect(page.locator("#results-heading")).not_to_contain_text("0 schools")
    expect(page.get_by_text("Did you mean")).to_be_visible()
    expect(page.get_by_role("link", name="autism", exact=True)).to_be_visible()
    # The folded note's summary and its "Show only these" link, one line each, are apart
    # enough to tap (axe-core's WCAG 2.2 target size check).
    summary = page.locator(".app-words-as-filters summary").bounding_box()
    link = page.locator(".app-words-as-filters").get_by_role("link").bounding_box()
    assert summary and link
    if summary["height"] < 24 and link["height"] < 24:
        gap = link["y"] - (summary["y"] + summary["height"])
        assert gap >= (24 - summary["height"]) / 2 + (24 - link["height"]) / 2, (
            "the note's summary and its link are too close to tap apart"
        )
    if page.scripts_run:  # type: ignore[attr-defined]
        assert_no_violations(page)
