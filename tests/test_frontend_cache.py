"""A council's CDN or caching proxy is told to drop a page the moment it changes
(issue 20): Wagtail's frontend cache sends its PURGE requests to a real HTTP server on
127.0.0.1 here, which records them, as Varnish or nginx would receive them."""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import Client

from council.models import CouncilSettings
from schools.factories import SchoolPageFactory
from schools.models import NeedArea, SchoolIndexPage, SchoolPage
from search.models import DirectoryPage
from search.services import ensure_directory_page

pytestmark = pytest.mark.django_db


class PurgeTarget(ThreadingHTTPServer):
    """Records the path of every PURGE it gets, with the Host it was sent for."""

    def __init__(self) -> None:
        self.purged: list[tuple[str, str]] = []
        super().__init__(("127.0.0.1", 0), self._Handler)

    class _Handler(BaseHTTPRequestHandler):
        def do_PURGE(self) -> None:
            self.server.purged.append((self.headers["Host"], self.path))  # type: ignore[attr-defined]
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    def paths(self) -> set[str]:
        return {path for _host, path in self.purged}


@pytest.fixture
def target(settings) -> Iterator[PurgeTarget]:
    server = PurgeTarget()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "localoffer.frontend_cache.TimedHTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def directory(schools_index: SchoolIndexPage) -> DirectoryPage:
    return ensure_directory_page(schools_index)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs what Django runs when the transaction commits (purges wait for it)."""

    def run(change):
        with django_capture_on_commit_callbacks(execute=True):
            change()

    return run


def _school(schools_index: SchoolIndexPage, title: str, urn: str) -> SchoolPage:
    return SchoolPageFactory(parent=schools_index, title=title, urn=urn)


def test_publishing_a_school_purges_it_and_the_pages_that_list_schools(
    target, schools_index, directory, committed
):
    school = _school(schools_index, "Ash School", "990501")
    target.purged.clear()
    school.title = "Ash Community School"

    committed(lambda: school.save_revision().publish())

    assert target.paths() == {school.url, "/", directory.url}
    assert {host for host, _path in target.purged} == {"localhost"}


def test_nothing_is_purged_before_the_change_is_committed(target, schools_index, directory):
    school = _school(schools_index, "Ash School", "990502")

    school.save_revision().publish()  # inside the test's transaction, never committed

    assert target.purged == []


def test_unpublishing_and_deleting_a_school_purge_it_and_the_listings(
    target, schools_index, directory, committed
):
    gone = _school(schools_index, "Ash School", "990503")
    deleted = _school(schools_index, "Birch School", "990504")
    urls = gone.url, deleted.url
    target.purged.clear()

    committed(gone.unpublish)
    assert target.paths() == {urls[0], "/", directory.url}

    target.purged.clear()
    committed(lambda: SchoolPage.objects.get(pk=deleted.pk).delete())
    assert target.paths() == {urls[1], "/", directory.url}


def test_moving_a_school_purges_its_old_and_new_addresses(
    target, schools_index, directory, committed
):
    school = _school(schools_index, "Ash School", "990505")
    other = _school(schools_index, "Birch School", "990506")
    old_url = school.url
    target.purged.clear()

    committed(lambda: school.move(other, pos="last-child"))

    school.refresh_from_db()
    assert old_url != school.url
    assert target.paths() == {old_url, school.url, "/", directory.url}


def test_a_vocabulary_rename_or_settings_change_purges_every_page(
    target, schools_index, directory, committed
):
    schools = [
        _school(schools_index, "Ash School", "990507"),
        _school(schools_index, "Birch School", "990508"),
    ]
    every_page = {"/", directory.url, schools_index.url, *(school.url for school in schools)}
    need = NeedArea.objects.order_by("pk").first()
    target.purged.clear()

    need.label = "Help with talking and listening"
    committed(need.save)
    assert target.paths() >= every_page

    target.purged.clear()
    council = CouncilSettings.load()
    council.council_name = "North Yorkshire Council"
    committed(council.save)
    assert target.paths() >= every_page


def test_only_addresses_that_can_be_purged_get_a_shared_max_age(
    target, settings, schools_index, directory
):
    settings.LOCALOFFER_PAGE_CACHE_SECONDS = 600
    settings.LOCALOFFER_PAGE_SHARED_MAX_AGE = 3600
    school = _school(schools_index, "Ash School", "990509")
    Client().get("/")  # the first visit creates the council's settings

    assert "s-maxage=3600" in Client().get(school.url)["Cache-Control"]
    assert "s-maxage=3600" in Client().get(directory.url)["Cache-Control"]
    # A query cannot be purged: a CDN must ask each time (and gets a 304 if unchanged).
    query = Client().get(directory.url, {"q": "autism"})["Cache-Control"]
    assert "s-maxage" not in query
    assert "max-age=0" in query


def test_a_purge_target_that_never_answers_does_not_hold_the_editor(
    settings, schools_index, directory, committed, caplog
):
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)  # accepts connections, never answers
    settings.LOCALOFFER_PURGE_TIMEOUT = 0.2
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "localoffer.frontend_cache.TimedHTTPBackend",
            "LOCATION": f"http://127.0.0.1:{silent.getsockname()[1]}",
        }
    }
    school = _school(schools_index, "Ash School", "990511")
    school.title = "Ash Community School"
    started = time.monotonic()
    try:
        with caplog.at_level(logging.ERROR, logger="localoffer.frontend_cache"):
            committed(lambda: school.save_revision().publish())
    finally:
        silent.close()

    assert time.monotonic() - started < 10
    assert "Could not purge" in caplog.text
    assert SchoolPage.objects.get(pk=school.pk).title == "Ash Community School"


def test_many_vocabulary_changes_in_one_import_purge_each_page_once(
    target, schools_index, directory, committed
):
    def rename_every_need() -> None:
        for need in NeedArea.objects.all():
            need.label = f"{need.label} (renamed)"
            need.save()

    assert NeedArea.objects.count() > 1
    target.purged.clear()

    committed(rename_every_need)

    assert [path for _host, path in target.purged].count(directory.url) == 1
