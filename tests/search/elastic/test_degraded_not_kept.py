"""An answer the database gave while Elasticsearch was down says so ("degraded") and is
not kept on the server (issue 20): once the node is back, the next answer comes from it
and no longer says it is down, though no data changed."""

from __future__ import annotations

import socket

import pytest
from django.test import Client

from search.elastic.client import breaker
from search.elastic.indexing import rebuild_index

from ..conftest import ask_api, create_school, spec

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_degraded_answer_is_not_kept_once_elasticsearch_is_back(
    schools_index, es_directory, settings
):
    settings.LOCALOFFER_SERVER_CACHED_API_PREFIXES = {"/api/v1/": "public-answers"}
    create_school(schools_index, spec("Ash School", need={"ASD"}))
    rebuild_index()
    working_url = settings.LOCALOFFER_ELASTICSEARCH_URL
    settings.LOCALOFFER_ELASTICSEARCH_URL = f"http://127.0.0.1:{_free_port()}"
    client = Client()
    down = ask_api(client, {"q": "autism"})
    assert down.body["degraded"] is True
    assert down.names == ["Ash School"]

    settings.LOCALOFFER_ELASTICSEARCH_URL = working_url
    breaker.reset()
    back = ask_api(client, {"q": "autism"})

    assert back.body["degraded"] is False
    assert back.names == ["Ash School"]
    # An answer from Elasticsearch is kept as usual.
    assert ask_api(client, {"q": "autism"}).body == back.body
