"""How closely a heading or a passage matches each statutory item, by its words.

Two measures, both word-based and explainable:

* ``ItemProfiles``: the cosine similarity (tf-idf weighted) of a text with each item's
  own words: the checklist question and heading and the council's current question,
  heading and guidance (``ReportQuestion``). Words every question uses ("school",
  "special educational needs") weigh little, words only one uses weigh most.
* ``LearnedVocabulary``: the words and word pairs that, in the labelled development
  reports, mark a passage as answering each item, or as answering none. It is a table
  of weights learned by ``bench/learn_extraction_vocabulary.py`` and kept in
  ``data/learned_vocabulary.json``; only words seen in several different schools'
  reports are kept, so it holds the vocabulary of the domain, not any school's wording.
"""

# ruff: noqa: RUF001 -- typographic apostrophes are what documents contain

from __future__ import annotations

import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from schools.stopwords import STOP_WORDS

from .facets import stem

LEARNED_PATH = Path(__file__).parent / "data" / "learned_vocabulary.json"
NONE = "none"
_WORD = re.compile(r"[a-z]+")
# Words that every report uses about every item: no evidence of any one topic.
_DOMAIN_WORDS = frozenset(["sen", "send", "special", "educational", "need", "needs", "pupil"])


def features(text: str) -> list[str]:
    """A text's words as compared: stems of the words that carry meaning, then the pairs
    of such words that follow one another ("assess plan", "outsid agenc")."""
    stems = [
        stem(word)
        for word in _WORD.findall(text.lower().replace("’", "'"))
        if len(word) > 2 and word not in STOP_WORDS and word not in _DOMAIN_WORDS
    ]
    return stems + [f"{a} {b}" for a, b in itertools.pairwise(stems)]


class ItemProfiles:
    """Each item's question, heading and council guidance as a weighted bag of words."""

    def __init__(self, texts: dict[str, str]) -> None:
        bags = {key: Counter(features(text)) for key, text in texts.items()}
        count = len(bags)
        frequency = Counter(word for bag in bags.values() for word in bag)
        self.idf = {
            word: math.log((1 + count) / (1 + seen)) + 1 for word, seen in frequency.items()
        }
        self.vectors = {key: self._vector(bag) for key, bag in bags.items()}

    def _vector(self, bag: Counter) -> dict[str, float]:
        vector = {word: (1 + math.log(n)) * self.idf.get(word, 0.0) for word, n in bag.items()}
        norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
        return {word: value / norm for word, value in vector.items() if value}

    def similarity(self, text: str) -> dict[str, float]:
        """Cosine similarity of ``text`` with each item (0 when no word is shared)."""
        vector = self._vector(Counter(features(text)))
        scores = {}
        for key, profile in self.vectors.items():
            value = sum(weight * profile.get(word, 0.0) for word, weight in vector.items())
            if value > 0:
                scores[key] = value
        return scores


@dataclass(frozen=True)
class LearnedVocabulary:
    """Per item (and ``none``), the weight each word or pair adds as evidence."""

    weights: dict[str, dict[str, float]]

    def evidence(self, text: str) -> dict[str, float]:
        """For each item, the summed weights of the distinct features ``text`` has."""
        present = set(features(text))
        scores = {}
        for key, table in self.weights.items():
            value = sum(table.get(feature, 0.0) for feature in present)
            if value > 0:
                scores[key] = value
        return scores

    @classmethod
    def from_json(cls, data: dict) -> LearnedVocabulary:
        return cls({key: dict(table) for key, table in data["weights"].items()})


@cache
def learned_vocabulary() -> LearnedVocabulary:
    """The shipped table (empty if it has not been learned yet)."""
    if not LEARNED_PATH.exists():
        return LearnedVocabulary({})
    return LearnedVocabulary.from_json(json.loads(LEARNED_PATH.read_text(encoding="utf-8")))


def learn(
    examples: Iterable[tuple[str, str, str]], *, min_reports: int, min_weight: float
) -> dict[str, dict[str, float]]:
    """Learn the weights from (report, key or ``none``, passage text) examples.

    A feature's weight for a key is how much likelier it is in that key's passages than
    in all passages (log ratio, add-one smoothed), kept when at least ``min_weight`` and
    when the feature appears in at least ``min_reports`` different reports.
    """
    class_counts: dict[str, Counter] = {}
    overall: Counter = Counter()
    reports: dict[str, set[str]] = {}
    for report, key, text in examples:
        present = set(features(text))
        class_counts.setdefault(key, Counter()).update(present)
        overall.update(present)
        for feature in present:
            reports.setdefault(feature, set()).add(report)
    vocabulary = [feature for feature, seen in reports.items() if len(seen) >= min_reports]
    size = len(vocabulary)
    total = sum(overall[feature] for feature in vocabulary)
    weights: dict[str, dict[str, float]] = {}
    for key, counts in sorted(class_counts.items()):
        key_total = sum(counts[feature] for feature in vocabulary)
        table = {}
        for feature in vocabulary:
            in_key = (counts[feature] + 1) / (key_total + size)
            anywhere = (overall[feature] + 1) / (total + size)
            weight = math.log(in_key / anywhere)
            if weight >= min_weight and counts[feature] >= 2:
                table[feature] = round(weight, 2)
        weights[key] = dict(sorted(table.items()))
    return weights
