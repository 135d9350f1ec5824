"""Find a report's glossary: the abbreviations and terms it spells out for parents.

SEN information reports often end a section with a list of the abbreviations they use
("EHCP Education, Health and Care Plan", "OT Occupational Therapist"), usually under a
heading ("Glossary", "Jargon buster") but, in a PDF's text or a cut-off page, sometimes
without one. Such a list names services, needs and plans without saying the school
provides or works with any of them, so it answers no statutory item and ticks nothing.

An entry is recognised by its form, not its words: a capitalised abbreviation followed by
words whose initials spell it. A run of at least ``_MIN_ENTRIES`` such entries close
together is a glossary, and so are the lines between them and a defined term ("Statement
– a document that ...") just before or after them.
"""

# ruff: noqa: RUF001, RUF002, RUF003 -- typographic dashes are what documents contain

from __future__ import annotations

import re
from collections.abc import Sequence

from .lexicon import PERSON_WITH_TITLE as _PERSON

_ABBREVIATION = re.compile(r"^\s*(?:[•·\-–*]\s*)?([A-Z]{2,6}[a-z]?)\b\s*[:–-]?\s*(.*)$", re.S)
_WORD = re.compile(r"[A-Za-z]+")
_SMALL_WORDS = frozenset(["a", "an", "and", "for", "in", "of", "on", "or", "the", "to", "with"])
# A person's title: "SENCO Mrs A Smith" is a contact line, not an entry.
# "Statement – a document that ...": a term in capitals, then its definition.
_DEFINED_TERM = re.compile(
    r"^\s*(?:[•·\-–*]\s*)?(?:[A-Z][\w/&’'-]*\s+){0,5}[A-Z][\w/&’'-]*\s*(?:[–:-]\s*)?"
    r"(?:a|an|the|A|An|The)\s+\w",
)
_MIN_ENTRIES = 3
# Abbreviation entries must be at least this share of the passages from the first to the
# last of them, so two far-apart lines do not make everything between them a glossary.
_MIN_SHARE = 0.5


def spells(abbreviation: str, words: Sequence[str]) -> bool:
    """Whether the initials of ``words`` spell ``abbreviation`` (small words such as
    "and" may count or be skipped: "CAMHS" is "Child and Adolescent Mental Health
    Service")."""
    letters = abbreviation.lower()

    def match(i: int, j: int) -> bool:
        if i == len(letters):
            return True
        if j == len(words):
            return False
        word = words[j].lower()
        if word[0] == letters[i] and match(i + 1, j + 1):
            return True
        return word in _SMALL_WORDS and match(i, j + 1)

    return bool(words) and words[0][:1].isupper() and match(0, 0)


def abbreviation_entry(text: str) -> bool:
    """An abbreviation followed by what it stands for ("SALT Speech and Language
    Therapy"), with nothing of a contact line about it."""
    found = _ABBREVIATION.match(text)
    if not found or _PERSON.search(text) or re.search(r"@|\d{4}", text):
        return False
    abbreviation, rest = found.groups()
    return spells(abbreviation, _WORD.findall(rest)[: len(abbreviation) + 6])


def glossary_entries(texts: Sequence[str], segments: Sequence[int]) -> set[int]:
    """The indexes of the passages that make up a glossary (``segments``: passages in
    different segments, split by a heading or a table cell, are never one run)."""
    found: set[int] = set()
    entries = [i for i, text in enumerate(texts) if abbreviation_entry(text)]
    run: list[int] = []
    for i in [*entries, None]:
        if run and (i is None or segments[i] != segments[run[0]]):
            first, last = run[0], run[-1]
            if len(run) >= _MIN_ENTRIES and len(run) >= _MIN_SHARE * (last - first + 1):
                found.update(range(first, last + 1))
                for edge in (first - 1, last + 1):
                    if (
                        0 <= edge < len(texts)
                        and segments[edge] == segments[first]
                        and _DEFINED_TERM.match(texts[edge])
                    ):
                        found.add(edge)
            run = []
        if i is not None:
            run.append(i)
    return found
