"""Plain-English help for an answer in a school's report: how easy it is to read, and
the jargon it uses without explaining.

The Code of Practice asks for information that is clear and accessible to parents.
This is advice for the editor and the moderator, never a rule: nothing here stops a
report from being saved, submitted or approved.

The score is the Flesch reading ease, computed by ``textstat`` over the answer's text
with each paragraph and list item taken as at least one sentence. It is put in words a
SENCO can act on: which is easy, and why something is hard (long sentences, long words).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

import textstat

_BLOCK_END = re.compile(r"</(p|li|h[1-6]|div|blockquote)>|<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_SENTENCE_END = re.compile(r"[.!?:;]$")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")

# Below this many words a score says more about the formula than about the writing.
MIN_WORDS = 12
LONG_SENTENCE_AVERAGE = 20
VERY_LONG_SENTENCE = 35
LONG_WORD_SHARE = 0.15  # words of three or more syllables


class Level(StrEnum):
    """How easy parents will find an answer to read."""

    EASY = "easy"
    FAIRLY_EASY = "fairly-easy"
    HARD = "hard"
    VERY_HARD = "very-hard"

    @property
    def summary(self) -> str:
        return {
            Level.EASY: "Most parents will find this easy to read",
            Level.FAIRLY_EASY: "Most parents will find this fairly easy to read",
            Level.HARD: "Some parents will find this hard to read",
            Level.VERY_HARD: "Many parents will find this hard to read",
        }[self]


@dataclass(frozen=True)
class JargonUse:
    """A term from the council's jargon list that an answer uses without explaining."""

    term: str
    meaning: str


@dataclass(frozen=True)
class Readability:
    """The plain-English advice for one answer."""

    words: int
    score: float | None
    level: Level | None
    reasons: tuple[str, ...]
    jargon: tuple[JargonUse, ...]

    @property
    def summary(self) -> str:
        """One sentence for the editor, e.g. "Some parents will find this hard to read:
        long sentences (31 words each on average; aim for under 20)."."""
        if self.level is None:
            return ""
        if not self.reasons:
            return self.level.summary + "."
        return f"{self.level.summary}: {'; '.join(self.reasons)}."


def plain_text(rich_text: str) -> str:
    """The visible text of ``rich_text``, each paragraph or list item ending a sentence."""
    blocks = _BLOCK_END.split(rich_text or "")
    sentences = []
    for block in blocks[::2]:  # split() interleaves the captured tag names
        text = " ".join(html.unescape(_TAG.sub(" ", block)).replace("\xa0", " ").split())
        if text:
            sentences.append(text if _SENTENCE_END.search(text) else text + ".")
    return " ".join(sentences)


def _level(score: float) -> Level:
    if score >= 60:
        return Level.EASY
    if score >= 45:
        return Level.FAIRLY_EASY
    if score >= 30:
        return Level.HARD
    return Level.VERY_HARD


def _reasons(text: str, words: list[str]) -> list[str]:
    reasons = []
    sentences = [s for s in _SENTENCE.split(text) if _WORD.search(s)]
    lengths = [len(_WORD.findall(sentence)) for sentence in sentences]
    average = len(words) / max(len(sentences), 1)
    if average > LONG_SENTENCE_AVERAGE:
        reasons.append(
            f"long sentences ({average:.0f} words each on average; aim for under "
            f"{LONG_SENTENCE_AVERAGE})"
        )
    elif lengths and max(lengths) > VERY_LONG_SENTENCE:
        reasons.append(f"one sentence has {max(lengths)} words; try splitting it")
    long_words = [word for word in words if textstat.syllable_count(word) >= 3]
    if len(long_words) / max(len(words), 1) > LONG_WORD_SHARE:
        examples = list(dict.fromkeys(sorted(long_words, key=len, reverse=True)))[:3]
        reasons.append("many long words, such as " + ", ".join(f"“{word}”" for word in examples))
    return reasons


def _pattern(term: str) -> re.Pattern[str]:
    # "SENCO", "SpLD": abbreviations match in their own case only (so "salt" is not SALT);
    # ordinary words and phrases in any case. A plural "s" is allowed ("IEPs", "TAs").
    case_sensitive = any(letter.isupper() for letter in term[1:]) or term.isupper()
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){re.escape(term)}s?(?![\w-])", flags)


def unexplained_jargon(text: str, glossary: Iterable[tuple[str, str]]) -> list[JargonUse]:
    """Terms of ``glossary`` (term, meaning) used in ``text`` without their meaning.

    A term counts as explained when the text also gives its meaning, or puts the term in
    brackets after one (as in "education, health and care plan (EHCP)").
    """
    found = []
    lowered = text.lower()
    for term, meaning in glossary:
        if not term or not _pattern(term).search(text):
            continue
        explained = (meaning and meaning.lower() in lowered) or f"({term.lower()})" in lowered
        if not explained:
            found.append(JargonUse(term, meaning))
    return found


def assess(rich_text: str, glossary: Iterable[tuple[str, str]] = ()) -> Readability | None:
    """Plain-English advice on ``rich_text``; ``None`` for an empty answer."""
    text = plain_text(rich_text)
    words = _WORD.findall(text)
    if not words:
        return None
    jargon = tuple(unexplained_jargon(text, glossary))
    if len(words) < MIN_WORDS:
        return Readability(len(words), None, None, (), jargon)
    score = float(textstat.flesch_reading_ease(text))
    level = _level(score)
    reasons = tuple(_reasons(text, words)) if level != Level.EASY else ()
    return Readability(len(words), score, level, reasons, jargon)
