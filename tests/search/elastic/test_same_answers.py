"""The same schools give the same answers on both backends.

Sixty generated schools (fixed seed) go into the database and, through the real
rebuild, into Elasticsearch; a mix of searches must then give the same result sets,
the same facet counts, the same order by name and the same extracts on both.
(Relevance order is each backend's own: only the sets are compared for it.)
"""

from __future__ import annotations

import random
from collections import Counter

import pytest

from search.backends import DirectoryQuery, DirectoryResult, Sort
from search.backends.database import DatabaseBackend
from search.elastic.backend import ElasticsearchBackend
from search.elastic.indexing import rebuild_index
from search.text import interpret
from search.vocabulary import load_vocabulary

from ..conftest import create_school, spec

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]

NEEDS = ["ASD", "SLCN", "SPLD", "MLD", "SEMH", "HI", "VI", "PD"]
FEATURES = ["step-free-access", "lift", "hearing-loop", "hygiene-suite", "sensory-room"]
SERVICES = ["speech-and-language-therapy", "camhs", "occupational-therapy", "physiotherapy"]
PHASES = ["primary", "secondary", "infant", "special"]
TYPES = ["community", "academy", "voluntary-aided", ""]
TOWNS = ["Malton", "Pickering", "Whitby", "Thirsk"]
SENTENCES = [
    "We support autistic pupils with a quiet base and visual timetables.",
    "Pupils with dyslexia have coloured overlays and extra time.",
    "Our speech therapy sessions run twice a week.",
    "Deaf pupils use radio aids; the hall has a soundfield system.",
    "The site is on one level, so wheelchair users reach every room.",
    "Children with Asperger's syndrome join our social skills club.",
    "We run a Forest School and a sensory garden.",
    "Parents meet the SENCO every term.",
    "Anxiety is supported by a trained ELSA.",
    "<b>Hydrotherapy</b> &amp; physiotherapy are on site.",
]
SEARCHES: list[tuple[str, dict[str, set[str]]]] = [
    ("", {}),
    ("autism", {}),
    ("autistic", {}),
    ("Asperger's", {}),
    ("wheelchair", {}),
    ("speech therapy", {}),
    ("dyslexia", {"phase": {"primary"}}),
    ("deaf", {"accessibility": {"hearing-loop"}}),
    ("forest school", {}),
    ("sensory garden", {"need": {"ASD", "SEMH"}}),
    ("Pickering", {}),
    ("Elm", {}),
    ("autism wheelchair", {"phase": {"primary", "infant"}}),
    ("autisim", {}),
    ("hydrotherapy", {}),
    ("nothing matches this", {}),
    ("", {"need": {"ASD"}}),
    ("", {"need": {"ASD", "HI"}, "accessibility": {"lift"}}),
    ("", {"phase": {"primary"}, "type": {"academy", "community"}}),
    ("", {"outreach": {"camhs"}, "provision": {"sen-unit"}}),
    (
        "",
        {
            "phase": {"primary"},
            "need": {"ASD"},
            "accessibility": {"step-free-access", "lift"},
            "outreach": {"speech-and-language-therapy"},
        },
    ),
]


@pytest.fixture
def generated_schools(schools_index):
    rng = random.Random(5)
    for number in range(60):
        sentences = rng.sample(SENTENCES, rng.randint(0, 4))
        create_school(
            schools_index,
            spec(
                f"{rng.choice(['Elm', 'Oak', 'Ash', 'Yew', 'Holly'])} {number:02d} School",
                phase=rng.choice(PHASES),
                type=rng.choice(TYPES),
                town=rng.choice(TOWNS),
                need=set(rng.sample(NEEDS, rng.randint(0, 3))),
                accessibility=set(rng.sample(FEATURES, rng.randint(0, 3))),
                outreach=set(rng.sample(SERVICES, rng.randint(0, 2))),
                provision=set(rng.sample(["sen-unit", "resourced-provision"], rng.randint(0, 1))),
                report={"adaptations": "".join(f"<p>{s}</p>" for s in sentences)},
            ),
            slug=f"school-{number}",
        )


def _ask(backend, text: str, filters: dict[str, set[str]], **kwargs) -> DirectoryResult:
    concepts = interpret(text, load_vocabulary()).concepts if text else ()
    query = DirectoryQuery(
        concepts=concepts,
        filters={facet: frozenset(values) for facet, values in filters.items()},
        **kwargs,
    )
    result = backend.search(query)
    assert not result.degraded
    return result


def _counts(result: DirectoryResult) -> dict[str, Counter]:
    return {
        f: Counter({v: c for v, c in counts.items() if c})
        for f, counts in result.facet_counts.items()
    }


def _differences(text: str, filters: dict[str, set[str]]) -> list[str]:
    database, elasticsearch = DatabaseBackend(), ElasticsearchBackend()
    db, es = (
        _ask(b, text, filters, sort=Sort.NAME, page_size=100) for b in (database, elasticsearch)
    )
    db_rel, es_rel = (
        _ask(b, text, filters, sort=Sort.RELEVANCE, page_size=100)
        for b in (database, elasticsearch)
    )
    problems = []
    if es.count != db.count:
        problems.append(f"count {es.count} != {db.count}")
    if [hit.name for hit in es.hits] != [hit.name for hit in db.hits]:
        problems.append("results by name differ")
    elif es.hits != db.hits:
        problems.append("the facts or extracts of some results differ")
    if _counts(es) != _counts(db):
        problems.append(f"facet counts differ: {_counts(es)} != {_counts(db)}")
    if {h.page_id for h in es_rel.hits} != {h.page_id for h in db_rel.hits}:
        problems.append("results by relevance are not the same schools")
    return problems


def test_both_backends_give_the_same_answers(generated_schools, es_directory):
    rebuild_index()

    differences = {
        f"{text!r} {filters}": problems
        for text, filters in SEARCHES
        if (problems := _differences(text, filters))
    }

    assert differences == {}


def test_the_fixture_exercises_what_it_compares(generated_schools, es_directory):
    """The comparison means something: searches find some schools but not all."""
    rebuild_index()
    backend = ElasticsearchBackend()
    total = _ask(backend, "", {}).count
    found = [_ask(backend, text, filters).count for text, filters in SEARCHES[1:]]

    assert total == 60
    assert sum(0 < count < total for count in found) >= len(found) - 2
    assert any(hit.extract for hit in _ask(backend, "autism", {}, page_size=100).hits)
