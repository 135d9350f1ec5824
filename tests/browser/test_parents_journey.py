"""A parent's first minute, in Chromium, on a 375 px phone and a 1280 px desktop.

From the home page's search box to the results (a school tagged for autism first, the
count and the first result in the first screen on a phone), a filter, a school and back
to the same results, then two schools side by side and a third added by typing part of
its name; axe-core checks each page on the way. The first screen after a search is also
checked on the smallest phone still in use, 320 by 568.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from .axe import assert_no_violations
from .pages import open_page
from .tools import new_context

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page

pytestmark = pytest.mark.browser

# An iPhone SE's screen, and a desktop's.
SIZES = {"phone": {"width": 375, "height": 667}, "desktop": {"width": 1280, "height": 900}}
# The first iPhone SE's: WCAG's reflow width, with the shortest screen parents still use.
SMALL_PHONE = {"width": 320, "height": 568}
WORDS = "autism wheelchair"


def _tab(browser: Browser, base_url: str, size: dict[str, int]) -> Iterator[Page]:
    phone = size["width"] < SIZES["desktop"]["width"]
    context = new_context(browser, base_url=base_url, viewport=size, is_mobile=phone)
    tab = context.new_page()
    tab.is_phone = phone  # type: ignore[attr-defined]
    yield tab
    context.close()


@pytest.fixture(params=sorted(SIZES))
def parent(request: pytest.FixtureRequest, browser: Browser, base_url: str) -> Iterator[Page]:
    """A fresh tab at phone or desktop size."""
    yield from _tab(browser, base_url, SIZES[request.param])


@pytest.fixture(params=["small phone", *sorted(SIZES)])
def parent_at_any_size(
    request: pytest.FixtureRequest, browser: Browser, base_url: str
) -> Iterator[Page]:
    """A fresh tab on a 320 by 568 phone, a 375 by 667 one or a desktop."""
    yield from _tab(browser, base_url, SIZES.get(request.param, SMALL_PHONE))


@pytest.fixture(params=["small phone", "phone"])
def parent_on_a_phone(
    request: pytest.FixtureRequest, browser: Browser, base_url: str
) -> Iterator[Page]:
    """A fresh tab on a 320 by 568 phone or a 375 by 667 one."""
    yield from _tab(browser, base_url, SIZES.get(request.param, SMALL_PHONE))


def _in_first_screen(page: Page, locator: Locator) -> bool:
    box = locator.bounding_box()
    assert box is not None
    return page.evaluate("window.scrollY") == 0 and box["y"] + box["height"] <= (
        page.viewport_size or {}
    ).get("height", 0)


def _search_of(url: str) -> tuple[str, dict[str, list[str]]]:
    parts = urlsplit(url)
    params = parse_qs(parts.query)
    params.pop("sorted_for", None)
    return parts.path, params


def _results(page: Page) -> Locator:
    return page.locator("ul[aria-labelledby='results-heading'] > li")


def _search_from_home(page: Page, words: str) -> None:
    """Search the directory from the home page's box, as a parent does, and wait for the
    count of schools found."""
    page.get_by_role("searchbox", name="Find a school").fill(words)
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#results-heading")).to_contain_text(f"found for \u201c{words}\u201d")


def test_home_search_to_results_filter_school_and_back_then_compare(parent: Page) -> None:
    page = parent
    open_page(page, "/")
    assert_no_violations(page)

    # Search from the home page.
    _search_from_home(page, WORDS)
    count = page.locator("#results-heading")
    first = _results(page).first
    expect(first.locator("dd").first).to_contain_text("Autism")
    if page.is_phone:  # type: ignore[attr-defined]
        assert _in_first_screen(page, count), "the result count is below the first screen"
        assert _in_first_screen(page, first.locator("h3 a")), "no result in the first screen"
        # The filters are folded away until asked for.
        expect(page.get_by_role("heading", name="Filters", exact=True)).to_be_hidden()
    else:
        expect(page.get_by_role("heading", name="Filters", exact=True)).to_be_visible()
    # How many schools say they do what the words mean, and a link to show only those.
    note = page.locator(".app-words-as-filters")
    expect(note.get_by_role("link", name="Show only these")).to_be_visible()
    if page.is_phone:  # type: ignore[attr-defined]
        # On a phone the sentence is one short line until asked for.
        expect(note.get_by_text("more only mention")).to_be_hidden()
        note.locator("summary").click()
    expect(note.get_by_text("more only mention")).to_be_visible()
    assert_no_violations(page)

    # Choose a filter.
    if page.is_phone:  # type: ignore[attr-defined]
        page.get_by_text("Filter results").click()
    page.get_by_label("Autism (").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("link", name="Remove filter: Type of need: Autism")).to_be_visible()
    results = _search_of(page.url)
    shown = _results(page).locator("h3 a").all_inner_texts()
    assert_no_violations(page)

    # Open a school, and go back to the same results.
    name = _results(page).first.locator("h3 a").inner_text()
    _results(page).first.locator("h3 a").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    assert_no_violations(page)
    page.get_by_role("link", name="Back to your search results").click()
    # The same search and page (the form's note of the words a sort was chosen for aside).
    assert _search_of(page.url) == results
    assert _results(page).locator("h3 a").all_inner_texts() == shown

    # Compare the first two schools.
    page.get_by_role("searchbox").fill("")
    page.get_by_role("button", name="Search").click()
    names = [_results(page).nth(i).locator("h3 a").inner_text() for i in range(2)]
    for school in names:
        page.get_by_label(f"Compare {school}").check()
    page.get_by_role("button", name="Compare ticked schools").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Compare schools")
    item = page.locator("section.app-compare").nth(1)
    cells = item.locator(".app-compare__cell")
    expect(cells).to_have_count(2)
    expect(cells.nth(0).get_by_role("heading")).to_have_text(names[0])
    expect(cells.nth(1).get_by_role("heading")).to_have_text(names[1])
    left, right = (cells.nth(i).bounding_box() for i in range(2))
    assert left and right
    if page.is_phone:  # type: ignore[attr-defined]
        assert right["y"] > left["y"], "on a phone the schools stack"
    else:
        assert right["y"] == left["y"] and right["x"] > left["x"], "side by side on a desktop"
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert_no_violations(page)

    # Add a third by typing part of its name: no list of every school in the council.
    third = _demo_school_not_in(page, names)
    page.get_by_label("Part of the school\u2019s name, or its town").fill(third.split()[0])
    page.get_by_role("button", name="Find a school to add").click()
    expect(page.locator("#compare-found")).to_contain_text("found for")
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert_no_violations(page)
    page.get_by_role("button", name=f"Add {third} to the comparison").click()

    cells = page.locator("section.app-compare").nth(1).locator(".app-compare__cell")
    expect(cells).to_have_count(3)
    expect(cells.nth(2).get_by_role("heading")).to_have_text(third)
    expect(cells.nth(0).get_by_role("heading")).to_have_text(names[0])
    expect(page.get_by_text("the most at a time")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert_no_violations(page)


def test_a_search_for_ehcp_shows_a_school_first_and_the_plan_note_on_asking(
    parent_at_any_size: Page,
) -> None:
    page = parent_at_any_size
    open_page(page, "/")
    _search_from_home(page, "EHCP")
    sendiass = page.get_by_role("note").get_by_role("link").first
    if page.is_phone:  # type: ignore[attr-defined]
        # The note is one line until asked for: the first school is in the first screen.
        first = _results(page).first.locator("h3 a")
        assert _in_first_screen(page, first), "no result in the first screen after EHCP"
        expect(sendiass).to_be_hidden()
        # A keyboard user opens it as any details element.
        page.locator("summary", has_text="EHC plans: where to get help").focus()
        page.keyboard.press("Enter")
    expect(
        page.get_by_role("heading", name="Education, health and care (EHC) plans")
    ).to_be_visible()
    expect(page.get_by_text("agreed with the council, not with a school")).to_be_visible()
    expect(sendiass).to_be_visible()
    assert_no_violations(page)


# Both say how many schools are tagged for the words; the second at length ("... provide
# for autism and have step-free access for wheelchairs; 2 more only mention ...").
@pytest.mark.parametrize("words", ["autism", WORDS])
def test_after_a_search_the_first_school_is_in_a_phones_first_screen(
    parent_on_a_phone: Page, words: str
) -> None:
    page = parent_on_a_phone
    open_page(page, "/")
    _search_from_home(page, words)
    count = page.locator("#results-heading")
    note = page.locator(".app-words-as-filters")
    expect(note.get_by_role("link", name="Show only these")).to_be_visible()
    # "Sort by [Best match] [Sort]" stays on one line, the chosen order shown whole.
    row = [
        page.locator(".app-sort").get_by_text("Sort by"),
        page.get_by_label("Sort by"),
        page.get_by_role("button", name="Sort", exact=True),
    ]
    boxes = [part.bounding_box() for part in row]
    assert all(boxes)
    middles = [box["y"] + box["height"] / 2 for box in boxes if box]
    assert max(middles) - min(middles) < 5, "the sort controls wrap onto two lines"
    assert page.get_by_label("Sort by").evaluate(_SHOWS_ITS_CHOICE_WHOLE), "order cut short"
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]

    assert _in_first_screen(page, count), "the result count is below the first screen"
    name = _results(page).first.locator("h3 a")
    if page.viewport_size["width"] >= SIZES["phone"]["width"]:
        assert _in_first_screen(page, name), "the first school's name is below the first screen"
    else:
        # At 320 by 568 a long name's first line: the parent sees a school begin.
        box = name.bounding_box()
        line = float(name.evaluate("link => parseFloat(getComputedStyle(link).lineHeight)"))
        assert box and page.evaluate("window.scrollY") == 0
        assert box["y"] + line <= page.viewport_size["height"], "no school in the first screen"
    # The whole note is one keypress away, for every reader (a details element).
    sentence = note.get_by_text("more only mention")
    expect(sentence).to_be_hidden()
    note.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(sentence).to_be_visible()
    expect(sentence).to_contain_text("provide for autism")
    assert_no_violations(page)


# Whether a list is wide enough for the option chosen in it (its widest, measured with
# CSS's max-content and put back as it was).
_SHOWS_ITS_CHOICE_WHOLE = """select => {
    const shown = select.getBoundingClientRect().width;
    select.style.flex = "none";
    select.style.width = "max-content";
    const needed = select.getBoundingClientRect().width;
    select.style.flex = "";
    select.style.width = "";
    return needed <= shown + 0.5;
}"""


def _demo_school_not_in(page: Page, names: list[str]) -> str:
    """A school the compare page does not show yet, from the schools index."""
    compare = page.url
    open_page(page, "/schools/")
    others = [n for n in page.locator(".app-school-list a").all_inner_texts() if n not in names]
    open_page(page, compare)
    assert others, "the demo has only two schools"
    return others[0]


def test_open_data_page_from_the_footer(parent: Page) -> None:
    page = parent
    open_page(page, "/")
    page.get_by_role("contentinfo").get_by_role("link", name="Open data").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Open data")
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert_no_violations(page)
