"""Whether a line of plain text goes on with the block before it.

PDF text is hard-wrapped: a paragraph or a bullet runs over several lines, and nothing
but the lines themselves (length, capitals, the punctuation they end with) tells a
wrapped line from a new paragraph. Text saved from a web page or Word keeps one
paragraph a line and is not joined at all.
"""

# ruff: noqa: RUF001 -- typographic quotes are what documents contain

from __future__ import annotations

import itertools
import re

from .document import Block, BlockKind
from .lines import FUNCTION_WORDS, is_bullet

# A line ending a sentence (a closing quote or bracket may follow the full stop).
_LINE_ENDS_SENTENCE = re.compile(r"[.!?]['\"’”)]?\s*$")
# A line this long cannot be a line of a page: the text keeps one paragraph a line.
_UNWRAPPED_LINE = 160


def is_unwrapped(lines: list[str]) -> bool:
    """Whether the text keeps each paragraph on one line (web pages, Word saved as text).

    Text from a PDF is hard-wrapped: no line is longer than a page is wide, and many
    lines run on into a next line that starts in lower case.
    """
    filled = [line.strip() for line in lines if line.strip()]
    if not filled or max(len(line) for line in filled) <= _UNWRAPPED_LINE:
        return False
    runs_on = sum(
        1
        for line, following in itertools.pairwise(lines)
        if line.strip() and following.strip()[:1].islower()
    )
    return runs_on <= 0.05 * len(filled)


def continues_block(line: str, block: Block | None, last_line: str, *, unwrapped: bool) -> bool:
    """Whether ``line`` is the wrapped continuation of ``block``, being built, whose last
    line so far is ``last_line``; ``unwrapped``: the text keeps a paragraph a line."""
    if block is None or block.kind == BlockKind.HEADING:
        return False
    if is_bullet(line):
        return False
    if line[0].islower() or line[0] in ",;)":
        return True
    if unwrapped:
        # Text saved from a web page or Word keeps a paragraph on one line: a new
        # line that starts with a capital is a new paragraph.
        return False
    # A short line followed by a capital is a line of its own ("SENCo: Miss M Moss"),
    # not a wrapped one: wrapped lines fill the width.
    if len(last_line) < 40:
        return False
    if block.kind == BlockKind.ITEM and len(last_line) < 50:
        # A short bullet without a full stop is complete ("Educational Psychologist").
        return False
    # A sentence that ends at the end of a line closes the block: PDF text gives no
    # other sign of a paragraph break, and a short block is easier to place.
    return not _LINE_ENDS_SENTENCE.search(last_line) and not last_line.endswith(":")


def resumes_paragraph(line: str, kind: BlockKind, last_line: str, last_word: str) -> bool:
    """Whether ``line``, after a blank line, goes on with the block before it: a block of
    ``kind`` whose text ends with ``last_line``, and whose last word is ``last_word``.

    The caller keeps the block's last line and word, so that a paragraph taken up again
    many times is not read through again for each line it gains.
    """
    if not line[0].islower() or kind != BlockKind.PARAGRAPH:
        return False
    # Only where the paragraph plainly stopped mid-sentence: at a comma or a word that
    # cannot end one ("and", "for", "the"). A paragraph ending in any other word may
    # be a finished fragment (a council template's note), and joining a lower-case
    # line to it would give the fragment the line's topic.
    return last_line.rstrip().endswith(",") or last_word.lower() in FUNCTION_WORDS
