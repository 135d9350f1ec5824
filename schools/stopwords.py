"""Words that carry no meaning of their own, for every part that compares words.

The directory search drops them from what a parent types ("help for my son with
autism" searches for autism) and the report reader leaves them out when it compares a
passage or heading with the statutory questions. One list, so that both agree on what
counts as a word worth matching. It lives in the domain so that ``search`` and
``extraction`` can both import it without either importing the other.
"""

from __future__ import annotations

STOP_WORDS: frozenset[str] = frozenset(
    {
        "a",
        "an",
        "and",
        "are",
        "at",
        "be",
        "by",
        "can",
        "child",
        "childs",
        "children",
        "do",
        "does",
        "for",
        "from",
        "has",
        "have",
        "help",
        "i",
        "in",
        "is",
        "it",
        "me",
        "my",
        "near",
        "of",
        "on",
        "or",
        "our",
        "school",
        "schools",
        "son",
        "daughter",
        "that",
        "the",
        "their",
        "them",
        "to",
        "us",
        "we",
        "what",
        "where",
        "which",
        "who",
        "with",
        "you",
        "your",
    }
)
