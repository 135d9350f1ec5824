"""Group a document's blocks into passages, the units the importer places.

A passage is a paragraph, a sentence ending in ":" that introduces a list, or one item
of a list (which remembers its lead-in). Each passage keeps the headings it sits under,
nearest first; the page's title is not one of them.
"""

# ruff: noqa: RUF002 -- typographic dashes are what documents contain

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .document import Block, BlockKind
from .lexicon import PERSON_WITH_TITLE as _PERSON

_WORD = re.compile(r"[a-z]+")
_URL_ONLY = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$")
# A line naming a person ("Mrs Taylor" under "SENDCo") is kept however short it is.
_MIN_WORDS = 3
# Lines before the title are the page's furniture (site name, "Skip to content").
TITLE_AREA_WORDS = 12


@dataclass
class Passage:
    """A piece of the school's text and where it was placed (``key`` None: unplaced)."""

    text: str
    headings: list[str]
    group: int
    list_id: int | None = None
    # Passages of one segment (between headings, table cells or removed guidance) were
    # written as one answer; a weak passage may continue its neighbour only within one.
    segment: int = 0
    block_ids: tuple[int, ...] = ()
    key: str | None = None
    scores: dict[str, float] = field(default_factory=dict)
    content: dict[str, float] = field(default_factory=dict)
    non_answer_section: bool = False
    # An entry of a list of contents ("3. How does the school identify...?"): a link to
    # an answer, not the answer.
    contents: bool = False
    # An entry of a glossary ("OT Occupational Therapist"): it spells out a word, it does
    # not say what the school does (``extraction.glossary``).
    glossary: bool = False
    # How much the passage sounds like text that answers nothing (introductions,
    # definitions, ethos, the school's details): it counts against every item.
    none_score: float = 0.0
    # Above the document's first sentence: the page's title and links.
    furniture: bool = False
    # A second item the passage answers just as clearly (see ``Placer._second_key``).
    also_key: str | None = None
    # The passage number of the sentence that introduces this list item, if any.
    lead_in: int | None = None
    # Its own words' scores (before any SENCO boost), which its list items share.
    own: dict[str, float] = field(default_factory=dict)

    @property
    def keys(self) -> list[str]:
        """The items the passage is placed under: none, one, or two."""
        return [key for key in (self.key, self.also_key) if key is not None]


def build_passages(
    blocks: list[Block], names_item: Callable[[str], bool] = lambda heading: False
) -> list[Passage]:
    """Group blocks into passages, each with the headings it sits under.

    ``names_item`` says whether a heading clearly names a statutory item: such a first
    heading is a section's, not the page's title.
    """
    passages: list[Passage] = []
    stack: list[Block] = []
    list_id = 0
    segment = 0
    index = 0
    title = _title_index(blocks)
    if title is not None and names_item(blocks[title].text):
        title = None
    while index < len(blocks):
        block = blocks[index]
        if index == title:
            # The page's title ("Local Offer", "SEND") names the whole document, not
            # the section below it.
            segment += 1
            index += 1
            continue
        if block.kind == BlockKind.HEADING:
            while stack and stack[-1].level >= block.level:
                stack.pop()
            stack.append(block)
            segment += 1
            index += 1
            continue
        if block.cell_start:
            segment += 1
        headings = [heading.text for heading in reversed(stack)]
        if block.kind == BlockKind.PARAGRAPH and block.text.rstrip().endswith(":"):
            # A lead-in sentence and the list it introduces are one passage (PDF text
            # can lose bullets: short unpunctuated lines after it are items too).
            end = index + 1
            while end < len(blocks) and (
                blocks[end].kind == BlockKind.ITEM or _bare_item(blocks[end], blocks[end - 1])
            ):
                end += 1
            if end == index + 1 and end < len(blocks) and _URL_ONLY.match(blocks[end].text):
                end += 1  # "The Local Offer can be found at:" and the address below it
                passages.append(
                    Passage(
                        _clean(f"{block.text} {blocks[index + 1].text}"),
                        headings,
                        block.group,
                        block_ids=(index, index + 1),
                        segment=segment,
                    )
                )
                index = end
                continue
            if end > index + 1:
                # Each item is a passage of its own, read with the lead-in's words: a
                # list may answer more than one item ("...with help from outside
                # professionals"), and a list of documents after "This report complies
                # with:" answers nothing, as its lead-in says.
                list_id += 1
                lead_in = len(passages)
                passages.append(
                    Passage(
                        _clean(block.text),
                        headings,
                        block.group,
                        list_id=list_id,
                        block_ids=(index,),
                        segment=segment,
                    )
                )
                for number in range(index + 1, end):
                    passages.append(
                        _list_item(
                            blocks[number],
                            number,
                            headings,
                            block.group,
                            list_id,
                            segment,
                            lead_in=lead_in,
                        )
                    )
                index = end
                continue
        if block.kind == BlockKind.ITEM:
            if index == 0 or blocks[index - 1].kind != BlockKind.ITEM:
                list_id += 1
            passages.append(_list_item(block, index, headings, block.group, list_id, segment))
        elif len(_WORD.findall(block.text.lower())) >= _MIN_WORDS or _PERSON.search(block.text):
            passages.append(
                Passage(
                    _clean(block.text), headings, block.group, block_ids=(index,), segment=segment
                )
            )
        index += 1
    return passages


def _list_item(
    block: Block,
    index: int,
    headings: list[str],
    group: int,
    list_id: int,
    segment: int,
    lead_in: int | None = None,
) -> Passage:
    """A list item as a passage: its text behind a bullet (``group``: a lead-in's items
    take the lead-in's group)."""
    return Passage(
        f"• {_clean(block.text)}",
        headings,
        group,
        list_id=list_id,
        block_ids=(index,),
        segment=segment,
        lead_in=lead_in,
    )


def _title_index(blocks: list[Block]) -> int | None:
    """The document's title: its first heading, when only short lines come before it."""
    for index, block in enumerate(blocks):
        if block.kind == BlockKind.HEADING:
            return None if block.text.rstrip().endswith("?") else index
        if len(_WORD.findall(block.text.lower())) >= TITLE_AREA_WORDS:
            return None
    return None


def _bare_item(block: Block, previous: Block) -> bool:
    """A short line with no full stop after a lead-in: a list item that lost its bullet.

    It follows the line before without a blank line between: after a blank line, a
    short line is something else ("SENCO – Mrs J Smith" after a list of documents).
    """
    words = _WORD.findall(block.text.lower())
    return (
        block.kind == BlockKind.PARAGRAPH
        and block.group == previous.group
        and len(words) <= 12
        and not block.text.rstrip().endswith((".", ":", "?", "!"))
        and not block.cell_start
    )


def _clean(text: str) -> str:
    return " ".join(text.split())
