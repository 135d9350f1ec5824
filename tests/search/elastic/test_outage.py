"""Elasticsearch down or slow: the directory still answers, publishing still works,
and the index catches up afterwards.

Outages here are real: a port where nothing listens, a server that accepts
connections and never answers, and (last test) a second Elasticsearch node started
with .ci/elasticsearch.sh and killed with SIGKILL mid-test, then started again (on the
port in ``LOCALOFFER_TEST_ES_PORT`` if set, otherwise a free one).
"""

from __future__ import annotations

import io
import logging
import os
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from elasticsearch import Elasticsearch

from localoffer.data_version import data_version
from schools.models import SchoolPage
from search.elastic.client import UNAVAILABLE, alias_name, breaker
from search.elastic.indexing import catch_up, rebuild_index
from search.elastic.models import PendingIndexUpdate

from ..conftest import ask_api, ask_page, create_school, spec
from ..es_support import cleanup, indexed_ids, use_elasticsearch

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ROOT / ".ci" / "elasticsearch.sh"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Silent:
    """A server that accepts connections and never says a word: Elasticsearch hung."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.connections: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _address = self.sock.accept()
            except OSError:
                return
            self.connections.append(conn)

    def close(self) -> None:
        self.sock.close()
        for conn in self.connections:
            conn.close()


@pytest.fixture
def silent_server() -> Iterator[Silent]:
    server = Silent()
    yield server
    server.close()


def _publish(index, title: str) -> SchoolPage:
    urn = str(700_000 + SchoolPage.objects.count())
    page = SchoolPage(title=title, urn=urn, phase="primary", town="Malton", live=False)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_a_dead_server_degrades_the_directory_and_publishing_still_works(
    schools_index,
    directory,
    es_directory,
    settings,
    caplog,
    django_capture_on_commit_callbacks,
):
    create_school(schools_index, spec("Ash School", need={"ASD"}))
    rebuild_index()
    working_url = settings.LOCALOFFER_ELASTICSEARCH_URL
    settings.LOCALOFFER_ELASTICSEARCH_URL = f"http://127.0.0.1:{_free_port()}"
    client = Client()

    answer = ask_api(client, {"q": "autism"})
    assert answer.status == 200
    assert answer.body["degraded"] is True
    assert answer.names == ["Ash School"]  # the database answered
    assert ask_page(client, directory, {"q": "autism"}).names == ["Ash School"]

    with (
        caplog.at_level(logging.WARNING, logger="search"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        page = _publish(schools_index, "Birch School")
    assert SchoolPage.objects.get(pk=page.pk).live
    assert PendingIndexUpdate.objects.filter(page_id=page.pk).exists()
    assert "queued for later" in caplog.text

    # Elasticsearch is back: the next index update sends the queued one too.
    settings.LOCALOFFER_ELASTICSEARCH_URL = working_url
    breaker.reset()
    with django_capture_on_commit_callbacks(execute=True):
        third = _publish(schools_index, "Cedar School")

    assert PendingIndexUpdate.objects.count() == 0
    assert indexed_ids() >= {page.pk, third.pk}
    back = ask_api(client, {"q": "school"})
    assert back.body["degraded"] is False
    assert back.names == ["Ash School", "Birch School", "Cedar School"]


def test_a_hung_server_times_out_and_is_left_alone_for_a_while(
    schools_index, es_directory, settings, silent_server
):
    create_school(schools_index, spec("Ash School"))
    settings.LOCALOFFER_ELASTICSEARCH_URL = silent_server.url
    settings.LOCALOFFER_ELASTICSEARCH_RETRY_AFTER = 60
    client = Client()

    first = ask_api(client, {"q": "ash"})
    second = ask_api(client, {"q": "ash"})

    assert first.body["degraded"] is True and second.body["degraded"] is True
    assert first.names == second.names == ["Ash School"]
    # The second request did not wait on the hung server again.
    assert len(silent_server.connections) == 1


def test_an_index_that_was_never_built_degrades_too(schools_index, es_directory):
    create_school(schools_index, spec("Ash School"))
    cleanup()  # no index behind the alias

    answer = ask_api(Client(), {})

    assert answer.status == 200
    assert answer.body["degraded"] is True
    assert answer.names == ["Ash School"]


# A node starts in half a minute on an idle machine; on a busy one (CI shares its cores
# with other jobs) it can take several. These are bounds: each wait ends when its
# condition holds.
NODE_START_SECONDS = 600
NODE_READY_SECONDS = 300


def _script(command: str, port: int) -> subprocess.CompletedProcess:
    env = {**os.environ, "ES_PORT": str(port), "ES_START_TIMEOUT": str(NODE_START_SECONDS)}
    return subprocess.run(
        [str(SCRIPT), command],
        env=env,
        capture_output=True,
        text=True,
        timeout=NODE_START_SECONDS + 120,
    )


def _wait_until_searchable(url: str) -> None:
    """Wait until the node answers a search on the directory's alias.

    A node that reports itself healthy may still be opening the index it had before it
    was killed, and its first searches are slow; this asks it directly (not through the
    site, so the site's breaker is untouched) until it answers, within a bound.
    """
    client = Elasticsearch(url, request_timeout=30, max_retries=0)
    deadline = time.monotonic() + NODE_READY_SECONDS
    while True:
        try:
            client.cluster.health(index=alias_name(), wait_for_status="yellow", timeout="30s")
            client.search(index=alias_name(), size=0)
            return
        except UNAVAILABLE as exc:
            assert time.monotonic() < deadline, f"{url} did not answer searches: {exc}"
            time.sleep(1)


@pytest.fixture
def own_node() -> Iterator[tuple[str, int]]:
    """A second, throwaway Elasticsearch node this test may kill; removed afterwards."""
    port = int(os.environ.get("LOCALOFFER_TEST_ES_PORT") or _free_port())
    started = _script("start", port)
    if started.returncode != 0:
        message = f"could not start a second Elasticsearch node:\n{started.stderr[-2000:]}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    try:
        yield started.stdout.strip().splitlines()[-1], port
    finally:
        _script("clean", port)


def test_killing_elasticsearch_mid_run_then_bringing_it_back(
    schools_index, directory, settings, own_node, django_capture_on_commit_callbacks
):
    url, port = own_node
    use_elasticsearch(settings)
    settings.LOCALOFFER_ELASTICSEARCH_URL = url
    # A node just started answers its first searches slowly on a busy machine; the
    # outage here is a refused connection, which fails at once whatever the timeout.
    settings.LOCALOFFER_ELASTICSEARCH_TIMEOUT = 60.0
    settings.LOCALOFFER_ELASTICSEARCH_WRITE_TIMEOUT = 60.0
    create_school(schools_index, spec("Ash School", need={"ASD"}))
    rebuild_index()
    _wait_until_searchable(url)
    client = Client()
    assert ask_api(client, {"q": "autism"}).body["degraded"] is False

    assert _script("kill", port).returncode == 0  # SIGKILL, as a crash would

    answer = ask_api(client, {"q": "autism"})
    assert answer.body["degraded"] is True
    assert answer.names == ["Ash School"]
    with django_capture_on_commit_callbacks(execute=True):
        page = _publish(schools_index, "Autism Base School")
    assert SchoolPage.objects.get(pk=page.pk).live
    assert PendingIndexUpdate.objects.filter(page_id=page.pk).exists()

    restarted = _script("start", port)
    assert restarted.returncode == 0, restarted.stderr[-2000:]
    _wait_until_searchable(url)
    recovered = time.monotonic()

    # Nobody runs a command: parents keep searching, and within a minute of the node
    # answering again they find it.
    while True:
        back = ask_api(client, {"q": "autism"})
        if not back.body["degraded"] and "Autism Base School" in back.names:
            break
        assert time.monotonic() - recovered < 60, "the index did not catch up by itself"
        time.sleep(1)

    assert back.names == ["Ash School", "Autism Base School"]
    assert PendingIndexUpdate.objects.count() == 0
    assert indexed_ids() == {SchoolPage.objects.get(title="Ash School").pk, page.pk}
    assert ask_page(client, directory, {"q": "autism"}).names == [
        "Ash School",
        "Autism Base School",
    ]


def test_updates_another_process_queued_are_sent_within_the_interval_and_drop_cached_answers(
    schools_index, es_directory, settings, django_capture_on_commit_callbacks
):
    create_school(schools_index, spec("Ash School", need={"ASD"}))
    rebuild_index()
    working_url = settings.LOCALOFFER_ELASTICSEARCH_URL
    settings.LOCALOFFER_ELASTICSEARCH_URL = f"http://127.0.0.1:{_free_port()}"
    with django_capture_on_commit_callbacks(execute=True):
        page = _publish(schools_index, "Autism Base School")
    assert PendingIndexUpdate.objects.filter(page_id=page.pk).exists()

    # Elasticsearch is back, and this process never saw it fail (another one queued
    # the update): it looked for queued updates a moment ago, so it answers without.
    settings.LOCALOFFER_ELASTICSEARCH_URL = working_url
    breaker.reset()
    settings.LOCALOFFER_ELASTICSEARCH_CATCH_UP_SECONDS = 3600
    catch_up()
    client = Client()
    assert ask_api(client, {"q": "autism"}).names == ["Ash School"]
    cached_under = data_version()

    # The interval has passed: the next search sends the queued update first.
    settings.LOCALOFFER_ELASTICSEARCH_CATCH_UP_SECONDS = 0
    answer = ask_api(client, {"q": "autism"})

    assert answer.body["degraded"] is False
    assert answer.names == ["Ash School", "Autism Base School"]
    assert PendingIndexUpdate.objects.count() == 0
    # Whatever was cached while the index was behind is never answered again.
    assert data_version() != cached_under


def test_the_pending_command_sends_what_was_queued(
    schools_index, es_directory, settings, django_capture_on_commit_callbacks
):
    working_url = settings.LOCALOFFER_ELASTICSEARCH_URL
    settings.LOCALOFFER_ELASTICSEARCH_URL = f"http://127.0.0.1:{_free_port()}"
    with django_capture_on_commit_callbacks(execute=True):
        page = _publish(schools_index, "Birch School")
    settings.LOCALOFFER_ELASTICSEARCH_URL = working_url
    breaker.reset()
    out = io.StringIO()

    call_command("rebuild_directory_index", "--pending", stdout=out)

    assert "1 queued update(s) sent" in out.getvalue()
    assert PendingIndexUpdate.objects.count() == 0
    assert indexed_ids() == {page.pk}
