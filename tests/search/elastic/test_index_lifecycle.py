"""Rebuilding the index: a new versioned index behind the alias, swapped in whole."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from search.backends import DirectoryQuery, Sort
from search.elastic.backend import ElasticsearchBackend
from search.elastic.client import alias_name, building_alias_name, get_client
from search.elastic.documents import MAPPING_VERSION
from search.elastic.indexing import (
    delete_indexes,
    index_state,
    queue_pages,
    rebuild_index,
    sync_pages,
)
from search.elastic.models import PendingIndexUpdate

from ..conftest import create_school, spec

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]


def _names() -> list[str]:
    result = ElasticsearchBackend().search(DirectoryQuery(sort=Sort.NAME, page_size=100))
    assert not result.degraded
    return [hit.name for hit in result.hits]


def _indexes() -> list[str]:
    client = get_client(write=True)
    return sorted(client.indices.get(index=f"{alias_name()}-*", expand_wildcards="all"))


def test_the_command_builds_a_new_index_swaps_the_alias_and_deletes_the_old(
    schools_index, es_directory
):
    create_school(schools_index, spec("Ash School"))
    create_school(schools_index, spec("Birch School"))
    (empty,) = index_state()["indexes"]
    assert _names() == []

    out = io.StringIO()
    call_command("rebuild_directory_index", stdout=out)

    (first,) = index_state()["indexes"]
    assert first != empty
    assert first.startswith(f"{alias_name()}-v{MAPPING_VERSION}-")
    assert _indexes() == [first]  # the old one is gone
    assert "Indexed 2 schools" in out.getvalue()
    assert _names() == ["Ash School", "Birch School"]

    create_school(schools_index, spec("Cedar School"))
    call_command("rebuild_directory_index", stdout=io.StringIO())

    (second,) = index_state()["indexes"]
    assert second != first
    assert _indexes() == [second]
    assert _names() == ["Ash School", "Birch School", "Cedar School"]
    assert not get_client().indices.exists_alias(name=building_alias_name())


def test_searches_keep_working_from_the_old_index_during_a_rebuild(schools_index, es_directory):
    for name in ("Ash School", "Birch School", "Cedar School"):
        create_school(schools_index, spec(name))
    rebuild_index()
    create_school(schools_index, spec("Damson School"))
    seen_during: list[list[str]] = []

    def search_midway(done: int) -> None:
        seen_during.append(_names())

    rebuild_index(chunk_size=1, progress=search_midway)

    assert len(seen_during) == 4
    assert all(names == ["Ash School", "Birch School", "Cedar School"] for names in seen_during)
    assert _names() == ["Ash School", "Birch School", "Cedar School", "Damson School"]


def test_a_change_published_during_a_rebuild_reaches_the_new_index(schools_index, es_directory):
    first = create_school(schools_index, spec("Ash School"))
    for name in ("Birch School", "Cedar School"):
        create_school(schools_index, spec(name))
    rebuild_index()

    def rename_after_first_chunk(done: int) -> None:
        if done == 1:
            # The rebuild has already read (and sent) the old name.
            first.title = "Alder School"
            first.save_revision().publish()
            assert sync_pages([first.pk])

    rebuild_index(chunk_size=1, progress=rename_after_first_chunk)

    assert _names() == ["Alder School", "Birch School", "Cedar School"]


def test_if_needed_only_rebuilds_a_missing_index_or_one_of_another_mapping(
    schools_index, es_directory
):
    create_school(schools_index, spec("Ash School"))
    delete_indexes()  # a new deployment: no index yet
    call_command("rebuild_directory_index", "--if-needed", stdout=io.StringIO())
    (built,) = index_state()["indexes"]
    assert _names() == ["Ash School"]

    out = io.StringIO()
    call_command("rebuild_directory_index", "--if-needed", stdout=out)
    assert index_state()["indexes"] == [built]
    assert "Index up to date" in out.getvalue()

    # As if built by an older release with a different mapping.
    get_client(write=True).indices.put_mapping(
        index=built, meta={"mapping_version": MAPPING_VERSION - 1}
    )
    call_command("rebuild_directory_index", "--if-needed", stdout=io.StringIO())
    assert index_state()["indexes"] != [built]
    assert index_state()["mapping_version"] == MAPPING_VERSION


def test_a_rebuild_clears_the_queue_of_pending_updates(schools_index, es_directory):
    page = create_school(schools_index, spec("Ash School"))
    queue_pages([page.pk, 999_999], "test outage")

    rebuild_index()

    assert PendingIndexUpdate.objects.count() == 0
    assert _names() == ["Ash School"]


def test_the_command_says_when_elasticsearch_is_not_configured(settings):
    settings.LOCALOFFER_ELASTICSEARCH_URL = ""

    with pytest.raises(CommandError, match="ELASTICSEARCH_URL is not set"):
        call_command("rebuild_directory_index")
