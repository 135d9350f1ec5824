"""A postcode typed into the search box, moved to the postcode box.

Parents type where they live into the one box they see: "YO17 7AA", or "autism YO17 7AA".
Searched as words, a postcode matches no school and the page says to check the spelling;
as a postcode, it lists the schools nearest it. Only a full postcode (or an outward code
the site knows, such as "YO17") is moved: "Y6" or "P7" are year groups, not postcodes.
"""

from __future__ import annotations

import re

from django.http import QueryDict

from postcodes.codes import INWARD_CODE, OUTWARD_CODE, parse_postcode
from postcodes.selectors import Location, locate, postcodes_loaded

# Words, then a full postcode at the end ("autism near yo17 7aa"), spaced any way. The
# postcodes app's codes, in either case; ASCII letters only (the long s upper-cases to "S").
_WORDS_THEN_POSTCODE = re.compile(
    rf"^(?P<words>.*?)\s*\b(?P<postcode>(?ai:{OUTWARD_CODE})\s*(?ai:{INWARD_CODE}))$"
)
# "near", "in" before the postcode: the heading then reads "found for 'autism' near YO17 7AA".
_JOINING_WORDS = re.compile(r"\s*\b(?:near|in|around|close to|nr)$", re.IGNORECASE)
# Parameters that belong to the search as it was: a new place starts a new search.
_STALE = ("page", "sort", "sorted_for")


def postcode_from_words(data: QueryDict) -> QueryDict | None:
    """``data`` with a postcode typed in the words (``q``) moved to ``postcode``, or None
    when there is none to move: no words, a postcode already given, no postcode data, or
    words that are not a postcode. At most two queries, both cached.
    """
    typed = " ".join(data.get("q", "").split())
    if not typed or data.get("postcode", "").strip():
        return None
    moved = _split(typed)
    if moved is None or not postcodes_loaded():
        return None
    words, postcode = moved
    parsed = parse_postcode(postcode)
    if parsed is None:
        return None
    if parsed.full is None and not isinstance(locate(postcode), Location):
        return None  # "Y6": not a place this site knows
    kept = data.copy()
    for name in ("q", "postcode", *_STALE):
        kept.pop(name, None)
    if words:
        kept["q"] = words
    kept["postcode"] = str(parsed)
    return kept


def _split(typed: str) -> tuple[str, str] | None:
    """(words, postcode) when ``typed`` is a postcode or ends in a full one."""
    parsed = parse_postcode(typed)
    if parsed is not None:
        return "", typed
    match = _WORDS_THEN_POSTCODE.match(typed)
    if match and match["words"] and parse_postcode(match["postcode"]):
        return _JOINING_WORDS.sub("", match["words"]), match["postcode"]
    return None
