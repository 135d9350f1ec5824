"""The structured text of a report document, as every reader produces it.

A document is a flat list of blocks in reading order. Headings carry a level (1 is the
top); paragraphs and list items carry the number of the source paragraph, table cell
or list they came from (``group``), so that later steps know which blocks were written
as one piece of text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    ITEM = "item"


@dataclass
class Block:
    """One heading, paragraph or list item."""

    kind: BlockKind
    text: str
    level: int = 0
    group: int = 0
    # The block opens a table cell (a proforma's row label, guidance or answer).
    cell_start: bool = False


@dataclass
class Document:
    """The blocks of one document and what kind of file it came from."""

    file_type: str
    blocks: list[Block] = field(default_factory=list)

    @property
    def text(self) -> str:
        """All the text, one block a line (for size checks and quick inspection)."""
        return "\n".join(block.text for block in self.blocks)
