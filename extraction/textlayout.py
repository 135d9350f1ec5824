"""Recover headings, paragraphs, list items and table cells from plain text.

Plain text reaches us from ``.txt`` files and from PDFs, whose text comes out as
hard-wrapped lines: a paragraph is several lines, a bullet may wrap, a heading is a
short line on its own, and a Word table saved as text puts a tab at the start of each
cell. The rules here use only those layout signals (line length, punctuation, bullets,
numbering, tabs), never particular wording.

Long because it is one line parser: each layout rule (numbered and question headings,
table cells, wrapped and split sentences) reads the same line state, and splitting them
apart would pass that state between modules.
"""

# ruff: noqa: RUF001, RUF003 -- typographic quotes, dashes and bullets are what documents contain

from __future__ import annotations

import itertools
import re
import unicodedata

from .document import Block, BlockKind
from .lexicon import PERSON_WITH_TITLE as _PERSON

# Bullet characters as Word, PDF converters and symbol fonts write them (the private-use
# ones are Symbol/Wingdings bullets that PDF text extraction passes through).
_BULLETS = "•·▪■◦○●➢➤►✓✔❖◆◇\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf0a8\uf0be\u2043\u2219"
_BULLET_LINE = re.compile(rf"^\s*(?:[{_BULLETS}]|[-*–]\s|o\s(?=[A-Z]))\s*")
_LETTERED_ITEM = re.compile(r"^\s*(?:\(?[a-z]\)|\([ivx]+\)|[ivx]+\))\s+")
_NUMBERED = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})*)(?:[.)]|\s)\s*(\S.*)$")
_TERMINAL = re.compile(r"[.!?;,]['\"’”)]?\s*$")
_SENTENCE_END = re.compile(r"[.!?]['\"’”)]?\s*$")
_LABEL_VALUE = re.compile(r"\S\s*:\s+\S")
_URLISH = re.compile(r"(https?://|www\.|@|\d{5})")
# "SENCO – Mrs Jo Smith" names a person: a line of a contact list, not a heading.
# Question-and-answer layouts: "Q: ...?" lines are headings, "A:" starts the answer.
_Q_PREFIX = re.compile(r"^Q(?:uestion)?\s*\d{0,2}\s*[:.)–-]\s*(\S.{0,300}\?)\s*$")
# A parent's question and its answer on one line ("How will I know how my child is
# doing? We send a report home each term..."): a question word, the question, then a
# sentence. Short remainders ("Who is the SENCo? Mrs X") are left to the contact rules.
_QUESTION_THEN_ANSWER = re.compile(
    r"^((?:How|What|Who|Where|When|Which|Will|Can|Could|Do|Does|Is|Are|Should)\b"
    r"[^?]{10,200}\?)\s+([A-Z\u2018\u201c'\"][^?]{30,})$"
)
# Text converted from a web page or a Word file by a Markdown tool keeps its headings
# and bold lines as "## Title" and "**Title**".
_MARKED_HEADING = re.compile(r"^(?:#{1,6}\s+(\S.*?)\s*#*|\*\*(\S[^*]*?)\*\*:?|__(\S[^_]*?)__:?)$")
_A_PREFIX = re.compile(r"^A(?:nswer)?\s*\d{0,2}\s*[:.)–-]\s+(?=\S)")
_PIPE_CELL = re.compile(r"\S\s+\|(?:\s|$)")
_CELL_SPLIT = re.compile(r"\t|\s+\|(?=\s|$)\s*")
# A line this long cannot be a line of a page: the text keeps one paragraph a line.
_UNWRAPPED_LINE = 160
# A line ending in "?" is a question heading up to this long (a template's question).
_QUESTION_CHARS = 250
_QUESTION_WORDS = 45
# A numbered line standing alone is a section title up to this long.
_NUMBERED_TITLE_WORDS = 24
_NUMBERED_TITLE_CHARS = 170
_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "or",
        "of",
        "the",
        "to",
        "in",
        "for",
        "with",
        "by",
        "on",
        "at",
        "is",
        "are",
        "be",
        "as",
        "that",
        "which",
        "from",
        "their",
        "our",
        "your",
        "this",
        "will",
        "can",
        "may",
        "has",
        "have",
        "who",
        "where",
        "when",
        "than",
        "into",
        "about",
        "its",
        "through",
        "between",
        "within",
        "without",
        "via",
        "including",
        "such",
        "like",
        "per",
        "because",
        "if",
        "so",
        "but",
        "not",
        "also",
        "both",
        "each",
        "all",
        "any",
        "some",
        "more",
        "most",
        "very",
        "was",
        "were",
        "been",
        "being",
    ]
)
_PRONOUN_START = frozenset(
    ["we", "i", "you", "they", "it", "this", "these", "he", "she", "there", "if"]
)


def normalise(text: str) -> str:
    """Unify line ends, spaces and bullet characters; keep tabs (they mark table cells)."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = text.replace("\xa0", " ").replace("\u200b", "").replace("\ufeff", "")
    text = re.sub(r"[ \u2002\u2003\u2009]+", " ", text)
    return text


def _words(line: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9’'&/-]+", line)


def _is_bullet(line: str) -> bool:
    return bool(_BULLET_LINE.match(line)) and bool(_BULLET_LINE.sub("", line).strip())


def _strip_bullet(line: str) -> str:
    return _BULLET_LINE.sub("", line, count=1).strip()


def looks_like_heading(
    line: str, *, allow_colon: bool = True, allow_open_end: bool = False
) -> bool:
    """Whether one line, on its own, reads as a heading rather than part of a sentence.

    ``allow_open_end``: the line stands alone (a blank line after it), so ending in
    "for" or "with" does not make it the first half of a wrapped sentence.
    """
    text = line.strip()
    is_question = text.endswith("?")
    # Council templates' questions run long (two or three questions in one, thirty words
    # or more), and may open with a bracketed note of whom they are for ("(Mainstream
    # schools only) How ...?").
    if not text or len(text) > (_QUESTION_CHARS if is_question else 160):
        return False
    words = _words(text)
    if not words:
        return False
    if is_question:
        if len(words) > _QUESTION_WORDS:
            return False
        text = re.sub(r"^\([^()]{1,80}\)\s*(?=[A-Z])", "", text)
    elif len(words) > 12 or len(text) > 80:
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "‘'\"“"):
        return False
    if text.endswith(":"):
        if not allow_colon or len(words) > 5 or words[0].lower() in _PRONOUN_START:
            return False
    elif _TERMINAL.search(text) and not is_question:
        return False
    if _LABEL_VALUE.search(text.rstrip(":")) or _URLISH.search(text) or _PERSON.search(text):
        return False
    last = words[-1].lower()
    # "What needs does the school provide for?" is a whole question; a line ending in
    # "for" without the question mark is the first half of a wrapped sentence.
    if last in _FUNCTION_WORDS and not is_question and not allow_open_end:
        return False
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3


def _long_numbered_title(text: str) -> bool:
    """A numbered line standing alone that reads as a title though longer than most:
    templates number their sections with the Regulations' own wording of each item
    ("3. The arrangements for consulting parents of children with special educational
    needs about, and involving them in, their education")."""
    text = text.strip()
    words = _words(text)
    return (
        0 < len(words) <= _NUMBERED_TITLE_WORDS
        and len(text) <= _NUMBERED_TITLE_CHARS
        and text[0].isupper()
        and words[0].lower() not in _PRONOUN_START  # "We meet ...": a sentence
        and not _TERMINAL.search(text)
        and not text.endswith(":")
        and not (_LABEL_VALUE.search(text) or _URLISH.search(text) or _PERSON.search(text))
    )


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
        self.has_numbered_headings = any(
            self._numbered_heading(i) is not None for i in range(len(self.lines))
        )
        self.unwrapped = _is_unwrapped([line for line, _ in self.lines])

    # -- helpers -------------------------------------------------------------
    def _next_nonblank(self, index: int) -> str:
        for line, _cell in self.lines[index + 1 :]:
            if line.strip():
                return line.strip()
        return ""

    def _prev_line(self, index: int) -> str:
        return self.lines[index - 1][0].strip() if index > 0 else ""

    def _numbered_heading(self, index: int) -> int | None:
        """The heading level of a numbered heading line ("5." is 1, "5.2" is 2), else None."""
        line = self.lines[index][0]
        match = _NUMBERED.match(line)
        if not match:
            return None
        number, rest = match.groups()
        # "1. The needs we provide for", then a blank line: a section's title.
        alone = index + 1 >= len(self.lines) or not self.lines[index + 1][0].strip()
        if not (
            looks_like_heading(rest, allow_colon=True, allow_open_end=alone)
            or (alone and _long_numbered_title(rest))
        ):
            return None
        # "1. ...", "2. ..." on consecutive lines are a numbered list, not headings.
        following = self._next_nonblank(index)
        next_match = _NUMBERED.match(following)
        if next_match and _next_number(number) == next_match.group(1):
            return None
        previous = self._prev_line(index)
        prev_match = _NUMBERED.match(previous)
        if prev_match and _next_number(prev_match.group(1)) == number:
            return None
        return number.count(".") + 1

    def _in_numbered_list(self, index: int) -> bool:
        """ "1. ...", "2. ..." on lines one after the other are the items of a list."""
        match = _NUMBERED.match(self.lines[index][0])
        if not match:
            return False
        number = match.group(1)
        following = _NUMBERED.match(self._next_nonblank(index))
        previous = _NUMBERED.match(self._prev_line(index))
        return bool(
            (following and following.group(1) == _next_number(number))
            or (previous and _next_number(previous.group(1)) == number)
        )

    def _flush(self) -> None:
        if self.current is not None and self.current.text.strip():
            # Line breaks stay until guidance is removed (see ``guidance``); then they go.
            lines = (re.sub(r"\s+", " ", part).strip() for part in self.current.text.split("\n"))
            self.current.text = "\n".join(line for line in lines if line)
            self.blocks.append(self.current)
        self.current = None

    def _start(self, kind: BlockKind, text: str, *, cell_start: bool = False, level: int = 0):
        self._flush()
        self.current = Block(kind, text, level=level, group=self.group, cell_start=cell_start)
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
            question = _Q_PREFIX.match(line)
            if question:
                # "Q: How will I know how my child is doing?" heads its answer.
                self._new_group()
                self._start(BlockKind.HEADING, question.group(1), level=2, cell_start=cell_start)
                self._new_group()
                continue
            line = _A_PREFIX.sub("", line)
            marked = _MARKED_HEADING.match(line)
            if marked and not _PERSON.search(line):
                self._new_group()
                title = next(group for group in marked.groups() if group)
                self._start(BlockKind.HEADING, title, level=2, cell_start=cell_start)
                self._new_group()
                continue
            asked = _QUESTION_THEN_ANSWER.match(line)
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
            if _is_bullet(line) or _LETTERED_ITEM.match(line) or self._in_numbered_list(index):
                text = _strip_bullet(line) if _is_bullet(line) else line
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
                (not continues or _title_like(line, self.current_last_line))
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
                self.current.text += "\n" + line
                self.current_last_line = line
                continue
            if self._resumes_last_paragraph(line, cell_start):
                # A PDF's text can leave a blank line between the wrapped lines of one
                # sentence: "... core, additional and high needs," / (blank) / "where
                # some children ...". A line opening in lower case after a paragraph
                # that stopped mid-sentence is the rest of that paragraph.
                self.current = self.blocks.pop()
                self.current.text += "\n" + line
                self.current_last_line = line
                continue
            self._start(BlockKind.PARAGRAPH, line, cell_start=cell_start)
        self._flush()
        return _lists_from_heading_runs(self.blocks)

    def _resumes_last_paragraph(self, line: str, cell_start: bool) -> bool:
        """Whether ``line``, after a blank line, goes on with the paragraph before it."""
        if cell_start or self.current is not None or not self.blocks or not line[0].islower():
            return False
        last = self.blocks[-1]
        if last.kind != BlockKind.PARAGRAPH:
            return False
        # Only where the paragraph plainly stopped mid-sentence: at a comma or a word that
        # cannot end one ("and", "for", "the"). A paragraph ending in any other word may
        # be a finished fragment (a council template's note), and joining a lower-case
        # line to it would give the fragment the line's topic.
        ending = last.text.rstrip()
        words = _words(ending)
        return ending.endswith(",") or bool(words and words[-1].lower() in _FUNCTION_WORDS)

    def _cell_is_single_line(self, index: int) -> bool:
        following = self.lines[index + 1 : index + 2]
        return not following or following[0][1] or not following[0][0].strip()

    def _continues_current(self, line: str) -> bool:
        """Whether ``line`` is the wrapped continuation of the block being built."""
        if self.current is None or self.current.kind == BlockKind.HEADING:
            return False
        if _is_bullet(line):
            return False
        if line[0].islower() or line[0] in ",;)":
            return True
        if self.unwrapped:
            # Text saved from a web page or Word keeps a paragraph on one line: a new
            # line that starts with a capital is a new paragraph.
            return False
        # A short line followed by a capital is a line of its own ("SENCo: Miss M Moss"),
        # not a wrapped one: wrapped lines fill the width.
        if len(self.current_last_line) < 40:
            return False
        if self.current.kind == BlockKind.ITEM and len(self.current_last_line) < 50:
            # A short bullet without a full stop is complete ("Educational Psychologist").
            return False
        # A sentence that ends at the end of a line closes the block: PDF text gives no
        # other sign of a paragraph break, and a short block is easier to place.
        return not _SENTENCE_END.search(
            self.current_last_line
        ) and not self.current_last_line.endswith(":")


def _is_unwrapped(lines: list[str]) -> bool:
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


def _title_like(line: str, previous: str) -> bool:
    """A short line in title case after a finished-looking line is a heading, even when
    the line before it lacks a full stop ("...review cycle" then "Teaching Assistant Support")."""
    words = _words(line)
    if not 1 < len(words) <= 6 or previous.rstrip().endswith((",", ";", "-")):
        return False
    if _words(previous) and _words(previous)[-1].lower() in _FUNCTION_WORDS:
        return False
    content = [word for word in words if word.lower() not in _FUNCTION_WORDS]
    capitals = sum(word[0].isupper() for word in content)
    return bool(content) and capitals >= 0.6 * len(content)


def _lists_from_heading_runs(blocks: list[Block]) -> list[Block]:
    """Three or more "headings" in a row are a list whose bullets were lost (PDF text).

    A heading introduces text; short lines that follow one another with nothing between
    them are the items of a list whose bullet characters the PDF converter dropped.
    """
    index = 0
    while index < len(blocks):
        end = index
        while (
            end < len(blocks)
            and blocks[end].kind == BlockKind.HEADING
            and not _NUMBERED.match(blocks[end].text)
            and not blocks[end].cell_start
            # A question is a heading even after a run of link-like lines.
            and not blocks[end].text.endswith("?")
        ):
            end += 1
        if end - index >= 3:
            group = blocks[index].group
            for block in blocks[index:end]:
                block.kind = BlockKind.ITEM
                block.level = 0
                block.group = group
        index = max(end, index + 1)
    return blocks


def _next_number(number: str) -> str:
    head, _, last = number.rpartition(".")
    following = str(int(last) + 1)
    return f"{head}.{following}" if head else following
