"""Every kind of public page, checked by axe-core in Chromium against WCAG 2.2 A and AA.

Each page is checked at desktop width and at 320 px, because GOV.UK Frontend lays pages
out differently on a phone. The checker itself is tested first: a page with an image that
has no text alternative must fail.
"""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from playwright.sync_api import Page, expect

from .axe import assert_no_violations, axe_violations, describe
from .pages import (
    DEMO_SCHOOLS,
    NO_MATCH_SEARCH,
    directory_url,
    open_page,
    school_links,
)

pytestmark = pytest.mark.browser

PIXEL = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
BROKEN_PAGE = f"""<!DOCTYPE html>
<html lang="en-GB"><head><title>A page with a problem</title></head>
<body><main><h1>A page with a problem</h1><img src="{PIXEL}"></main></body></html>"""


# The checker


def test_checker_fails_a_page_with_an_image_without_alt_text(page: Page) -> None:
    page.set_content(BROKEN_PAGE)

    with pytest.raises(AssertionError, match="image-alt"):
        assert_no_violations(page)


def test_checker_passes_the_same_page_once_the_image_is_marked_decorative(page: Page) -> None:
    page.set_content(BROKEN_PAGE.replace("<img ", '<img alt="" '))

    assert_no_violations(page)


def test_checker_finds_a_broken_element_added_to_a_real_page(page: Page) -> None:
    open_page(page, school_links(page)[0])
    page.locator("main").evaluate(
        "(main, src) => main.insertAdjacentHTML('afterbegin', `<img src='${src}'>`"
        " + `<input type='text' name='unlabelled'>`)",
        PIXEL,
    )

    rules = {violation["id"] for violation in axe_violations(page)}

    assert {"image-alt", "label"} <= rules


# The public pages


def test_home_page(any_width_page: Page) -> None:
    open_page(any_width_page, "/")
    assert_no_violations(any_width_page)


def test_schools_index(any_width_page: Page) -> None:
    open_page(any_width_page, "/schools/")
    assert_no_violations(any_width_page)


def test_every_demo_school_page(any_width_page: Page) -> None:
    page = any_width_page
    links = school_links(page)
    assert len(links) == len(DEMO_SCHOOLS)
    problems = []
    for href in links:
        open_page(page, href)
        if violations := axe_violations(page):
            problems.append(f"{href}:\n{describe(violations)}")
    assert not problems, "\n\n".join(problems)


def test_accessibility_statement_linked_from_the_footer(any_width_page: Page) -> None:
    page = any_width_page
    open_page(page, "/")

    page.get_by_role("contentinfo").get_by_role("link", name="Accessibility statement").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Accessibility statement")
    expect(page.get_by_role("heading", name="Enforcement procedure")).to_be_visible()
    assert_no_violations(page)


def _show_filters(page: Page) -> None:
    # On a phone the filters are folded behind "Filter results" (a details element).
    summary = page.get_by_text("Filter results")
    if summary.is_visible():
        summary.click()


def test_directory_without_filters(any_width_page: Page) -> None:
    page = any_width_page
    open_page(page, directory_url(page))
    _show_filters(page)
    expect(page.get_by_role("heading", name="Filters", exact=True)).to_be_visible()
    assert_no_violations(page)


def test_directory_with_filters_chosen(any_width_page: Page) -> None:
    page = any_width_page
    open_page(page, directory_url(page))
    _show_filters(page)
    # Tick the first option that some school has, as a parent would, and apply it.
    option = page.locator(".govuk-checkboxes__item").filter(has_not_text="(0").first
    option.locator("input").check()
    page.get_by_role("button", name="Apply filters").click()

    expect(page.get_by_role("heading", name="Filters you chose")).to_be_visible()
    assert_no_violations(page)


def test_directory_with_no_matches(any_width_page: Page) -> None:
    page = any_width_page
    open_page(page, directory_url(page))
    page.get_by_role("searchbox").fill(NO_MATCH_SEARCH)
    page.get_by_role("searchbox").press("Enter")

    expect(page.get_by_text("No schools match your search")).to_be_visible()
    assert_no_violations(page)


def test_api_html_error_page(any_width_page: Page) -> None:
    # A browser asks for HTML, so the API answers a bad parameter with a page for people.
    open_page(any_width_page, "/api/v1/directory/?need=not-a-need", status=400)
    assert_no_violations(any_width_page)


def test_page_not_found(any_width_page: Page) -> None:
    page = any_width_page
    open_page(page, "/no-such-page/", status=404)
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert_no_violations(page)


def test_server_error_page(any_width_page: Page) -> None:
    page = any_width_page
    # The 500 page is rendered here, as Django renders it: with no request and no database.
    html = render_to_string("500.html")
    open_page(page, "/")  # so that its stylesheet's address resolves on the demo server
    page.set_content(html)
    expect(page.get_by_role("heading", level=1)).to_contain_text("there is a problem")
    assert_no_violations(page)


def test_admin_login(any_width_page: Page) -> None:
    open_page(any_width_page, "/admin/login/")
    assert_no_violations(any_width_page)
