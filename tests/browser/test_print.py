"""A school page printed for a meeting: no navigation, and each link's address on paper."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from .pages import DEMO_SCHOOLS, open_page, school_links

pytestmark = pytest.mark.browser

NAVIGATION = [
    ".govuk-skip-link",
    ".govuk-service-navigation",
    ".govuk-breadcrumbs",
    ".app-on-this-page",
    ".govuk-footer__meta",
]
# The text the browser draws after a link (CSS generated content), or "none".
AFTER_LINK = "a => getComputedStyle(a, '::after').content"
# A demo school with a link to its own website, whose address must appear on paper.
SCHOOL_WITH_WEBSITE = next(school for school in DEMO_SCHOOLS if school.get("website"))


def open_school_with_website(page: Page) -> None:
    for href in school_links(page):
        open_page(page, href)
        if page.get_by_role("heading", level=1).inner_text() == SCHOOL_WITH_WEBSITE["name"]:
            return
    raise AssertionError(f"{SCHOOL_WITH_WEBSITE['name']} is not on the schools index")


def test_printed_school_page_has_no_navigation(page: Page) -> None:
    open_school_with_website(page)
    for selector in NAVIGATION:
        expect(page.locator(selector).first).to_be_visible()

    page.emulate_media(media="print")

    for selector in NAVIGATION:
        expect(page.locator(selector).first).to_be_hidden()
    # What the paper is about stays: the council, the school and its report.
    expect(page.locator(".govuk-generic-header__homepage-link")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(SCHOOL_WITH_WEBSITE["name"])
    expect(page.get_by_role("heading", name="Key facts")).to_be_visible()


def test_printed_school_page_shows_link_addresses(page: Page) -> None:
    open_school_with_website(page)
    website = page.get_by_role("link", name="School website")
    assert website.evaluate(AFTER_LINK) == "none", "addresses are for paper only"

    page.emulate_media(media="print")

    assert website.evaluate(AFTER_LINK) == f'" ({SCHOOL_WITH_WEBSITE["website"]})"'
    for link in page.locator("main a[href^='http']").all():
        after = link.evaluate(AFTER_LINK)
        assert link.get_attribute("href") in after, f"no address printed after {link}: {after}"


def test_printed_school_page_opens_what_details_hide(page: Page) -> None:
    open_school_with_website(page)
    hidden_on_screen = page.locator(".govuk-details__text").first
    expect(hidden_on_screen).to_be_hidden()

    page.emulate_media(media="print")

    expect(hidden_on_screen).to_be_visible()


def test_compared_schools_print_side_by_side_without_the_forms(page: Page) -> None:
    open_page(page, "/schools/find-a-school/")
    values = page.locator("input[form=compare-form]").evaluate_all(
        "boxes => boxes.slice(0, 3).map(box => box.value)"
    )
    open_page(page, "/schools/compare/?" + "&".join(f"urn={urn}" for urn in values))
    # Narrower than the screen's side-by-side layout starts (641 px), as an A4 page with
    # margins nearly is: the columns on paper come from the print stylesheet.
    page.set_viewport_size({"width": 600, "height": 1000})
    page.emulate_media(media="print")

    cells = page.locator("section.app-compare").nth(1).locator(".app-compare__cell")
    boxes = [cells.nth(i).bounding_box() for i in range(3)]
    assert all(boxes)
    assert len({round(box["y"]) for box in boxes}) == 1, "three columns, side by side"
    expect(page.get_by_role("button", name="Add to comparison")).to_be_hidden()
    expect(page.get_by_role("button").filter(has_text="Remove").first).to_be_hidden()
