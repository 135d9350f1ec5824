"""The admin on a 375 px phone, in Chromium: nothing Wagtail puts on top hides what a
moderator or a school's editor has to read (the menu button over a long message, a
header's actions over the page's title); on a 320 px one the page's title wraps rather
than running off the screen."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from localoffer.demo import DEMO_EDITOR, DEMO_MODERATOR

from .tools import new_context

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 667}
# WCAG's reflow width, the first iPhone SE's.
SMALL_PHONE = {"width": 320, "height": 568}

# Whether every line of an element's text is what the browser shows at that place: the
# left end, the middle and the right end of each line, not something drawn on top.
_EVERY_LINE_ON_TOP = """element => {
    const range = document.createRange();
    range.selectNodeContents(element);
    const hidden = [];
    for (const line of range.getClientRects()) {
        if (line.width < 1 || line.height < 1) continue;
        const y = line.top + line.height / 2;
        for (const x of [line.left + 1, line.left + line.width / 2, line.right - 1]) {
            const shown = document.elementFromPoint(x, y);
            if (!shown || !element.contains(shown)) hidden.push([Math.round(x), Math.round(y)]);
        }
    }
    return hidden;
}"""


def _hidden_points(locator: Locator) -> list[list[int]]:
    return locator.evaluate(_EVERY_LINE_ON_TOP)


@pytest.fixture
def phone(request: pytest.FixtureRequest, browser: Browser, admin_base_url: str) -> Iterator[Page]:
    """A 375 px phone, or the size a test asks for (``indirect`` parametrisation)."""
    size = getattr(request, "param", PHONE)
    context = new_context(browser, base_url=admin_base_url, viewport=size, is_mobile=True)
    yield context.new_page()
    context.close()


def _sign_in(page: Page, user: tuple[str, str]) -> None:
    page.goto("/admin/login/")
    page.fill("#id_login", user[0])
    page.fill("#id_password", user[1])
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")


def test_the_menu_button_hides_no_part_of_a_long_message(phone: Page) -> None:
    page = phone
    _sign_in(page, DEMO_EDITOR)
    # The demo editor's school is overdue for its annual review: the edit screen says so
    # in a message several lines long on a phone.
    page.get_by_role("link", name="Edit the report").click()
    message = page.locator(".messages li").first
    expect(message).to_contain_text("annual review")
    expect(page.get_by_role("button", name="Toggle sidebar")).to_be_visible()
    page.wait_for_load_state("networkidle")  # the message slides in

    assert _hidden_points(message) == [], "the menu button covers the message"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("phone", [SMALL_PHONE, PHONE], indirect=True, ids=["320", "375"])
def test_the_status_pages_title_shows_above_its_downloads(phone: Page) -> None:
    page = phone
    width = (page.viewport_size or {})["width"]
    _sign_in(page, DEMO_MODERATOR)
    page.goto("/admin/moderation/school-status/")
    title = page.locator("header nav[aria-label='Breadcrumb'] li").last
    expect(title).to_have_text("School report status")
    expect(page.get_by_role("link", name="Download CSV")).to_be_visible()

    # Every line of it on the screen: at 320 px "School report status" wraps onto a second
    # line instead of running off the right edge.
    assert _hidden_points(title) == [], "the page's title is cut off"
    box = title.bounding_box()
    assert box and box["x"] + box["width"] <= width, "the title runs off the screen"
    assert page.evaluate("document.documentElement.scrollWidth") <= width


# Whether any word of an element's text is split across two lines.
_WORDS_SPLIT = """element => {
    const split = [];
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const match of node.data.matchAll(/\\S+/g)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            if (range.getClientRects().length > 1) split.push(match[0]);
        }
    }
    return split;
}"""


@pytest.mark.parametrize("phone", [SMALL_PHONE, PHONE], indirect=True, ids=["320", "375"])
def test_a_title_with_the_schools_name_breaks_no_word(phone: Page) -> None:
    page = phone
    width = (page.viewport_size or {})["width"]
    _sign_in(page, DEMO_MODERATOR)
    page.goto("/admin/moderation/school-status/")
    # The school with the longest name: its review screen's title is the longest.
    links = page.locator("td.lo-school-name a")
    href = max(links.all(), key=lambda link: len(link.inner_text())).get_attribute("href") or ""
    page_id = href.split("/")[-3]
    page.goto(f"/admin/moderation/schools/{page_id}/review/")
    title = page.locator("header nav[aria-label='Breadcrumb'] li").last
    expect(title).to_contain_text("Review changes")

    # "Review changes" beside a school's name: the name goes under it, no word splits.
    assert title.evaluate(_WORDS_SPLIT) == [], "a word of the title is split across lines"
    assert _hidden_points(title) == [], "the page's title is cut off"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
