"""Schools near me on the demo site, as a parent uses it in Chromium: type the example
postcode, choose a distance and a need, and the nearest school comes first with its
distance. Checked by axe-core at phone and desktop width."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .axe import assert_no_violations
from .pages import directory_url, open_page

pytestmark = pytest.mark.browser

NEAREST = "Riverside Primary School"


def search_near(page: Page, postcode: str, distance: str = "") -> None:
    open_page(page, directory_url(page))
    # On a phone the postcode search is with the filters, behind "Filter results".
    summary = page.get_by_text("Filter results")
    if summary.is_visible():
        summary.click()
    page.get_by_label("Postcode").fill(postcode)
    if distance:
        page.get_by_label("Distance").select_option(label=distance)
    page.get_by_role("button", name="Find schools near you").click()
    page.wait_for_load_state()


def test_the_example_postcode_finds_the_nearest_school_first(page: Page) -> None:
    open_page(page, directory_url(page))
    expect(page.get_by_text("made-up example postcodes only")).to_be_visible()

    search_near(page, "zz1 1aa", "Within 5 miles")

    expect(page.locator("#results-heading")).to_contain_text("within 5 miles of ZZ1 1AA")
    first = page.locator("#results-heading ~ ul > li").first
    expect(first.get_by_role("heading")).to_have_text(NEAREST)
    expect(first.locator(".app-distance")).to_have_text("0.2 miles away")
    expect(page.get_by_label("Sort by")).to_have_value("distance")
    assert_no_violations(page)


@pytest.mark.parametrize(
    "search", ["need=ASD", "q=autism&sort=distance", "q=school&need=ASD&sort=distance"]
)
def test_near_a_postcode_with_a_need_and_words(page: Page, search: str) -> None:
    open_page(page, f"{directory_url(page)}?postcode=ZZ1+1AA&distance=10&{search}")

    names = page.locator("#results-heading ~ ul > li h3").all_inner_texts()
    distances = page.locator("#results-heading ~ ul > li .app-distance").all_inner_texts()
    # Only the example schools have a location, so only they are within 10 miles.
    assert names and len(distances) == len(names), (names, distances)
    miles = [float(text.split()[0]) for text in distances]
    assert miles == sorted(miles) and all(m <= 10 for m in miles), distances


def test_a_postcode_we_cannot_find_is_explained_beside_the_box(phone_page: Page) -> None:
    search_near(phone_page, "ZZ9 9ZZ")

    expect(phone_page.locator("#directory-postcode-error")).to_contain_text(
        "We could not find the postcode ZZ9 9ZZ. Check it and try again."
    )
    assert_no_violations(phone_page)
