"""With REDIS_URL (docker-compose.yml), the page, API and rate-limit caches live in one
Redis shared by every web container and worker (issue 20), tested on a real server."""

from __future__ import annotations

import os

import pytest
import redis
from django.test import Client
from wagtail.models import Page

from localoffer.settings.base import cache_config
from schools.models import SchoolPage

pytestmark = [pytest.mark.redis, pytest.mark.django_db]

ALIASES = ("default", "public-api", "public-answers", "public-pages")


@pytest.fixture
def server() -> redis.Redis:
    return redis.Redis.from_url(os.environ["REDIS_URL"])


@pytest.fixture(autouse=True)
def _caches_in_redis(settings, server: redis.Redis):
    settings.CACHES = {alias: cache_config(alias, os.environ["REDIS_URL"]) for alias in ALIASES}
    settings.LOCALOFFER_PAGE_CACHE_SECONDS = 600
    server.flushdb()
    yield
    server.flushdb()


def _keys(server: redis.Redis, alias: str) -> list[bytes]:
    return server.keys(f"localoffer:{alias}:*")


def test_a_kept_page_is_in_redis_until_a_changed_report_is_published(
    school: SchoolPage, server: redis.Redis
):
    Client().get("/")  # the first visit creates the council's settings
    assert "Heslerton Primary School" in Client().get(school.url).content.decode()
    assert _keys(server, "public-pages")
    # A change nothing watches: only the kept page still hides it.
    Page.objects.filter(pk=school.pk).update(title="Unseen Title School")
    assert "Heslerton Primary School" in Client().get(school.url).content.decode()

    school.refresh_from_db()
    school.title = "Heslerton Community Primary School"
    school.save_revision().publish()

    assert "Heslerton Community Primary School" in Client().get(school.url).content.decode()


def test_an_unchanged_page_from_redis_gets_a_304(school: SchoolPage):
    Client().get("/")
    etag = Client().get(school.url)["ETag"]

    again = Client().get(school.url, headers={"If-None-Match": etag})

    assert again.status_code == 304


def test_open_referral_answers_and_rate_limit_counts_are_kept_in_redis(
    school: SchoolPage, settings, server: redis.Redis
):
    settings.LOCALOFFER_API_RATES = ("3/m",)
    client = Client()
    statuses = [client.get("/api/oruk/services").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    assert _keys(server, "public-api")
    assert _keys(server, "default")  # the count every worker shares
