"""The index's documents and mapping, and what they need from the server."""

from __future__ import annotations

import warnings

import pytest
from hypothesis import given
from hypothesis import strategies as st

from search.elastic.client import get_client
from search.elastic.documents import index_body, words
from search.words import tokens

CORE_ANALYZERS = {"standard", "simple", "whitespace", "stop", "keyword"}


@given(st.text(max_size=300))
def test_indexed_words_are_the_directorys_words_split_at_apostrophes(text):
    expected = [part for token in tokens(text) for part in token.split("'") if part]

    assert words(text).split() == expected


@pytest.mark.parametrize(
    ("text", "indexed"),
    [
        ("Asperger\u2019s Syndrome", "asperger s syndrome"),
        ("Caf\u00e9 na\u00efve \u2013 SALT!", "cafe naive salt"),
        ("Year 6 & KS2", "year 6 ks2"),
    ],
)
def test_indexed_words_examples(text, indexed):
    assert words(text) == indexed


def test_the_mapping_uses_only_what_the_core_server_has():
    body = index_body()
    properties = body["mappings"]["properties"]
    analyzers = {
        field[key]
        for field in properties.values()
        for key in ("analyzer", "search_analyzer")
        if key in field
    }

    assert analyzers <= CORE_ANALYZERS
    assert "analysis" not in body["settings"]  # no custom filters, tokenizers, synonyms
    assert body["mappings"]["dynamic"] == "strict"
    assert body["mappings"]["_meta"]["mapping_version"] >= 1


@pytest.mark.elasticsearch
def test_the_server_accepts_the_mapping_with_or_without_analysis_common(es_directory):
    """Says in the test output when the server lacks the analysis-common module."""
    client = get_client()
    nodes = client.nodes.info(metric="plugins")["nodes"]
    modules = {module["name"] for node in nodes.values() for module in node["modules"]}

    if "analysis-common" not in modules:
        warnings.warn(
            "The Elasticsearch server has no analysis-common module (Maven's integ-test "
            "zip): no stemmers, synonym or edge-ngram filters. The directory's index does "
            "not use them; synonyms are expanded at query time.",
            stacklevel=1,
        )
    # The empty index es_directory created has the production mapping.
    mapping = client.indices.get_mapping(index=es_directory)
    (index_mapping,) = mapping.values()
    assert index_mapping["mappings"]["properties"]["body"]["analyzer"] == "whitespace"
