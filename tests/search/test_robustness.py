"""Nothing a visitor sends produces a 500, and the number of queries does not grow."""

from __future__ import annotations

from urllib.parse import quote, urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from localoffer import version_memo
from schools.models import AccessibilityFeature, NeedArea, OutreachService

from .conftest import KNOWN_SCHOOLS, create_school, spec

pytestmark = pytest.mark.django_db

API = "/api/v1/directory/"
PARAMETERS = [
    "q",
    "need",
    "accessibility",
    "outreach",
    "phase",
    "type",
    "provision",
    "sort",
    "page",
    "page_size",
    "format",
    "unknown",
]
HOSTILE = [
    "",
    " ",
    "ASD",
    "asd",
    "primary",
    "step-free-access",
    "' OR 1=1 --",
    "'; DROP TABLE wagtailcore_page; --",
    '" OR ""="',
    "<script>alert(1)</script>",
    "<mark>",
    "%",
    "%%",
    "_",
    "\\",
    "\x00",
    "\ud800",
    "NEAR(a b)",
    'autism" OR "x',
    "title:autism",
    "*",
    "-1",
    "0",
    "1e9",
    "9" * 30,
    "9" * 5000,
    "\u202e\u0627\u0644\u062a\u0648\u062d\u062f",
    "\u81ea\u9589\u75c7",
    "a" * 5000,
    "autism " * 200,
]
values = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=60),
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
)
pairs = st.lists(st.tuples(st.sampled_from(PARAMETERS), values), max_size=8)


def _query(params: list[tuple[str, str]]) -> str:
    # A lone surrogate goes out as the (invalid UTF-8) bytes a hostile client could send.
    return urlencode(params, errors="surrogatepass")


SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def a_few_schools(schools_index):
    for school in KNOWN_SCHOOLS[:3]:
        create_school(schools_index, school)


@SETTINGS
@given(params=pairs)
def test_the_page_answers_any_parameters_politely(a_few_schools, directory, client, params):
    response = client.get(f"{directory.url}?{_query(params)}")

    assert response.status_code == 200
    assert response.context["directory"] is not None


@SETTINGS
@given(params=pairs)
def test_the_api_answers_any_parameters_with_json(a_few_schools, client, params):
    response = client.get(f"{API}?{_query(params)}")

    assert response.status_code in {200, 400}
    body = response.json()
    if response.status_code == 400:
        assert {error["parameter"] for error in body["errors"]} <= set(PARAMETERS)


@SETTINGS
@given(raw=st.text(alphabet=st.characters(codec="ascii", exclude_categories=["Cc"]), max_size=80))
def test_raw_query_strings_never_fail(a_few_schools, directory, client, raw):
    query = quote(raw, safe="=&%+;")
    assert client.get(f"{directory.url}?{query}").status_code == 200
    assert client.get(f"{API}?{query}").status_code < 500


def _queries(client, url, params, *, kept=True):
    client.get(url, params)  # warm per-process caches (content types)
    if not kept:
        # As after any change: what the page looked up is read again.
        version_memo.forget()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(context)


def _three_counts(client, url, params):
    # The page as most requests find it, the page after a change, and the API.
    return (
        _queries(client, url, params),
        _queries(client, url, params, kept=False),
        _queries(client, API, params),
    )


SEARCHES = [
    {},
    {"q": "autism"},
    {"q": "autism wheelchair speech therapy gorse"},
    {"need": ["ASD", "HI"], "phase": "primary", "accessibility": "lift"},
    {
        "q": "autisim",
        "need": "ASD",
        "outreach": "camhs",
        "type": "academy",
        "provision": "sen-unit",
    },
    {"page": 3},
]


def test_queries_per_request_are_few_and_do_not_grow(
    schools_index, directory, client, django_assert_max_num_queries
):
    small = {}
    create_school(schools_index, KNOWN_SCHOOLS[0])
    client.get(directory.url)  # the first visit creates the council's settings
    for index, params in enumerate(SEARCHES):
        small[index] = _three_counts(client, directory.url, params)

    # Many more schools, and more options in every filter.
    for number in range(40):
        create_school(
            schools_index,
            spec(
                f"Extra School {number}",
                need={"ASD", "HI", "SPLD"},
                accessibility={"lift", "step-free-access"},
                outreach={"camhs", "speech-and-language-therapy"},
                provision={"sen-unit"},
                report={"teaching_approach": "<p>Autism friendly. Wheelchair ramps.</p>"},
            ),
        )
    for number in range(10):
        NeedArea.objects.create(code=f"X{'ABCDEFGHIJ'[number]}", label=f"Need {number}")
        AccessibilityFeature.objects.create(slug=f"feature-{number}", label=f"Feature {number}")
        OutreachService.objects.create(slug=f"service-{number}", label=f"Service {number}")

    for index, params in enumerate(SEARCHES):
        large = _three_counts(client, directory.url, params)
        assert large == small[index], params
        # Two (docs/performance.md: the data version and the search), and once more when
        # the words mean options of several filters: how many results are tagged with
        # them all ("3 schools provide for autism; ...").
        with django_assert_max_num_queries(3):
            client.get(directory.url, params)
        # The first request after a change: the version, then what Wagtail looks up
        # (site, route, restrictions, settings), the vocabularies and the search.
        version_memo.forget()
        with django_assert_max_num_queries(10):
            client.get(directory.url, params)
        # One more than the page: every result's census figures, in one query.
        with django_assert_max_num_queries(11):
            client.get(API, params)
