"""Whether a line of plain text reads as a heading.

Headings in text have no style: they are short lines in title case, questions, numbered
section titles, lines marked as Markdown writes them or prefixed "Q:". The rules read
the line's own layout (length, capitals, punctuation, numbering), never its wording, and
at most the lines just before and after it.
"""

# ruff: noqa: RUF001, RUF003 -- typographic quotes, dashes and bullets are what documents contain

from __future__ import annotations

import re

from .document import Block, BlockKind
from .lexicon import PERSON_WITH_TITLE as _PERSON
from .lines import FUNCTION_WORDS, NUMBERED, PRONOUN_START, TERMINAL, next_number, words_of

_LABEL_VALUE = re.compile(r"\S\s*:\s+\S")
_URLISH = re.compile(r"(https?://|www\.|@|\d{5})")
# "SENCO – Mrs Jo Smith" names a person: a line of a contact list, not a heading.
# Question-and-answer layouts: "Q: ...?" lines are headings, "A:" starts the answer.
Q_PREFIX = re.compile(r"^Q(?:uestion)?\s*\d{0,2}\s*[:.)–-]\s*(\S.{0,300}\?)\s*$")
# A parent's question and its answer on one line ("How will I know how my child is
# doing? We send a report home each term..."): a question word, the question, then a
# sentence. Short remainders ("Who is the SENCo? Mrs X") are left to the contact rules.
QUESTION_THEN_ANSWER = re.compile(
    r"^((?:How|What|Who|Where|When|Which|Will|Can|Could|Do|Does|Is|Are|Should)\b"
    r"[^?]{10,200}\?)\s+([A-Z\u2018\u201c'\"][^?]{30,})$"
)
# Text converted from a web page or a Word file by a Markdown tool keeps its headings
# and bold lines as "## Title" and "**Title**".
MARKED_HEADING = re.compile(r"^(?:#{1,6}\s+(\S.*?)\s*#*|\*\*(\S[^*]*?)\*\*:?|__(\S[^_]*?)__:?)$")
A_PREFIX = re.compile(r"^A(?:nswer)?\s*\d{0,2}\s*[:.)–-]\s+(?=\S)")
# A line ending in "?" is a question heading up to this long (a template's question).
_QUESTION_CHARS = 250
_QUESTION_WORDS = 45
# A numbered line standing alone is a section title up to this long.
_NUMBERED_TITLE_WORDS = 24
_NUMBERED_TITLE_CHARS = 170


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
    words = words_of(text)
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
        if not allow_colon or len(words) > 5 or words[0].lower() in PRONOUN_START:
            return False
    elif TERMINAL.search(text) and not is_question:
        return False
    if _LABEL_VALUE.search(text.rstrip(":")) or _URLISH.search(text) or _PERSON.search(text):
        return False
    last = words[-1].lower()
    # "What needs does the school provide for?" is a whole question; a line ending in
    # "for" without the question mark is the first half of a wrapped sentence.
    if last in FUNCTION_WORDS and not is_question and not allow_open_end:
        return False
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3


def numbered_heading_level(line: str, *, previous: str, following: str, alone: bool) -> int | None:
    """The heading level of a numbered heading line ("5." is 1, "5.2" is 2), else None.

    ``previous`` is the line before (blank or not), ``following`` the next line with
    text, ``alone``: a blank line (or the end) comes next.
    """
    match = NUMBERED.match(line)
    if not match:
        return None
    number, rest = match.groups()
    # "1. The needs we provide for", then a blank line: a section's title.
    if not (
        looks_like_heading(rest, allow_colon=True, allow_open_end=alone)
        or (alone and _long_numbered_title(rest))
    ):
        return None
    if in_numbered_list(line, previous=previous, following=following):
        return None
    return number.count(".") + 1


def in_numbered_list(line: str, *, previous: str, following: str) -> bool:
    """ "1. ...", "2. ..." on lines one after the other are the items of a list, not headings.

    ``previous`` is the line before (blank or not), ``following`` the next line with text.
    """
    match = NUMBERED.match(line)
    if not match:
        return False
    number = match.group(1)
    next_match = NUMBERED.match(following)
    previous_match = NUMBERED.match(previous)
    return bool(
        (next_match and next_match.group(1) == next_number(number))
        or (previous_match and next_number(previous_match.group(1)) == number)
    )


def _long_numbered_title(text: str) -> bool:
    """A numbered line standing alone that reads as a title though longer than most:
    templates number their sections with the Regulations' own wording of each item
    ("3. The arrangements for consulting parents of children with special educational
    needs about, and involving them in, their education")."""
    text = text.strip()
    words = words_of(text)
    return (
        0 < len(words) <= _NUMBERED_TITLE_WORDS
        and len(text) <= _NUMBERED_TITLE_CHARS
        and text[0].isupper()
        and words[0].lower() not in PRONOUN_START  # "We meet ...": a sentence
        and not TERMINAL.search(text)
        and not text.endswith(":")
        and not (_LABEL_VALUE.search(text) or _URLISH.search(text) or _PERSON.search(text))
    )


def title_like(line: str, previous: str) -> bool:
    """A short line in title case after a finished-looking line is a heading, even when
    the line before it lacks a full stop ("...review cycle" then "Teaching Assistant Support")."""
    words = words_of(line)
    if not 1 < len(words) <= 6 or previous.rstrip().endswith((",", ";", "-")):
        return False
    if words_of(previous) and words_of(previous)[-1].lower() in FUNCTION_WORDS:
        return False
    content = [word for word in words if word.lower() not in FUNCTION_WORDS]
    capitals = sum(word[0].isupper() for word in content)
    return bool(content) and capitals >= 0.6 * len(content)


def lists_from_heading_runs(blocks: list[Block]) -> list[Block]:
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
            and not NUMBERED.match(blocks[end].text)
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
