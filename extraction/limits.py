"""How much of a document the readers will look at, checked before the costly work.

A real SEN information report is a few thousand words: 10 to 40 pages, a few hundred
paragraphs, a Word file whose text part inflates to a few MB at most. A file far beyond
that is refused here with a message the editor can act on, before a parser spends memory
or minutes on it. The worker (``extraction.worker``) bounds what these checks cannot see
in advance (a PDF's content streams, a parser's own appetite) with a time and memory limit.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sized

# About 150 pages of text: far longer than any SEN report, and read in a second or two.
MAX_TEXT_CHARACTERS = 600_000
# A saved web page carries markup, styles and scripts around its text.
MAX_MARKUP_CHARACTERS = 4 * MAX_TEXT_CHARACTERS
# Headings, paragraphs and list items (a long report has about a thousand).
MAX_BLOCKS = 12_000
# Elements inside elements in a web page (real pages nest 20 to 40 deep).
MAX_HTML_NESTING = 120
# Word files are zip packages: how many parts, how large each may inflate, and how much
# smaller than its content a part may be (text compresses 5-20 times; a bomb, 1000 times).
MAX_ZIP_ENTRIES = 2_000
MAX_ZIP_ENTRY_SIZE = 32 * 1024 * 1024
MAX_ZIP_XML_SIZE = 16 * 1024 * 1024
MAX_ZIP_TOTAL_SIZE = 64 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
# Parts smaller than this may compress as well as they like (a page of repeated markup).
_RATIO_FREE_SIZE = 1024 * 1024

_TOO_LONG = (
    "The document is much longer than an SEN information report ({what}), so we have "
    "not read it. Upload just the SEN information report, or split it and import the "
    "report part."
)
_BOMB = (
    "The Word document's contents are far larger than the file itself ({what}), as in a "
    "damaged or deliberately harmful file, so we have not opened it. Open it in Word, "
    "save it again as .docx and upload the new copy."
)


class LimitExceeded(Exception):
    """A document beyond the limits above; ``str(error)`` is the editor's message."""


def too_long(what: str) -> LimitExceeded:
    """The error for a document with more of ``what`` than a report ever has."""
    return LimitExceeded(_TOO_LONG.format(what=what))


def check_text(text: str) -> None:
    """Refuse text longer than any report."""
    check_text_length(len(text))


def check_text_length(length: int) -> None:
    """Refuse a document once its text is longer than any report's."""
    if length > MAX_TEXT_CHARACTERS:
        raise too_long(f"over {MAX_TEXT_CHARACTERS:,} characters of text")


def check_markup(markup: str) -> None:
    """Refuse a web page longer than any report's page, scripts and styles included."""
    if len(markup) > MAX_MARKUP_CHARACTERS:
        raise too_long(f"over {MAX_MARKUP_CHARACTERS:,} characters of markup")


def check_blocks(blocks: Sized) -> None:
    """Refuse a document of more headings, paragraphs and list items than any report."""
    if len(blocks) > MAX_BLOCKS:
        raise too_long(f"over {MAX_BLOCKS:,} paragraphs")


def check_zip_package(archive: zipfile.ZipFile) -> None:
    """Refuse a zip package whose parts would inflate beyond the limits, from its directory.

    The sizes come from the package's own directory, before anything is inflated; Python's
    zipfile never inflates a part beyond its declared size, so a lying directory cannot
    get past this either.
    """
    entries = archive.infolist()
    if len(entries) > MAX_ZIP_ENTRIES:
        raise too_long(f"{len(entries):,} parts inside the file")
    total = 0
    for entry in entries:
        size = entry.file_size
        limit = MAX_ZIP_XML_SIZE if entry.filename.endswith((".xml", ".rels")) else None
        if size > (limit or MAX_ZIP_ENTRY_SIZE):
            raise LimitExceeded(_BOMB.format(what=f"a part of {size / 1_048_576:,.0f} MB"))
        if size > _RATIO_FREE_SIZE and size > entry.compress_size * MAX_COMPRESSION_RATIO:
            ratio = size // max(1, entry.compress_size)
            raise LimitExceeded(_BOMB.format(what=f"a part {ratio:,} times its packed size"))
        total += size
    if total > MAX_ZIP_TOTAL_SIZE:
        raise LimitExceeded(_BOMB.format(what=f"{total / 1_048_576:,.0f} MB unpacked"))


def nesting_depth(root: object, children: str = "contents", limit: int = MAX_HTML_NESTING) -> int:
    """How deeply elements nest under ``root`` (walked without recursion), up to ``limit + 1``."""
    deepest = 0
    stack: list[tuple[object, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        for child in getattr(node, children, None) or ():
            if hasattr(child, children):
                stack.append((child, depth + 1))
    return deepest


def check_html_nesting(root: object) -> None:
    """Refuse a web page whose elements nest deeper than real pages do."""
    if nesting_depth(root) > MAX_HTML_NESTING:
        raise LimitExceeded(
            f"The web page's parts are nested inside each other over {MAX_HTML_NESTING} "
            "deep, far more than a report's page, so we have not read it. Save the report "
            "as a Word .docx or PDF and upload that instead."
        )
