"""Feedback in a real browser: "Is this page useful?" at the foot of a school's page, the
thank-you page and the "You said, we did" page, checked by axe-core (WCAG 2.2 A and AA)
at 375 px (a common phone) and 1280 px, and used with the keyboard alone."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from .axe import assert_no_violations
from .keyboard import tab_until
from .pages import open_page, school_links
from .tools import new_context

pytestmark = pytest.mark.browser

WIDTHS = {"phone": {"width": 375, "height": 740}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture(params=list(WIDTHS))
def tab(request: pytest.FixtureRequest, browser: Browser, base_url: str) -> Iterator[Page]:
    """A fresh tab, once 375 and once 1280 CSS pixels wide."""
    phone = request.param == "phone"
    context = new_context(
        browser, base_url=base_url, viewport=WIDTHS[request.param], is_mobile=phone
    )
    page = context.new_page()
    yield page
    context.close()


def open_a_school(page: Page) -> str:
    href = school_links(page)[0]
    open_page(page, href)
    return page.get_by_role("heading", level=1).inner_text()


def no_sideways_scrolling(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_feedback_form_on_a_school_page(tab: Page) -> None:
    open_a_school(tab)
    feedback = tab.get_by_role("region", name="Is this page useful?")
    expect(feedback.get_by_role("button", name="Yes this page is useful")).to_be_visible()

    feedback.get_by_text("Tell us what is missing or wrong").click()

    expect(feedback.get_by_label("What is missing or wrong?")).to_be_visible()
    expect(feedback.get_by_text("Do not include your child\u2019s name")).to_be_visible()
    assert no_sideways_scrolling(tab)
    assert_no_violations(tab)


def test_sending_a_comment_and_returning_to_the_page(tab: Page) -> None:
    school = open_a_school(tab)
    school_url = tab.url
    feedback = tab.get_by_role("region", name="Is this page useful?")
    feedback.get_by_text("Tell us what is missing or wrong").click()
    feedback.get_by_label("What is missing or wrong?").fill(
        "A browser test: the bus times are missing."
    )

    feedback.get_by_role("button", name="Send feedback").click()

    expect(tab.get_by_role("heading", level=1)).to_have_text("Thank you for your feedback")
    assert no_sideways_scrolling(tab)
    assert_no_violations(tab)
    tab.get_by_role("link", name=f"Return to \u2018{school}\u2019").click()
    assert tab.url == school_url


def test_answering_no_then_saying_more(tab: Page) -> None:
    open_a_school(tab)

    tab.get_by_role("button", name="No this page is not useful").click()

    expect(
        tab.get_by_role("heading", level=2, name="Tell us what is missing or wrong")
    ).to_be_visible()
    assert_no_violations(tab)
    # Sending the box empty gives a GOV.UK error summary, itself accessible.
    tab.get_by_role("button", name="Send your comment").click()
    summary = tab.get_by_role("alert")
    expect(summary).to_contain_text("Tell us what is missing or wrong.")
    assert_no_violations(tab)
    summary.get_by_role("link").click()
    expect(tab.get_by_label("What is missing or wrong?")).to_be_in_viewport()


def test_a_keyboard_user_answers_is_this_page_useful(tab: Page) -> None:
    open_a_school(tab)

    tab_until(tab, "el => el.tagName === 'BUTTON' && el.value === 'yes'", limit=300)
    with tab.expect_navigation():
        tab.keyboard.press("Enter")

    expect(tab.get_by_role("heading", level=1)).to_have_text("Thank you for your feedback")


def test_the_you_said_we_did_page_linked_from_the_home_page(tab: Page) -> None:
    open_page(tab, "/")

    tab.get_by_role("main").get_by_role("link", name="You said, we did").click()

    expect(tab.get_by_role("heading", level=1)).to_have_text("You said, we did")
    expect(tab.get_by_text("invented example")).to_be_visible()
    expect(tab.locator(".app-response").first).to_be_visible()
    assert no_sideways_scrolling(tab)
    assert_no_violations(tab)


def test_the_privacy_notice_linked_from_the_footer(tab: Page) -> None:
    open_page(tab, "/")

    tab.get_by_role("contentinfo").get_by_role("link", name="Privacy notice").click()

    expect(tab.get_by_role("heading", name="Feedback you send us")).to_be_visible()
    assert_no_violations(tab)


def test_the_feedback_page_of_its_own(tab: Page) -> None:
    open_page(tab, "/")
    tab.get_by_role("contentinfo").get_by_role("link", name="Give feedback").click()

    expect(tab.get_by_role("heading", level=1)).to_have_text("Tell us what you think")
    assert_no_violations(tab)
