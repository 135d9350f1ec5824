"""Recover headings, paragraphs, list items and table cells from plain text.

Plain text reaches us from ``.txt`` files and from PDFs, whose text comes out as
hard-wrapped lines: a paragraph is several lines, a bullet may wrap, a heading is a
short line on its own, and a Word table saved as text puts a tab at the start of each
cell. The rules use only those layout signals (line length, punctuation, bullets,
numbering, tabs), never particular wording. This module walks the lines and builds the
blocks; what one line shows is in ``lines``, whether it is a heading in ``headings``,
whether it goes on with the block before it in ``wrapping``.
"""

from __future__ import annotations

import re

from .document import Block, BlockKind
from .headings import (
    A_PREFIX,
    MARKED_HEADING,
    Q_PREFIX,
    QUESTION_THEN_ANSWER,
    in_numbered_list,
    lists_from_heading_runs,
    looks_like_heading,
    numbered_heading_level,
    title_like,
)
from .lexicon import PERSON_WITH_TITLE as _PERSON
from .lines import LETTERED_ITEM, NUMBERED, is_bullet, normalise, strip_bullet, words_of
from .wrapping import continues_block, is_unwrapped, resumes_paragraph

_PIPE_CELL = re.compile(r"\S\s+\|(?:\s|$)")
_CELL_SPLIT = re.compile(r"\t|\s+\|(?=\s|$)\s*")


def parse_text(text: str, *, standalone: bool = False) -> list[Block]:
    """Split plain (possibly hard-wrapped, possibly tabbed) text into blocks.

    ``standalone`` says the text is one whole paragraph of a structured document (a Word
    paragraph, an HTML ``<p>``): then a single heading-like line is a heading even though
    nothing follows it here.
    """
    lines = normalise(text).split("\n")
    # A tab, or a " | " as web pages' tables flatten to, starts a table cell: split such
    # lines so each cell begins on its own line.
    cells: list[tuple[str, bool]] = []
    for line in lines:
        if "\t" in line or _PIPE_CELL.search(line):
            parts = _CELL_SPLIT.split(line)
            while len(parts) > 1 and not parts[-1].strip():
                parts.pop()
            if parts[0].strip():
                # The first cell starts the row as much as the others do.
                cells.append((parts[0], len(parts) > 1 and "\t" not in line))
            for part in parts[1:]:
                cells.append((part, True))
        else:
            cells.append((line, False))
    return _LineParser(cells, standalone=standalone).parse()


class _LineParser:
    def __init__(self, lines: list[tuple[str, bool]], *, standalone: bool = False) -> None:
        self.standalone = standalone and len([line for line, _ in lines if line.strip()]) == 1
        self.lines = [(line.rstrip(), cell_start) for line, cell_start in lines]
        self.blocks: list[Block] = []
        self.group = 0
        self.current: Block | None = None
        self.current_last_line = ""
        # The lines of the block being built, joined once when it is finished: adding
        # to a string line by line would copy the paragraph again for every line.
        self.current_parts: list[str] = []
        # The tidied lines of the last finished block, whose text is joined only once a
        # block follows it: until then a paragraph may be taken up again after a blank
        # line (``_resumes_last_paragraph``), and joining it each time would copy it
        # again for every line it gains. Also the last word of those lines.
        self.last_lines: list[str] = []
        self.last_word = ""
        self.resumed = False
        # The next line with text after each line, found in one pass from the end, so
        # that looking ahead costs the same however many lines follow.
        self.following: list[str] = [""] * len(self.lines)
        following = ""
        for index in range(len(self.lines) - 1, -1, -1):
            self.following[index] = following
            following = self.lines[index][0].strip() or following
        self.has_numbered_headings = any(
            self._numbered_heading(i) is not None for i in range(len(self.lines))
        )
        self.unwrapped = is_unwrapped([line for line, _ in self.lines])

    # -- helpers -------------------------------------------------------------
    def _next_nonblank(self, index: int) -> str:
        return self.following[index]

    def _prev_line(self, index: int) -> str:
        return self.lines[index - 1][0].strip() if index > 0 else ""

    def _numbered_heading(self, index: int) -> int | None:
        """The heading level of a numbered heading line ("5." is 1, "5.2" is 2), else None."""
        line = self.lines[index][0]
        if not NUMBERED.match(line):
            return None  # most lines: no need to look for the next line with text
        alone = index + 1 >= len(self.lines) or not self.lines[index + 1][0].strip()
        return numbered_heading_level(
            line, previous=self._prev_line(index), following=self._next_nonblank(index), alone=alone
        )

    def _in_numbered_list(self, index: int) -> bool:
        """ "1. ...", "2. ..." on lines one after the other are the items of a list."""
        line = self.lines[index][0]
        if not NUMBERED.match(line):
            return False
        return in_numbered_list(
            line, previous=self._prev_line(index), following=self._next_nonblank(index)
        )

    def _flush(self) -> None:
        added = "\n".join(self.current_parts)
        if self.current is not None and (self.resumed or added.strip()):
            # Line breaks stay until guidance is removed (see ``guidance``); then they go.
            # A resumed paragraph's earlier lines are tidy already: only the added lines
            # are tidied, so taking a paragraph up again costs only the lines it adds.
            lines = [re.sub(r"\s+", " ", part).strip() for part in added.split("\n")]
            lines = [line for line in lines if line]
            words = words_of("\n".join(lines))
            if self.resumed:
                self.last_lines.extend(lines)
                self.last_word = words[-1] if words else self.last_word
            else:
                self._settle_last()
                self.last_lines = lines
                self.last_word = words[-1] if words else ""
            self.blocks.append(self.current)
        self.current = None
        self.current_parts = []
        self.resumed = False

    def _settle_last(self) -> None:
        """Give the last finished block its text: no line will be added to it now."""
        if self.blocks:
            self.blocks[-1].text = "\n".join(self.last_lines)

    def _start(self, kind: BlockKind, text: str, *, cell_start: bool = False, level: int = 0):
        self._flush()
        self.current = Block(kind, text, level=level, group=self.group, cell_start=cell_start)
        self.current_parts = [text]
        self.current_last_line = text

    def _new_group(self) -> None:
        self._flush()
        self.group += 1

    # -- main loop -----------------------------------------------------------
    def parse(self) -> list[Block]:
        unnumbered_level = 2 if self.has_numbered_headings else 1
        for index, (raw, cell_start) in enumerate(self.lines):
            line = raw.strip()
            if cell_start:
                self._new_group()
            if not line:
                self._new_group()
                continue
            question = Q_PREFIX.match(line)
            if question:
                # "Q: How will I know how my child is doing?" heads its answer.
                self._new_group()
                self._start(BlockKind.HEADING, question.group(1), level=2, cell_start=cell_start)
                self._new_group()
                continue
            line = A_PREFIX.sub("", line)
            marked = MARKED_HEADING.match(line)
            if marked and not _PERSON.search(line):
                self._new_group()
                title = next(group for group in marked.groups() if group)
                self._start(BlockKind.HEADING, title, level=2, cell_start=cell_start)
                self._new_group()
                continue
            asked = QUESTION_THEN_ANSWER.match(line)
            if asked and not self._continues_current(line):
                # The question heads the answer that follows it on the same line.
                self._new_group()
                self._start(BlockKind.HEADING, asked.group(1), level=2, cell_start=cell_start)
                self._new_group()
                line, cell_start = asked.group(2), False
            next_line = self._next_nonblank(index)
            numbered_level = self._numbered_heading(index)
            continues = self._continues_current(line)
            if numbered_level is not None and not continues:
                self._new_group()
                self._start(BlockKind.HEADING, line, level=numbered_level, cell_start=cell_start)
                self._new_group()
                continue
            if is_bullet(line) or LETTERED_ITEM.match(line) or self._in_numbered_list(index):
                text = strip_bullet(line) if is_bullet(line) else line
                self._start(BlockKind.ITEM, text, cell_start=cell_start)
                continue
            if cell_start and self._cell_is_single_line(index) and next_line:
                label = line.rstrip(",;: ")
                if looks_like_heading(label, allow_colon=False):
                    # A table row's label ("Recording Provision,"): the row's heading.
                    self._new_group()
                    self._start(BlockKind.HEADING, label, level=2, cell_start=True)
                    self._new_group()
                    continue
            if (
                (not continues or title_like(line, self.current_last_line))
                # "Introduction & Aim:" on a line of its own titles what follows.
                and looks_like_heading(line, allow_colon=self.unwrapped)
                and (next_line or self.standalone)
                and not next_line[:1].islower()
            ):
                level = unnumbered_level
                if cell_start and self._cell_is_single_line(index):
                    level = 2  # a table row's label
                self._new_group()
                self._start(BlockKind.HEADING, line, level=level, cell_start=cell_start)
                self._new_group()
                continue
            if continues and self.current is not None:
                self.current_parts.append(line)
                self.current_last_line = line
                continue
            if self._resumes_last_paragraph(line, cell_start):
                # A PDF's text can leave a blank line between the wrapped lines of one
                # sentence: "... core, additional and high needs," / (blank) / "where
                # some children ...". A line opening in lower case after a paragraph
                # that stopped mid-sentence is the rest of that paragraph.
                self.current = self.blocks.pop()
                self.resumed = True
                self.current_parts = [line]
                self.current_last_line = line
                continue
            self._start(BlockKind.PARAGRAPH, line, cell_start=cell_start)
        self._flush()
        self._settle_last()
        return lists_from_heading_runs(self.blocks)

    def _resumes_last_paragraph(self, line: str, cell_start: bool) -> bool:
        """Whether ``line``, after a blank line, goes on with the paragraph before it."""
        if cell_start or self.current is not None or not self.blocks:
            return False
        return resumes_paragraph(line, self.blocks[-1].kind, self.last_lines[-1], self.last_word)

    def _cell_is_single_line(self, index: int) -> bool:
        following = self.lines[index + 1 : index + 2]
        return not following or following[0][1] or not following[0][0].strip()

    def _continues_current(self, line: str) -> bool:
        """Whether ``line`` is the wrapped continuation of the block being built."""
        return continues_block(line, self.current, self.current_last_line, unwrapped=self.unwrapped)
