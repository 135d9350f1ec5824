"""Finding the demo site's pages the way a visitor does: by following its links."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest

from .tools import ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Page

# Every school the demo site has: the four real ones and the generated examples.
DEMO_SCHOOLS: list[dict[str, Any]] = [
    record
    for name in ("demo_schools.json", "example_schools.json")
    for record in json.loads((ROOT / "schools" / "fixtures" / name).read_text(encoding="utf-8"))[
        "schools"
    ]
]
SCHOOLS_INDEX = "/schools/"
# The title the directory page is created with (search.services.DEFAULT_TITLE).
DIRECTORY_LINK_TEXT = "Find a school"
# An input of ours that cannot match any school, in any backend.
NO_MATCH_SEARCH = "qzxjvw"


def open_page(page: Page, url: str, status: int = 200) -> None:
    """Go to ``url`` and check the server answered with ``status``."""
    response = page.goto(url)
    assert response is not None, f"no response for {url}"
    assert response.status == status, f"{url} answered {response.status}, expected {status}"


def school_links(page: Page) -> list[str]:
    """The school pages the schools index links to."""
    open_page(page, SCHOOLS_INDEX)
    links = page.locator(".app-school-list a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    return [href for href in hrefs if href]


def directory_url(page: Page) -> str:
    """The directory's address, from the schools index's link to it.

    Skips the test while the demo has no directory page: these tests run as soon as
    ``setup_demo`` creates one (``search.services.ensure_directory_page``).
    """
    open_page(page, SCHOOLS_INDEX)
    link = page.get_by_role("link", name=DIRECTORY_LINK_TEXT, exact=True)
    if not link.count():
        pytest.skip(
            f"the demo's schools index has no {DIRECTORY_LINK_TEXT!r} link: setup_demo "
            "does not create the directory page (search.services.ensure_directory_page)"
        )
    href = link.first.get_attribute("href")
    assert href
    return href
