"""The directory on the demo schools: the example parent's question, with right counts.

The expected answers are worked out from the demo JSON file itself, not from the site.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from schools.factories import site_home

from .conftest import FACETS, ask_api, ask_page, expected, spec

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[2] / "schools" / "fixtures"
DEMO_FILES = (FIXTURES / "demo_schools.json", FIXTURES / "example_schools.json")

PARENTS_QUESTION = {
    "phase": {"primary"},
    "need": {"ASD"},
    "accessibility": {"step-free-access", "lift"},
    "outreach": {"speech-and-language-therapy"},
}
# One filter at a time as well, so the counts are checked where they are not all zero.
STEPS = [
    {"phase": {"primary"}},
    {"phase": {"primary"}, "outreach": {"speech-and-language-therapy"}},
    {"phase": {"primary"}, "accessibility": {"step-free-access", "lift"}},
    {"need": {"ASD"}},
    PARENTS_QUESTION,
]


def _demo_specs():
    records = [record for path in DEMO_FILES for record in json.loads(path.read_text())["schools"]]
    return [
        spec(
            record["name"],
            phase=record["phase"],
            type=record.get("establishment_type", ""),
            need={code.upper() for code in record.get("needs", [])},
            accessibility=set(record.get("accessibility", [])),
            outreach=set(record.get("outreach", [])),
            provision={p["kind"] for p in record.get("specialist_provision", [])},
        )
        for record in records
    ]


# Imported again for every test, not once a module (as tests/test_demo_site.py does):
# contract/ re-runs these tests on Elasticsearch, whose index each test starts empty.
@pytest.fixture
def demo_site(schools_index):
    for path in DEMO_FILES:
        if not path.exists():
            pytest.fail(f"{path} is missing: the demo data is part of the project")
        call_command("import_schools", str(path))
    from search.services import ensure_directory_page

    return ensure_directory_page(schools_index)


@pytest.mark.parametrize("filters", STEPS, ids=lambda f: "+".join(sorted(f)))
def test_the_demo_directory_answers_the_parents_question(demo_site, client, filters):
    names, counts = expected(_demo_specs(), filters)
    params = {facet: sorted(values) for facet, values in filters.items()}

    for answer in (ask_page(client, demo_site, params), ask_api(client, params)):
        assert answer.status == 200
        assert answer.count == len(names)
        assert sorted(answer.names) == names
        for facet in FACETS:
            assert {v: c for v, c in answer.facets[facet].items() if c} == dict(counts[facet])


def test_the_demo_schools_are_all_in_the_directory(demo_site, client):
    assert demo_site.get_parent().get_parent().specific == site_home()
    assert ask_page(client, demo_site).count == len(_demo_specs())


def test_the_parents_question_has_an_answer_on_the_demo_site(demo_site, client):
    # The example parent: a primary school for an autistic wheelchair user, with SALT.
    names, _ = expected(_demo_specs(), PARENTS_QUESTION)
    assert names, "the demo data should give the parent's question at least one school"
    params = {facet: sorted(values) for facet, values in PARENTS_QUESTION.items()}
    assert sorted(ask_page(client, demo_site, params).names) == names
