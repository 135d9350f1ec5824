"""What one line of plain text shows by itself: its words, a bullet or number at its
start, the punctuation at its end.

The signals the layout rules (``headings``, ``wrapping``, ``textlayout``) read; none of
them depends on the lines around it.
"""

# ruff: noqa: RUF001 -- typographic quotes, dashes and bullets are what documents contain

from __future__ import annotations

import re
import unicodedata

# Bullet characters as Word, PDF converters and symbol fonts write them (the private-use
# ones are Symbol/Wingdings bullets that PDF text extraction passes through).
_BULLETS = "•·▪■◦○●➢➤►✓✔❖◆◇\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf0a8\uf0be\u2043\u2219"
_BULLET_LINE = re.compile(rf"^\s*(?:[{_BULLETS}]|[-*–]\s|o\s(?=[A-Z]))\s*")
# "(a) ...", "b) ...", "(iv) ...": a lettered list item.
LETTERED_ITEM = re.compile(r"^\s*(?:\(?[a-z]\)|\([ivx]+\)|[ivx]+\))\s+")
# "5. ...", "5.2 ...", "3) ...": the number and the rest of a numbered line.
NUMBERED = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})*)(?:[.)]|\s)\s*(\S.*)$")
# A line ending as a sentence or a clause does (a closing quote or bracket may follow).
TERMINAL = re.compile(r"[.!?;,]['\"’”)]?\s*$")
# Words that cannot end a sentence or a title: a line ending in one runs on.
FUNCTION_WORDS = frozenset(
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
# Words that open a sentence rather than a title ("We meet ...").
PRONOUN_START = frozenset(
    ["we", "i", "you", "they", "it", "this", "these", "he", "she", "there", "if"]
)


def normalise(text: str) -> str:
    """Unify line ends, spaces and bullet characters; keep tabs (they mark table cells)."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = text.replace("\xa0", " ").replace("\u200b", "").replace("\ufeff", "")
    text = re.sub(r"[ \u2002\u2003\u2009]+", " ", text)
    return text


def words_of(line: str) -> list[str]:
    """The words of a line (letters, digits and the joiners within a word)."""
    return re.findall(r"[A-Za-z0-9’'&/-]+", line)


def is_bullet(line: str) -> bool:
    """Whether the line starts with a bullet and has text after it."""
    return bool(_BULLET_LINE.match(line)) and bool(_BULLET_LINE.sub("", line).strip())


def strip_bullet(line: str) -> str:
    """The line without its bullet."""
    return _BULLET_LINE.sub("", line, count=1).strip()


def next_number(number: str) -> str:
    """The number after ``number`` at its own level: "5" then "6", "5.2" then "5.3"."""
    head, _, last = number.rpartition(".")
    following = str(int(last) + 1)
    return f"{head}.{following}" if head else following
