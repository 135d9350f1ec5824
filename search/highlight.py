"""Short extracts of a school's text around the words a parent searched for.

Everything is escaped before ``<mark>`` tags are added, so a school's text can never
inject markup into the results page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import unescape

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .text import Concept

EXTRACT_LENGTH = 220
LEAD_IN = 70
_SPACE = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]*>")
_SENTENCE_START = re.compile(r"[.!?]\s+(?=\S)")


def _token_pattern(token: str) -> str:
    parts = token.split("'")
    last = parts[-1]
    # Tolerate word endings ("therapy" finds "therapies", "dyslexia" finds "dyslexic"),
    # as stemming full-text engines do.
    if len(last) >= 5 and last.isalpha():
        ending = re.escape(last[:-2]) + r"\w*"
    else:
        ending = re.escape(last) + r"(?:s|es)?"
    return "['\u2019]?".join([*(re.escape(part) for part in parts[:-1]), ending])


def highlight_pattern(concepts: Iterable[Concept]) -> re.Pattern[str] | None:
    """A regular expression for every phrase of ``concepts``, longest first."""
    phrases = {phrase for concept in concepts for phrase in concept.phrases}
    if not phrases:
        return None
    alternatives = sorted(
        (r"[\W_]+".join(_token_pattern(token) for token in phrase) for phrase in phrases),
        key=len,
        reverse=True,
    )
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)
    starts = {_literal_start(phrase[0]) for phrase in phrases}
    if all(start and start.isascii() for start in starts):
        if len(_STARTS) >= _MAX_STARTS:
            _STARTS.clear()
        _STARTS[pattern.pattern] = tuple(sorted(starts))
    return pattern


def _literal_start(token: str) -> str:
    # What every match of the token begins with, in lower case (see _token_pattern).
    parts = token.split("'")
    if len(parts) > 1:
        return parts[0]
    return token[:-2] if len(token) >= 5 and token.isalpha() else token


# Pattern (as text) -> what each of its matches begins with: a report holding none of
# them is passed over without the regular expression. Only patterns whose starts are
# plain ASCII (nearly all: words are compared without accents).
_STARTS: dict[str, tuple[str, ...]] = {}
_MAX_STARTS = 256
# The only characters re.IGNORECASE takes for an ASCII letter that lower() does not
# turn into one: dotless i and long s.
_ODD_CASES = ("\u0131", "\u017f")


def _first_possible(html: str, starts: tuple[str, ...]) -> int | None:
    """Where in ``html`` a match could begin first (0 when not known), or None when
    neither ``html`` nor its plain text (``plain_text``) can match.

    Every match begins with one of ``starts``, and the plain text holds only what the
    HTML holds once entities are decoded (tags become spaces). ``str.find`` over the
    lower-cased text is many times faster than the regular expression, which tries each
    of its alternatives at every position.
    """
    lowered = html.lower()
    found = [at for start in starts if (at := lowered.find(start)) != -1]
    if found:
        # Lower-casing ASCII keeps every character where it was.
        return min(found) if html.isascii() else 0
    if not html.isascii() and any(odd in lowered for odd in _ODD_CASES):
        return 0
    if "&" in html:
        decoded = unescape(html).lower()
        if any(start in decoded for start in starts) or any(odd in decoded for odd in _ODD_CASES):
            return 0
    return None


def plain_text(html: str) -> str:
    """Rich text as one line of plain text.

    A regular expression rather than an HTML parser (as ``get_text_for_indexing``
    uses): Wagtail's rich text is well-formed, and this runs on every result shown.
    """
    return _SPACE.sub(" ", unescape(_TAG.sub(" ", html))).strip()


def make_extract(text: str, pattern: re.Pattern[str] | None) -> SafeString | None:
    """About ``EXTRACT_LENGTH`` characters around the first match, matches in ``<mark>``.

    ``text`` is plain text (see ``plain_text``). None when nothing matches.
    """
    if pattern is None or not text:
        return None
    first = pattern.search(text)
    if first is None:
        return None
    start = max(0, first.start() - LEAD_IN)
    # Start at a sentence if one begins shortly before the match, else at a word.
    sentences = list(_SENTENCE_START.finditer(text, start, first.start()))
    if sentences:
        start = sentences[-1].end()
    elif start > 0:
        space = text.find(" ", start, first.start())
        start = space + 1 if space != -1 else first.start()
    end = min(len(text), max(start + EXTRACT_LENGTH, first.end()))
    if end < len(text):
        space = text.rfind(" ", first.end(), end)
        end = space if space != -1 else end
    window = text[start:end]
    pieces = ["\u2026 " if start > 0 else ""]
    cursor = 0
    for match in pattern.finditer(window):
        pieces.append(escape(window[cursor : match.start()]))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        cursor = match.end()
    pieces.append(escape(window[cursor:]))
    if end < len(text):
        pieces.append(" \u2026")
    return mark_safe("".join(pieces))  # every piece above is escaped


def extract_from_html(html: str, pattern: re.Pattern[str] | None) -> SafeString | None:
    """``make_extract`` for rich text, converting only the part around the first match.

    Reports run to many kilobytes; the extract needs a few hundred characters.
    """
    if pattern is None or not html:
        return None
    starts = _STARTS.get(pattern.pattern)
    begin = _first_possible(html, starts) if starts is not None else 0
    if begin is None:
        # Nearly half the results of a search for words: those found by their name,
        # town or tags rather than their report.
        return None
    first = pattern.search(html, begin)
    if first is not None:
        window = html[max(0, first.start() - 4 * LEAD_IN) : first.end() + 4 * EXTRACT_LENGTH]
        # Drop a tag cut in half at either end of the window.
        if window.find(">") < window.find("<") or "<" not in window:
            window = window[window.find(">") + 1 :]
        if window.rfind("<") > window.rfind(">"):
            window = window[: window.rfind("<")]
        extract = make_extract(plain_text(window), pattern)
        if extract is not None:
            return extract
    # The words may only match once entities are decoded ("&#x27;").
    return make_extract(plain_text(html), pattern)
