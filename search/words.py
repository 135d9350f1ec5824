"""How the directory reads a word: the one rule for tokens, shared by the vocabulary,
the search box and the Elasticsearch index, so they all split text the same way."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans(dict.fromkeys("\u2019\u2018\u02bc`\u00b4", "'"))
# A word is letters and digits, possibly with apostrophes inside ("Asperger's").
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def tokens(value: str) -> list[str]:
    """Lower-case words of ``value``, accents removed, inner apostrophes kept."""
    value = unicodedata.normalize("NFKD", value.translate(_APOSTROPHES))
    value = "".join(char for char in value if not unicodedata.combining(char)).casefold()
    return _TOKEN.findall(value)


def word_key(token: str) -> str:
    """How words are compared: "Asperger's" and "Aspergers" are the same word."""
    return token.replace("'", "")


def phrase_key(phrase: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """A phrase's words as comparison keys (see ``word_key``)."""
    return tuple(word_key(token) for token in phrase)
