"""One contract, two backends: every test in this folder runs on each search backend.

The ``directory_backend`` fixture is automatic and parametrised: each test runs once
on the database backend and once on Elasticsearch (marked ``elasticsearch``: skipped
without ELASTICSEARCH_URL, failed under CI). The directory tests of tests/search that
state the contract (filters and counts, parents' words, visibility, robustness, the
demo data) are collected here too, so both backends pass the very same tests.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ..es_support import (
    DATABASE_BACKEND,
    SYNCED_BACKEND,
    cleanup,
    create_empty_index,
    use_elasticsearch,
)

BACKENDS = ["database", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)]


@pytest.fixture(params=BACKENDS, autouse=True)
def directory_backend(request: pytest.FixtureRequest, settings) -> Iterator[str]:
    """The search backend this run of the test uses ("database" or "elasticsearch")."""
    if request.param == "database":
        settings.LOCALOFFER_DIRECTORY_BACKEND = DATABASE_BACKEND
        yield "database"
        return
    use_elasticsearch(settings, backend=SYNCED_BACKEND)
    create_empty_index()
    yield "elasticsearch"
    cleanup()
