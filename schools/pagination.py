"""Page links for the public lists (the schools index, the directory's results).

One rule, so every list pages the same way: the first and last pages, the pages
either side of the current one, and a gap ("⋯") where numbers are left out. Rendered by
``templates/includes/pagination.html``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PageLink:
    """A numbered link, or a gap in the numbers when ``number`` is None."""

    number: int | None
    url: str = ""
    current: bool = False


@dataclass(frozen=True)
class Pagination:
    """What the pagination include shows; empty when everything fits on one page."""

    links: tuple[PageLink, ...] = ()
    previous_url: str = ""
    next_url: str = ""


def paginate(page: int, pages: int, url_for: Callable[[int], str]) -> Pagination:
    """Links for page ``page`` of ``pages``; ``url_for(n)`` is the address of page n."""
    if pages <= 1:
        return Pagination()
    wanted = {1, pages, page - 1, page, page + 1}
    links: list[PageLink] = []
    previous = 0
    for number in sorted(n for n in wanted if 1 <= n <= pages):
        if number - previous > 1:
            links.append(PageLink(None))
        links.append(PageLink(number, url_for(number), number == page))
        previous = number
    return Pagination(
        links=tuple(links),
        previous_url=url_for(page - 1) if 1 < page <= pages else "",
        next_url=url_for(page + 1) if page < pages else "",
    )
