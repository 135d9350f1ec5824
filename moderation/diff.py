"""Word-level differences between two versions of a report answer, paragraph by paragraph.

Wagtail's own comparison runs a rich text field's paragraphs together ("before a child
starts.Every pupil's progress"). Here each paragraph and list item stays a paragraph:
paragraphs are matched first, then words within a changed paragraph, so a moderator
sees the two changed sentences rather than the whole answer.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass
from enum import StrEnum

_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|div|blockquote)>|<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_TOKEN = re.compile(r"\S+")


class Change(StrEnum):
    SAME = "same"
    ADDED = "added"
    REMOVED = "removed"


@dataclass(frozen=True)
class Segment:
    """A run of words that is the same in both versions, added, or removed."""

    change: Change
    text: str


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the comparison: its segments in reading order."""

    segments: tuple[Segment, ...]

    @property
    def change(self) -> Change:
        kinds = {segment.change for segment in self.segments}
        return kinds.pop() if len(kinds) == 1 else Change.SAME


def paragraphs(value: str) -> list[str]:
    """The visible paragraphs (and list items) of rich text or plain text."""
    value = value or ""
    blocks = _BLOCK_END.split(value) if "<" in value else value.split("\n")
    result = []
    for block in blocks:
        text = " ".join(html.unescape(_TAG.sub(" ", block)).replace("\xa0", " ").split())
        if text:
            result.append(text)
    return result


def _whole(change: Change, text: str) -> Paragraph:
    return Paragraph((Segment(change, text),))


def _words(old: str, new: str) -> Paragraph:
    before, after = _TOKEN.findall(old), _TOKEN.findall(new)
    segments: list[Segment] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(Segment(Change.SAME, " ".join(before[i1:i2])))
            continue
        if i2 > i1:
            segments.append(Segment(Change.REMOVED, " ".join(before[i1:i2])))
        if j2 > j1:
            segments.append(Segment(Change.ADDED, " ".join(after[j1:j2])))
    return Paragraph(tuple(segments))


def compare(old: str, new: str) -> list[Paragraph]:
    """The paragraphs of ``new`` with what changed from ``old`` marked, word by word."""
    before, after = paragraphs(old), paragraphs(new)
    result: list[Paragraph] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            result.extend(_whole(Change.SAME, text) for text in after[j1:j2])
        elif tag == "delete":
            result.extend(_whole(Change.REMOVED, text) for text in before[i1:i2])
        elif tag == "insert":
            result.extend(_whole(Change.ADDED, text) for text in after[j1:j2])
        else:  # replace: pair the paragraphs up, word-diff each pair, the rest whole
            pairs = min(i2 - i1, j2 - j1)
            result.extend(_words(before[i1 + n], after[j1 + n]) for n in range(pairs))
            result.extend(_whole(Change.REMOVED, text) for text in before[i1 + pairs : i2])
            result.extend(_whole(Change.ADDED, text) for text in after[j1 + pairs : j2])
    return result


def has_changed(old: str, new: str) -> bool:
    """Whether the visible text differs (markup-only changes do not count)."""
    return paragraphs(old) != paragraphs(new)
