"""Filters and their counts: OR within a filter, AND across filters, and each filter's
counts computed with every other filter applied, on schools with known facets."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import FACETS, KNOWN_SCHOOLS, ask_api, expected

pytestmark = pytest.mark.django_db

# Every value the known schools use, plus some no school has.
USED_VALUES = {
    facet: sorted(set().union(*(s.values(facet) for s in KNOWN_SCHOOLS)) | extra)
    for facet, extra in {
        "need": {"VI"},
        "accessibility": {"sensory-room"},
        "outreach": {"young-carers"},
        "phase": {"nursery"},
        "type": {"free-school"},
        "provision": set(),
    }.items()
}

CASES = [
    {},
    {"need": {"ASD"}},
    {"need": {"ASD", "HI"}},
    {"need": {"ASD"}, "phase": {"primary"}},
    {"phase": {"primary", "infant"}, "accessibility": {"step-free-access"}},
    {"accessibility": {"step-free-access", "lift"}},
    {"provision": {"resourced-provision"}, "need": {"SPLD"}},
    {"type": {"academy"}, "outreach": {"camhs", "speech-and-language-therapy"}},
    {"need": {"VI"}},
    {
        "phase": {"primary"},
        "need": {"ASD"},
        "accessibility": {"step-free-access"},
        "outreach": {"speech-and-language-therapy"},
    },
]


def _params(filters: dict[str, set[str]]) -> dict[str, list[str]]:
    return {facet: sorted(values) for facet, values in filters.items()}


@pytest.mark.parametrize("filters", CASES, ids=lambda f: "&".join(sorted(f)) or "none")
def test_results_and_counts_follow_the_rules(known_schools, ask, filters):
    names, counts = expected(KNOWN_SCHOOLS, filters)

    answer = ask(_params(filters))

    assert answer.status == 200
    assert answer.count == len(names)
    assert sorted(answer.names) == names
    for facet in FACETS:
        shown = {value: count for value, count in answer.facets[facet].items() if count}
        assert shown == dict(counts[facet]), facet
        assert answer.selected[facet] == filters.get(facet, set())


def test_the_parents_question(known_schools, ask):
    """Primary, autism, step-free access and a lift, speech and language therapy."""
    filters = {
        "phase": {"primary"},
        "need": {"ASD"},
        "accessibility": {"step-free-access", "lift"},
        "outreach": {"speech-and-language-therapy"},
    }
    names, _counts = expected(KNOWN_SCHOOLS, filters)

    # Two accessibility options widen the list (either will do) ...
    assert sorted(ask(_params(filters)).names) == names
    # ... and typing the words asks for both, since every idea searched for must match.
    both = ask({**_params(filters), "accessibility": [], "q": "wheelchair lift"})
    assert sorted(both.names) == sorted(
        s.name
        for s in KNOWN_SCHOOLS
        if s.name in names and {"step-free-access", "lift"} <= s.accessibility
    )
    assert both.names and len(both.names) < len(names)


def test_choosing_another_option_in_a_filter_widens_and_another_filter_narrows(known_schools, ask):
    one = ask({"need": "HI"}).count
    wider = ask({"need": ["HI", "SEMH"]}).count
    narrower = ask({"need": ["HI", "SEMH"], "town_is_ignored": "x", "phase": "infant"}).count

    assert one < wider
    assert narrower < wider


def test_every_option_count_is_what_choosing_it_gives(known_schools, client):
    """An option never shows a count that choosing it would not produce."""
    base = {"phase": ["primary"], "accessibility": ["lift"]}
    answer = ask_api(client, base)
    for facet in ("need", "outreach", "type", "provision"):
        for value, count in answer.facets[facet].items():
            chosen = ask_api(client, {**base, facet: value})
            assert chosen.count == count, (facet, value)
    # A filter already in use: its counts are what choosing only that option gives.
    for value, count in answer.facets["phase"].items():
        assert ask_api(client, {**base, "phase": value}).count == count, value


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    filters=st.fixed_dictionaries(
        {},
        optional={
            facet: st.sets(st.sampled_from(values), min_size=1, max_size=3)
            for facet, values in USED_VALUES.items()
            if values
        },
    )
)
def test_any_combination_of_filters_gives_the_expected_counts(known_schools, client, filters):
    names, counts = expected(KNOWN_SCHOOLS, filters)

    answer = ask_api(client, _params(filters))

    assert sorted(answer.names) == names
    for facet in FACETS:
        assert {v: c for v, c in answer.facets[facet].items() if c} == dict(counts[facet])


def test_needs_are_grouped_under_the_four_broad_areas(known_schools, client, directory):
    listing = client.get(directory.url).context["directory"]
    needs = next(f for f in listing.filters if f.name == "need")

    assert [group.label for group in needs.groups] == [
        "Communication and interaction",
        "Learning",
        "Social, emotional and mental health",
        "Sensory and physical",
        "Other needs",
    ]
    autism = next(o for g in needs.groups for o in g.options if o.value == "ASD")
    assert autism in needs.groups[0].options
    assert autism.count == sum("ASD" in s.need for s in KNOWN_SCHOOLS)


def test_filter_values_are_case_insensitive_in_the_api(known_schools, client):
    assert ask_api(client, {"need": "asd"}).count == ask_api(client, {"need": "ASD"}).count
    assert ask_api(client, {"phase": "PRIMARY"}).count == sum(
        s.phase == "primary" for s in KNOWN_SCHOOLS
    )
