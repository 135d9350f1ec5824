"""The extracts under each result (issue 20): a report that cannot hold the words is
passed over without the regular expression, and every report gets the same extract as
when each was searched in full, whatever its tags, entities, capitals and odd letters."""

from __future__ import annotations

from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from search import highlight
from search.highlight import extract_from_html, highlight_pattern
from search.text import Concept

PHRASES = (
    ("autism",),
    ("asd",),
    ("speech", "therapy"),
    ("children's", "centre"),
    ("dyslexia",),
)
PATTERN = highlight_pattern([Concept(text="words", phrases=PHRASES)])

# Pieces of rich text: the words in other cases and forms, words around them, tags,
# entities (named, numeric, one spelling a letter), and the letters re.IGNORECASE takes
# for ASCII ones (dotless i, long s, the Kelvin sign, capital I with a dot).
PIECES = st.sampled_from(
    [
        "autism",
        "AUTISM",
        "Autistic",
        "autis",
        "asd",
        "ASDs",
        "speech",
        "therapy",
        "Speech and language therapies",
        "children",
        "children's centre",
        "children&#x27;s centre",
        "children\u2019s",
        "Dyslexic",
        "dysle",
        "a",
        "pupils",
        " ",
        ", ",
        ". ",
        "\n",
        "<p>",
        "</p>",
        "<strong>",
        "</strong>",
        '<a href="/autism">',
        "</a>",
        "&amp;",
        "&nbsp;",
        "&#97;",
        "&#x61;",
        "&quot;",
        "\u0131",
        "\u017f",
        "dy\u017flexia",
        "aut\u0131sm",
        "\u212a",
        "\u0130",
        "caf\u00e9",
    ]
)


def _searched_in_full(html: str) -> object:
    with mock.patch.dict(highlight._STARTS, clear=True):
        return extract_from_html(html, PATTERN)


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_every_report_gets_the_extract_a_full_search_gives(html: str) -> None:
    assert extract_from_html(html, PATTERN) == _searched_in_full(html)


def test_a_report_without_the_words_is_passed_over_without_the_expression() -> None:
    report = "<p>" + "Small classes with lots of support from staff. " * 80 + "</p>"
    assert PATTERN is not None

    with mock.patch.object(highlight, "plain_text", side_effect=AssertionError):
        # Nothing to convert: no extract, and the report was not read as plain text.
        assert extract_from_html(report, PATTERN) is None


def test_words_found_late_in_a_report_get_the_same_extract() -> None:
    report = "<p>" + "Small classes. " * 200 + "We support pupils with autism.</p>"

    extract = extract_from_html(report, PATTERN)

    assert extract is not None
    assert "<mark>autism</mark>" in extract
    assert extract == _searched_in_full(report)


def test_words_only_after_entities_are_decoded_are_still_found() -> None:
    # "&#97;utism" is "autism" once decoded: found in the plain text, as before.
    report = "<p>We support pupils with &#97;utism and their families.</p>"

    extract = extract_from_html(report, PATTERN)

    assert extract is not None
    assert "<mark>autism</mark>" in extract


def test_a_long_s_is_read_as_re_reads_it() -> None:
    # re.IGNORECASE takes "\u017f" (long s) for "s"; lower() does not.
    report = "<p>Help with dy\u017flexia.</p>"

    assert extract_from_html(report, PATTERN) == _searched_in_full(report)
    assert extract_from_html(report, PATTERN) is not None
