"""Fuzz the directory API from its own OpenAPI description with schemathesis.

Schemathesis generates requests from /api/v1/openapi.json, valid ones and invalid
ones, sends them to the real WSGI application and checks every response: never a
server error, and always as the description says (status code, content type, body).

Schemathesis's own pytest plugin does not yet work with pytest 9 (it reads a removed
private attribute), so its Hypothesis strategies are used directly.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

from .conftest import KNOWN_SCHOOLS, create_school

pytestmark = pytest.mark.django_db


@pytest.fixture
def wsgi_app():
    """The project's WSGI handler, keeping the test's database connection open.

    Django closes connections at the end of each request; inside a test transaction
    that would close it (PostgreSQL). Django's own test client disconnects the same
    signal handler.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def operation(schools_index, wsgi_app):
    for school in KNOWN_SCHOOLS[:4]:
        create_school(schools_index, school)
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    return schema["/api/v1/directory/"]["GET"]


def _without_location(case) -> None:
    # Whether a postcode exists depends on the postcode data loaded, which no schema can
    # say: a well-formed one may be a 400 (tests/search/test_distance.py covers them).
    query = case.query or {}
    assume("postcode" not in query and "distance" not in query)
    assume(query.get("sort") != "distance")


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_api_matches_its_description(operation, mode):
    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case):
        if mode == GenerationMode.POSITIVE:
            _without_location(case)
        case.call_and_validate()

    check()


def test_generated_searches_find_schools(operation):
    """Valid generated searches are accepted: the fuzzing reaches the search itself."""
    statuses = []

    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(), data=st.data())
    def check(case, data):
        _without_location(case)
        statuses.append(case.call().status_code)

    check()
    assert set(statuses) == {200}
