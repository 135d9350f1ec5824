"""What the index holds for each school: one ``SchoolDocument`` per live, public page.

The text fields hold words already normalised in Python the way the rest of the
directory reads them (``words``: lower case, accents removed, "Asperger's" as
"asperger s"), and are split on spaces by the built-in ``whitespace`` analyser. So
the index needs no analysis plug-ins: the core server (Maven's integ-test zip, with
no analysis-common module) and the full distribution behave the same, and a phrase
matches exactly where the database backend's full-text search matches it.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import cache

from elasticsearch_dsl import Date, Document, GeoPoint, Integer, Keyword, MetaField, Text

from .. import vocabulary as v

# Bump when the mapping or the document changes: `rebuild_directory_index --if-needed`
# then builds a new index.
MAPPING_VERSION = 2

# Deep pages (page 10,000 of 100 results) are valid requests; Elasticsearch's default
# window of 10,000 results would refuse them. The server caps the work at the number
# of documents, so a large window costs nothing on an index of schools.
MAX_RESULT_WINDOW = 1_000_100

# Multi-valued keyword fields, one per filter, named as the filters are.
FACET_FIELDS: dict[str, str] = {facet: facet for facet in v.FACETS}

TEXT = {"analyzer": "whitespace", "search_analyzer": "whitespace"}


def words(value: str) -> str:
    """``value`` as the index stores and searches it: normalised words, space-separated.

    The same words as ``search.words.tokens`` (a test checks), with apostrophes splitting
    them as the database's full-text tokenisers split them. ``tokens`` drops accents one
    character at a time; a whole report is faster through a translation table, which
    matters when a rebuild normalises thousands of them.
    """
    value = unicodedata.normalize("NFKD", value.translate(_APOSTROPHES))
    if not value.isascii():
        value = value.translate(_combining_marks())
    return " ".join(_WORD.findall(value.casefold()))


# What search.words.tokens keeps as a word, with the apostrophes taken out.
_WORD = re.compile(r"[^\W_]+")
_APOSTROPHES = str.maketrans(dict.fromkeys("\u2019\u2018\u02bc`\u00b4", "'"))


@cache
def _combining_marks() -> dict[int, None]:
    return {code: None for code in range(sys.maxunicode + 1) if unicodedata.combining(chr(code))}


class SchoolDocument(Document):
    """A school in the directory, as Elasticsearch indexes it."""

    page_id = Integer()
    urn = Keyword()
    # Searched (normalised words) ...
    name = Text(**TEXT)
    town = Text(**TEXT)
    body = Text(**TEXT)
    # ... and shown or sorted on (as written).
    title = Keyword(index=False, doc_values=False)
    name_sort = Keyword()
    town_display = Keyword(index=False, doc_values=False)
    report = Text(index=False)
    url_path = Keyword(index=False, doc_values=False)
    # The page's place in the tree, for the directory's scope (a prefix).
    path = Keyword()
    last_reviewed = Date()
    need = Keyword(multi=True)
    accessibility = Keyword(multi=True)
    outreach = Keyword(multi=True)
    phase = Keyword()
    type = Keyword()
    provision = Keyword(multi=True)
    # Where the school is (GIAS), for "schools near me"; absent without a location.
    location = GeoPoint()

    class Meta:
        # A field the code does not know about is a bug, not something to guess at.
        dynamic = MetaField("strict")
        # The normalised report is only searched; "report" holds the text to show.
        source = MetaField(excludes=["body"])

    class Index:
        # Placeholder: every call names the real index (see search.elastic.client).
        name = "localoffer-schools"
        settings = {
            "number_of_shards": 1,
            # No replica on one node, one on a cluster.
            "auto_expand_replicas": "0-1",
            "max_result_window": MAX_RESULT_WINDOW,
        }


def index_body() -> dict:
    """Settings and mappings for a new index, with the mapping version recorded."""
    body = SchoolDocument._index.to_dict()
    body["mappings"]["_meta"] = {"mapping_version": MAPPING_VERSION}
    return body
