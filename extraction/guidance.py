"""Remove a council proforma's guidance so that only the school's own answers remain.

North Yorkshire's proforma prints the council's "expectation of good practice" beside
each school answer. Saved as a Word table the two columns are separate cells; a PDF's
text interleaves them. Either way the council's wording is the same in every school's
report, so each sentence is compared with that standard wording
(``data/proforma_guidance.txt``): a sentence whose word sequences mostly appear there
is the council's. In a document recognised as a proforma, sentences written *about*
schools ("Your school will...", "Schools should...") are treated as guidance too.
"""

# ruff: noqa: RUF001 -- typographic quotes are what documents contain

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from .document import Block, BlockKind

_CORPUS_PATH = Path(__file__).parent / "data" / "proforma_guidance.txt"
_TOKEN = re.compile(r"[a-z0-9]+")
_SHINGLE = 3
# The share of a sentence's three-word sequences found in the standard wording above
# which it is the council's text. Schools' own sentences share at most a few phrases.
_MATCH_SHARE = 0.6
# Shorter fragments ("Speech and Language Therapists") are judged by their neighbours.
_MIN_WORDS = 6
_UNIT_SPLIT = re.compile(r"(?<=[.!?;:])\s+(?=[A-Z‘“'\"(])|\n(?=[A-Z0-9‘“'\"(])")
_GUIDANCE_CUES = re.compile(
    r"\byour school\b|\bschools (?:should|must|will|may|can|use|communicate|who)\b"
    r"|\bmany (?:\w+ ){0,2}schools\b|\bask your child'?s school\b"
    r"|\bexpectation of good practice\b|\bcode of practice requirements\b"
    r"|\bthe sen information report should\b|\ball mainstream schools have\b",
    re.IGNORECASE,
)


def tokens(text: str) -> list[str]:
    """Lower-case words and numbers (apostrophes split words, as in "child s")."""
    return _TOKEN.findall(text.lower())


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1)}


@cache
def _corpus() -> tuple[frozenset[tuple[str, ...]], frozenset[str]]:
    shingles: set[tuple[str, ...]] = set()
    exact: set[str] = set()
    for line in _CORPUS_PATH.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        words = tokens(line)
        exact.add(" ".join(words))
        shingles |= _shingles(words)
    return frozenset(shingles), frozenset(exact)


def matches_standard_wording(text: str) -> bool | None:
    """True if ``text`` is standard proforma wording, False if not, None if too short to say."""
    corpus, exact = _corpus()
    words = tokens(text)
    if " ".join(words) in exact and words:
        return True
    if len(words) < _MIN_WORDS:
        return None
    own = _shingles(words)
    return len(own & corpus) / len(own) >= _MATCH_SHARE


def split_units(text: str) -> list[str]:
    """Sentences, also split where a new line starts with a capital (PDF column text)."""
    return [unit.strip() for unit in _UNIT_SPLIT.split(text) if unit.strip()]


def is_proforma(blocks: list[Block]) -> bool:
    """Whether the document is written on a council proforma with a guidance column."""
    hits = 0
    for block in blocks:
        if _GUIDANCE_CUES.search(block.text) and re.search(
            r"expectation of good practice|code of practice requirements", block.text, re.I
        ):
            return True
        if any(matches_standard_wording(unit) for unit in split_units(block.text)):
            hits += 1
            if hits >= 3:
                return True
    return False


def remove_guidance(blocks: list[Block]) -> list[Block]:
    """The blocks with the council's guidance taken out."""
    proforma = is_proforma(blocks)
    kept: list[Block] = []
    removed_before = False
    for block in blocks:
        units = split_units(block.text)
        verdicts = [matches_standard_wording(unit) for unit in units]
        if proforma:
            verdicts = [
                True if verdict is not True and _GUIDANCE_CUES.search(unit) else verdict
                for unit, verdict in zip(units, verdicts, strict=True)
            ]
        verdicts = _fill_undecided(verdicts)
        if any(verdicts):
            text = " ".join(u for u, verdict in zip(units, verdicts, strict=True) if not verdict)
            if not text.strip():
                removed_before = True
                continue
            block.text = text.strip()
            if block.kind == BlockKind.HEADING:
                block.kind = BlockKind.PARAGRAPH
            removed_before = removed_before or verdicts[0]
        if removed_before:
            # Guidance removed above: in a flattened proforma it separates two answers.
            block.cell_start = True
            removed_before = False
        kept.append(block)
    return kept


def _fill_undecided(verdicts: list[bool | None]) -> list[bool]:
    """A fragment too short to judge goes with the sentence before it (or after it)."""
    filled: list[bool] = []
    for index, verdict in enumerate(verdicts):
        if verdict is None:
            before = next((v for v in reversed(verdicts[:index]) if v is not None), None)
            after = next((v for v in verdicts[index + 1 :] if v is not None), None)
            verdict = before if before is not None else bool(after)
        filled.append(verdict)
    return filled
