"""While Redis cannot be reached (restarting, stopped), parents still get every page and
API answer, straight from the database, and rate limits let requests through (issue 20).
Nothing listens on the port the caches point at here: connections are refused, as when
the Redis container is down."""

from __future__ import annotations

import logging
import socket

import pytest
from django.test import Client

from localoffer.settings.base import cache_config
from schools.models import SchoolPage

pytestmark = pytest.mark.django_db


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(autouse=True)
def _redis_down(settings) -> None:
    url = f"redis://127.0.0.1:{_closed_port()}/0"
    settings.CACHES = {alias: cache_config(alias, url) for alias in settings.CACHES}
    settings.LOCALOFFER_PAGE_CACHE_SECONDS = 600


def test_pages_and_api_answers_are_served_without_redis(
    school: SchoolPage, settings, caplog: pytest.LogCaptureFixture
):
    settings.LOCALOFFER_API_RATES = ("2/m",)
    with caplog.at_level(logging.WARNING, logger="localoffer.cache_backends"):
        pages = [Client().get(url) for url in ("/", school.url, school.url)]
        answers = [Client().get("/api/oruk/services").status_code for _ in range(3)]

    assert [page.status_code for page in pages] == [200, 200, 200]
    assert "Heslerton Primary School" in pages[2].content.decode()
    assert answers == [200, 200, 200]  # no count is kept: nobody is refused
    assert "Redis cache unreachable" in caplog.text


def test_a_change_shows_at_once_without_redis(school: SchoolPage):
    Client().get(school.url)
    school.title = "Heslerton Community Primary School"
    school.save_revision().publish()

    assert "Heslerton Community Primary School" in Client().get(school.url).content.decode()
