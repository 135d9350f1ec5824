"""Moving through a page with the Tab key only, as a keyboard user does."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Page

# What a keyboard user sees of the element that has focus. GOV.UK Frontend draws focus as
# a yellow box-shadow or outline; a checkbox draws it on its label's box, since the real
# input is transparent.
_FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const styles = [getComputedStyle(el)];
    if (el.matches(".govuk-checkboxes__input, .govuk-radios__input") && el.labels.length) {
        styles.push(getComputedStyle(el.labels[0], "::before"));
    }
    const drawn = s => s.boxShadow !== "none" || (
        s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0
        && s.outlineColor !== "rgba(0, 0, 0, 0)"
    );
    const box = el.getBoundingClientRect();
    return {
        tag: el.tagName.toLowerCase(),
        text: (el.innerText || el.value || el.getAttribute("aria-label") || "").trim(),
        href: el.getAttribute("href"),
        name: el.getAttribute("name"),
        indicator: styles.some(drawn),
        onScreen: box.width > 0 && box.height > 0 && box.bottom > 0
            && box.top < window.innerHeight && box.left < window.innerWidth && box.right > 0,
    };
}"""


def focused(page: Page) -> dict[str, Any] | None:
    """The focused element: tag, text, href, name, and whether its focus can be seen."""
    return page.evaluate(_FOCUSED)


def tab_until(page: Page, wanted: str, arg: Any = None, limit: int = 150) -> dict[str, Any]:
    """Press Tab until the focused element satisfies ``wanted``, a JavaScript function of
    the element (and ``arg``). Every element passed on the way must show where focus is."""
    passed = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = focused(page)
        if element is None:
            continue
        passed.append(element)
        assert element["indicator"], f"no visible focus indicator on {element}"
        assert element["onScreen"], f"the focused element is off screen: {element}"
        if page.evaluate(f"arg => ({wanted})(document.activeElement, arg)", arg):
            return element
    stops = "\n".join(
        f"  {stop['tag']} {stop['text'][:60]!r} {stop['href'] or ''}" for stop in passed
    )
    raise AssertionError(f"{limit} presses of Tab on {page.url} never reached {wanted}:\n{stops}")
