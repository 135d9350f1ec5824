"""Shared fixtures. Server-backed suites are marked and skipped unless their server is
configured; under CI (``CI=true``) a missing server fails them instead of skipping."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.cache import caches
from django.db import transaction

from localoffer import version_memo
from schools.factories import SchoolPageFactory, school_index
from schools.models import SchoolIndexPage, SchoolPage

_SERVER_ENV = {
    "postgres": "DATABASE_URL",
    "elasticsearch": "ELASTICSEARCH_URL",
    "redis": "REDIS_URL",
}


def _missing_server(item: pytest.Item) -> str | None:
    for marker, variable in _SERVER_ENV.items():
        if item.get_closest_marker(marker) and not os.environ.get(variable):
            return variable
    return None


def pytest_runtest_setup(item: pytest.Item) -> None:
    variable = _missing_server(item)
    if variable is None:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{variable} is not set: CI must start this server, not skip its tests")
    pytest.skip(f"set {variable} to run (see README)")


@pytest.fixture(autouse=True)
def every_response_has_a_content_security_policy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 12: every response the site gives has a Content-Security-Policy header, in
    every test. django-csp leaves it off only Django's DEBUG error pages."""
    from django.conf import settings
    from django.test import Client

    send = Client.request

    def request(self: Client, **request: Any) -> Any:
        response = send(self, **request)
        if not (settings.DEBUG and response.status_code in {404, 500}):
            assert "Content-Security-Policy" in response, (
                f"{response.status_code} {request.get('PATH_INFO')} has no "
                "Content-Security-Policy header"
            )
        return response

    monkeypatch.setattr(Client, "request", request)


def rows_for_the_module(build: Callable[[], Any], django_db_blocker: Any) -> Iterator[Any]:
    """For a module-scoped fixture: ``build()``'s rows written once for all the module's
    tests and rolled back after the last of them, as Django's ``setUpTestData`` does.

    Each test still runs in its own savepoint inside, so what one test writes the next
    does not see. Only for rows the tests read: a slow build (importing the demo schools
    takes seconds) is then paid once a module, not once a test. Yields ``build()``'s
    result. Not for tests that tests/search/contract/ re-runs on Elasticsearch: each of
    those starts with an empty index, which only a per-test build fills.
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            built = build()
        except BaseException:
            atomic.__exit__(None, None, None)
            raise
    try:
        yield built
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _fresh_caches() -> None:
    """Each test starts with empty caches: no rate-limit counts or cached API answers
    left by another test (the database is rolled back; the caches are not)."""
    for cache in caches.all(initialized_only=True):
        cache.clear()
    # Nor what a page request looked up under a data version: a rolled-back or flushed
    # database goes back to versions an earlier test already read.
    version_memo.forget()


@pytest.fixture
def schools_index(db: None) -> SchoolIndexPage:
    """The site's schools index page."""
    return school_index()


@pytest.fixture
def school(schools_index: SchoolIndexPage) -> SchoolPage:
    """A published school page with a SENCO and no report answers."""
    return SchoolPageFactory(
        parent=schools_index,
        title="Heslerton Primary School",
        urn="121000",
        senco_name="Mrs R Wells",
        senco_email="senco@example.org",
    )
