"""Remove a council proforma's guidance so that only the school's own answers remain.

North Yorkshire's proforma prints the council's "expectation of good practice" beside
each school answer. Saved as a Word table the two columns are separate cells; a PDF's
text interleaves them. Either way the council's wording is the same in every school's
report, so each sentence is compared with that standard wording: a sentence whose word
sequences mostly appear there is the council's. In a document recognised as a proforma,
sentences written *about* schools ("Your school will...", "Schools should...") are
treated as guidance too.

The wording is the council's, not ours, so the repository keeps only one-way
fingerprints of it (``data/proforma/*.json``, one file a proforma): a hash of each
passage and of each of its three-word sequences, which confirm that a sentence is the
standard wording without the wording being stored. ``bench/fingerprint_proforma.py``
makes them, from the seed reports for North Yorkshire or from a council's template.
"""

# ruff: noqa: RUF001 -- typographic quotes are what documents contain

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .document import Block, BlockKind

FINGERPRINTS = Path(__file__).parent / "data" / "proforma"
# 64 bits: the chance that any of a report's few thousand three-word sequences takes
# the fingerprint of one of a proforma's few thousand is about one in 10^12.
_HASH_BYTES = 8
HASH_NAME = f"blake2b-{_HASH_BYTES * 8} of the lower-case words joined by single spaces"
_TOKEN = re.compile(r"[a-z0-9]+")
SHINGLE = 3
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


def fingerprint(words: Sequence[str]) -> str:
    """A one-way fingerprint of a word sequence (16 hex digits)."""
    return hashlib.blake2b(" ".join(words).encode(), digest_size=_HASH_BYTES).hexdigest()


def _shingles(words: list[str]) -> set[str]:
    return {fingerprint(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


class FingerprintError(ValueError):
    """A fingerprint file made some other way than this module makes them."""


@dataclass(frozen=True)
class StandardWording:
    """A council proforma's standard wording, known only by fingerprints: those of its
    whole passages and of their three-word sequences."""

    passages: frozenset[str]
    shingles: frozenset[str]

    @classmethod
    def of(cls, passages: Iterable[str]) -> StandardWording:
        """Fingerprint the passages of a proforma's wording (one passage a string)."""
        whole: set[str] = set()
        shingles: set[str] = set()
        for passage in passages:
            words = tokens(passage)
            whole.add(fingerprint(words))
            shingles |= _shingles(words)
        return cls(frozenset(whole), frozenset(shingles))

    @classmethod
    def load(cls, folder: Path = FINGERPRINTS) -> StandardWording:
        """Every proforma fingerprinted in ``folder`` (``*.json``), taken together."""
        whole: set[str] = set()
        shingles: set[str] = set()
        for path in sorted(folder.glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("hash") != HASH_NAME or data.get("shingle_words") != SHINGLE:
                raise FingerprintError(
                    f"{path} was not made by bench/fingerprint_proforma.py with this "
                    "version of extraction/guidance.py: run the script again"
                )
            whole.update(data["passages"])
            shingles.update(data["shingles"])
        return cls(frozenset(whole), frozenset(shingles))

    def as_json(self, proforma: str, made_by: str) -> dict:
        """The fingerprint file's content, sorted so that it diffs cleanly."""
        return {
            "proforma": proforma,
            "made_by": made_by,
            "hash": HASH_NAME,
            "shingle_words": SHINGLE,
            "passages": sorted(self.passages),
            "shingles": sorted(self.shingles),
        }

    def matches(self, text: str) -> bool | None:
        """True if ``text`` is this standard wording, False if not, None if too short to say."""
        words = tokens(text)
        if words and fingerprint(words) in self.passages:
            return True
        if len(words) < _MIN_WORDS:
            return None
        own = _shingles(words)
        return len(own & self.shingles) / len(own) >= _MATCH_SHARE


@cache
def _standard() -> StandardWording:
    return StandardWording.load()


def matches_standard_wording(text: str) -> bool | None:
    """True if ``text`` is standard proforma wording, False if not, None if too short to say."""
    return _standard().matches(text)


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
