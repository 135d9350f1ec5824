"""Find the types of need, accessibility features and services a report mentions.

The terms and their synonyms are read from the council's vocabularies in the database
(``NeedArea``, ``AccessibilityFeature``, ``OutreachService``), so words a council adds
in the admin are found too. Matching is by whole words, tolerant of plurals and of
"therapy"/"therapist"-style endings; capitalised abbreviations (ASC, SALT, CAMHS) must
match in capitals.
"""

# ruff: noqa: RUF001 -- typographic apostrophes are what documents contain

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

_WORD = re.compile(r"[A-Za-z0-9]+")
_SUFFIXES = ("ists", "ist", "ians", "ian", "ies", "ing", "y", "s")
# Single words that name a term only in the right place: "vision" is also a school's
# vision statement, "communication" also talking to parents, "lift" also a verb. They
# count only in a passage placed under the term's own report item.
AMBIGUOUS_WORDS = frozenset(
    [
        "other",
        "vision",
        "communication",
        "language",
        "speech",
        "emotional",
        "behaviour",
        "attendance",
        "outreach",
        "psychology",
        "lift",
        "lifts",
        "mobility",
        "counselling",
        "wellbeing",
        "slt",
        "access",
    ]
)
# The report items where an ambiguous word is taken to name a term of each vocabulary.
HOME_ITEMS = {
    "needs": frozenset({"kinds_of_need"}),
    "accessibility": frozenset({"accessibility", "equipment_facilities"}),
    "services": frozenset(
        {"other_bodies", "parent_support_services", "looked_after_children", "emotional_social"}
    ),
}


def stem(word: str) -> str:
    """A crude stem so "therapist"/"therapy" and "toilets"/"toilet" compare equal."""
    word = word.lower()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _is_abbreviation(word: str) -> bool:
    return len(word) >= 2 and word.isupper() and word.isalpha()


@dataclass(frozen=True)
class Phrase:
    """One way of naming a term, as a sequence of word stems."""

    words: tuple[str, ...]
    case_sensitive: tuple[bool, ...]
    ambiguous: bool

    @classmethod
    def parse(cls, text: str) -> Phrase | None:
        raw = _WORD.findall(text.replace("'s", "").replace("’s", ""))
        if not raw:
            return None
        words = tuple(word if _is_abbreviation(word) else stem(word) for word in raw)
        sensitive = tuple(_is_abbreviation(word) for word in raw)
        ambiguous = len(raw) == 1 and raw[0].lower() in AMBIGUOUS_WORDS
        return cls(words, sensitive, ambiguous)


@dataclass(frozen=True)
class Term:
    """A vocabulary term: its identifier (census code or slug) and the phrases naming it."""

    identifier: str
    phrases: tuple[Phrase, ...]


@dataclass
class Vocabulary:
    """The three vocabularies a report's facets are ticked from."""

    needs: list[Term] = field(default_factory=list)
    accessibility: list[Term] = field(default_factory=list)
    services: list[Term] = field(default_factory=list)


def _phrases(label: str, synonyms: Iterable[str]) -> tuple[Phrase, ...]:
    names = [label, *synonyms]
    # "Child and adolescent mental health services (CAMHS)": the part in brackets is a
    # name of its own, and so is the label without it.
    for part in re.findall(r"\(([^)]*)\)", label):
        names.append(part)
    names.append(re.sub(r"\([^)]*\)", "", label))
    parsed = {Phrase.parse(name) for name in names if name.strip()}
    parsed.discard(None)
    # "Other" as a type of need would match any sentence: it is ticked by hand.
    return tuple(phrase for phrase in parsed if phrase and phrase.words != ("other",))


def term_from_row(identifier: str, label: str, synonyms: Iterable[str]) -> Term:
    """A term from a vocabulary row's label and synonyms."""
    return Term(identifier, _phrases(label, synonyms))


def seed_vocabulary() -> Vocabulary:
    """The vocabularies as first seeded (``schools.vocabulary_seed``), without a database."""
    from schools import vocabulary_seed as seed

    def split(synonyms: str) -> list[str]:
        return [word.strip() for word in synonyms.split(",") if word.strip()]

    return Vocabulary(
        needs=[term_from_row(code, label, split(syn)) for code, _, label, syn in seed.NEED_AREAS],
        accessibility=[
            term_from_row(slug, label, split(syn))
            for slug, label, syn in seed.ACCESSIBILITY_FEATURES
        ],
        services=[
            term_from_row(slug, label, split(syn)) for slug, label, syn in seed.OUTREACH_SERVICES
        ],
    )


def load_vocabulary() -> Vocabulary:
    """The council's current vocabularies, read from the database.

    A database without the tables yet (``extract_report`` run before ``migrate``) falls
    back to the seed vocabularies, so the command still answers.
    """
    from django.db import DatabaseError

    try:
        return _database_vocabulary()
    except DatabaseError:
        return seed_vocabulary()


def _database_vocabulary() -> Vocabulary:
    from schools.models import AccessibilityFeature, NeedArea, OutreachService

    return Vocabulary(
        needs=[term_from_row(n.code, n.label, n.synonym_list) for n in NeedArea.objects.all()],
        accessibility=[
            term_from_row(f.slug, f.label, f.synonym_list)
            for f in AccessibilityFeature.objects.all()
        ],
        services=[
            term_from_row(s.slug, s.label, s.synonym_list) for s in OutreachService.objects.all()
        ],
    )


class _Text:
    """A passage's words, stemmed and indexed once for all the phrases tried against it."""

    def __init__(self, text: str) -> None:
        raw = _WORD.findall(text.replace("'s", "").replace("’s", ""))
        self.raw = raw
        self.stems = [stem(word) for word in raw]
        self._starts: dict[tuple[str, bool], list[int]] = {}
        for position, (word, word_stem) in enumerate(zip(raw, self.stems, strict=True)):
            self._starts.setdefault((word_stem, False), []).append(position)
            self._starts.setdefault((word, True), []).append(position)

    def contains(self, phrase: Phrase) -> bool:
        size = len(phrase.words)
        pairs = tuple(zip(phrase.words, phrase.case_sensitive, strict=True))
        for start in self._starts.get(pairs[0], ()):
            if start + size > len(self.raw):
                continue
            if all(
                (self.raw[start + i] == word) if sensitive else (self.stems[start + i] == word)
                for i, (word, sensitive) in enumerate(pairs[1:], start=1)
            ):
                return True
        return False


def find_terms(
    passages: Iterable[tuple[str, str | None]], terms: list[Term], home_items: frozenset[str]
) -> list[str]:
    """Identifiers of the terms named in ``passages`` (text, placed key), in vocabulary order.

    An ambiguous single word counts only in a passage placed under one of ``home_items``.
    """
    texts = [(_Text(text), key) for text, key in passages]
    found = []
    for term in terms:
        for phrase in term.phrases:
            if any(
                (not phrase.ambiguous or key in home_items) and text.contains(phrase)
                for text, key in texts
            ):
                found.append(term.identifier)
                break
    return found
