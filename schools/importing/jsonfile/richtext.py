"""Plain-text report answers to safe rich text for Wagtail's rich text fields."""

from __future__ import annotations

import itertools
import re

from django.utils.html import urlize

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_BULLET = re.compile(r"^[-*]\s+")


def _inline(text: str) -> str:
    # urlize escapes everything that is not a link (autoescape), so HTML in the input
    # is shown as text, never interpreted. No rel="nofollow": Wagtail's editor would
    # drop it on the next save, and the import's output would then look changed.
    return urlize(text, nofollow=False, autoescape=True)


def plain_text_to_rich_text(text: str) -> str:
    """Convert plain text to the HTML stored in a Wagtail ``RichTextField``.

    Blank lines separate paragraphs; single line breaks inside a paragraph are kept;
    consecutive lines starting with ``- `` or ``* `` become a bulleted list; web and
    email addresses become links. Empty or blank text gives ``""``.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    parts: list[str] = []
    for block in _PARAGRAPH_BREAK.split(text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        for is_list, group in itertools.groupby(lines, key=lambda line: bool(_BULLET.match(line))):
            if is_list:
                items = "".join(f"<li>{_inline(_BULLET.sub('', line))}</li>" for line in group)
                parts.append(f"<ul>{items}</ul>")
            else:
                parts.append(f"<p>{'<br/>'.join(_inline(line) for line in group)}</p>")
    return "".join(parts)
