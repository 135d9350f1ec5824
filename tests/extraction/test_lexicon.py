"""The lexicon's patterns can be taken apart into phrases and compiled without some.

The evaluation's cross-validation relies on this to score a report without the phrases
only that report uses (docs/extraction.md); the importer itself uses every phrase.
"""

import re

from extraction.lexicon import (
    CONTENT_PATTERNS,
    HEADING_PATTERNS,
    NON_ANSWER_PATTERNS,
    Lexicon,
    alternatives_of,
    every_alternative,
    standard_lexicon,
)


def test_a_pattern_splits_only_at_its_top_level_bars() -> None:
    assert alternatives_of(r"\bfoo (a|b)\b|[|x]bar|baz\|qux") == [
        r"\bfoo (a|b)\b",
        "[|x]bar",
        r"baz\|qux",
    ]


def test_every_phrase_is_a_pattern_of_its_own() -> None:
    for phrase in every_alternative():
        re.compile(phrase)


def test_the_importer_uses_every_pattern_as_written() -> None:
    lexicon = standard_lexicon()

    assert {key: [p.pattern for p, _ in rows] for key, rows in lexicon.content.items()} == {
        key: [pattern for pattern, _ in rows] for key, rows in CONTENT_PATTERNS.items()
    }
    assert [p.pattern for p, _ in lexicon.non_answer] == [p for p, _ in NON_ANSWER_PATTERNS]
    assert lexicon.headings.keys() == HEADING_PATTERNS.keys()


def test_a_phrase_left_out_no_longer_matches_but_its_neighbours_do() -> None:
    pattern, weight = next(
        (pattern, weight)
        for pattern, weight in CONTENT_PATTERNS["complaints"]
        if len(alternatives_of(pattern)) > 1
    )
    first, *others = alternatives_of(pattern)
    lexicon = Lexicon.without(frozenset([first]))
    kept = [row for row in lexicon.content["complaints"] if row[1] == weight]

    assert all(row[0].pattern != pattern for row in lexicon.content["complaints"])
    assert any(all(f"(?:{other})" in compiled.pattern for other in others) for compiled, _ in kept)
    assert len(lexicon.content["complaints"]) == len(CONTENT_PATTERNS["complaints"])
