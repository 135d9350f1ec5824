"""Running the directory on a real Elasticsearch in tests (never a mock).

Each test gets an alias of its own (``localoffer-test-<random>``) on the server at
``ELASTICSEARCH_URL``, and its indexes are deleted afterwards, so tests never see
each other's schools.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

from search.backends.base import DirectoryQuery, DirectoryResult
from search.elastic.backend import ElasticsearchBackend
from search.elastic.client import alias_name, breaker, get_client
from search.elastic.documents import index_body
from search.elastic.indexing import delete_indexes, sync_pages

ELASTICSEARCH_BACKEND = "search.elastic.backend.ElasticsearchBackend"
SYNCED_BACKEND = "tests.search.es_support.SyncedElasticsearchBackend"
DATABASE_BACKEND = "search.backends.database.DatabaseBackend"


def elasticsearch_url() -> str:
    return os.environ.get("ELASTICSEARCH_URL", "")


def use_elasticsearch(settings, backend: str = ELASTICSEARCH_BACKEND) -> str:
    """Point the directory at a fresh alias on the test server; returns the alias."""
    alias = f"localoffer-test-{uuid.uuid4().hex[:12]}"
    settings.LOCALOFFER_ELASTICSEARCH_URL = elasticsearch_url()
    settings.LOCALOFFER_ELASTICSEARCH_INDEX = alias
    settings.LOCALOFFER_DIRECTORY_BACKEND = backend
    breaker.reset()
    return alias


def create_empty_index() -> str:
    """A versioned index behind the alias, with the production mapping and no schools."""
    client = get_client(write=True)
    body = index_body()
    name = f"{alias_name()}-v0-empty"
    client.indices.create(
        index=name,
        settings=body["settings"],
        mappings=body["mappings"],
        aliases={alias_name(): {}},
    )
    return name


def cleanup() -> None:
    breaker.reset()
    delete_indexes()


@pytest.fixture
def es_directory(settings) -> Iterator[str]:
    """The directory on Elasticsearch, with an empty index; yields the alias."""
    alias = use_elasticsearch(settings)
    create_empty_index()
    yield alias
    # The test may have pointed the directory elsewhere (a dead or hung server).
    settings.LOCALOFFER_ELASTICSEARCH_URL = elasticsearch_url()
    settings.LOCALOFFER_ELASTICSEARCH_INDEX = alias
    cleanup()


def refresh() -> None:
    """Make every write so far visible to searches (Elasticsearch shows them within a second)."""
    get_client(write=True).indices.refresh(index=alias_name())


def indexed_ids() -> set[int]:
    client = get_client(write=True)
    client.indices.refresh(index=alias_name())
    response = client.search(index=alias_name(), size=10_000, source=False, query={"match_all": {}})
    return {int(hit["_id"]) for hit in response["hits"]["hits"]}


# The school ids sent to each test alias so far: a school deleted from the database
# since must be deleted from the index too.
_sent: dict[str, set[int]] = {}


def sync_everything() -> None:
    """Bring the whole index in line with the database as the test left it."""
    from schools.models import SchoolPage

    sent = _sent.setdefault(alias_name(), set())
    ids = set(SchoolPage.objects.values_list("pk", flat=True))
    assert sync_pages(ids | sent), "Elasticsearch refused an update"
    sent |= ids
    refresh()


class SyncedElasticsearchBackend(ElasticsearchBackend):
    """Test only: the Elasticsearch backend, with the index brought up to date first.

    The shared contract tests change pages in the database inside a transaction that
    is never committed, so the on-commit index updates never run; this backend sends
    every school's current state before each search instead. How the index follows
    the editors' changes is tested separately (tests/search/elastic/).

    It never falls back to the database: a degraded answer would hide a failure.
    """

    def search(self, query: DirectoryQuery) -> DirectoryResult:
        sync_everything()
        result = super().search(query)
        assert not result.degraded, "Elasticsearch failed; the database answered instead"
        return result
