"""Anonymous visitors' public pages kept on the server until the data changes (issue 20):
a change shows on the next request, editors and private pages are never kept, and an
unchanged page is answered with a 304."""

from __future__ import annotations

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client, RequestFactory
from wagtail.models import Page, PageViewRestriction

from council.models import CouncilSettings
from feedback.models import Feedback
from schools.factories import SchoolPageFactory
from schools.models import NeedArea, SchoolPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _settings_made(db: None, settings) -> None:
    settings.LOCALOFFER_PAGE_CACHE_SECONDS = 600
    # The site's first visit creates the council's settings: a change, so what it
    # showed is not kept. Every later visit is like the ones tested here.
    Client().get("/")


def _change_unseen(page: Page, title: str) -> None:
    # A change that moves nothing the cache watches: only a kept page still hides it.
    Page.objects.filter(pk=page.pk).update(title=title)


def _text(response) -> str:
    return response.content.decode()


def test_an_anonymous_page_is_kept_until_a_changed_report_is_published(school: SchoolPage):
    first = Client().get(school.url)
    assert first.status_code == 200
    assert "Heslerton Primary School" in _text(first)
    _change_unseen(school, "Unseen Title School")

    kept = Client().get(school.url)
    assert "Heslerton Primary School" in _text(kept)  # from the cache

    school.refresh_from_db()
    school.title = "Heslerton Community Primary School"
    school.save_revision().publish()

    fresh = Client().get(school.url)
    assert "Heslerton Community Primary School" in _text(fresh)


def test_an_editor_never_gets_a_kept_page(school: SchoolPage, admin_client: Client):
    Client().get(school.url)
    _change_unseen(school, "Unseen Title School")

    assert "Unseen Title School" in _text(admin_client.get(school.url))
    assert "Unseen Title School" not in _text(Client().get(school.url))


def test_each_visitor_gets_their_own_csrf_token_with_a_kept_page(school: SchoolPage):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page_one = first.get(school.url)
    page_two = second.get(school.url)
    token_one, token_two = first.cookies["csrftoken"].value, second.cookies["csrftoken"].value

    assert token_one != token_two
    assert "__localoffer_csrf_token__" not in _text(page_two)
    # Each visitor's feedback form works with their own cookie.
    for visitor, page in ((first, page_one), (second, page_two)):
        html = _text(page)
        start = html.index('name="csrfmiddlewaretoken" value="') + len(
            'name="csrfmiddlewaretoken" value="'
        )
        token = html[start : html.index('"', start)]
        sent = visitor.post(
            "/feedback/", {"csrfmiddlewaretoken": token, "page": school.pk, "useful": "yes"}
        )
        assert sent.status_code != 403


def test_an_unchanged_page_gets_a_304(school: SchoolPage):
    first = Client().get(school.url)
    assert "public" in first["Cache-Control"]
    etag = first["ETag"]

    again = Client().get(school.url, headers={"If-None-Match": etag})

    assert again.status_code == 304
    assert not again.content
    assert Client().get(school.url, headers={"If-None-Match": '"old"'}).status_code == 200


def test_unpublishing_moving_and_deleting_show_at_once(schools_index):
    gone, moved, deleted = (
        SchoolPageFactory(parent=schools_index, title=title, urn=urn)
        for title, urn in (
            ("Ash School", "990201"),
            ("Birch School", "990202"),
            ("Cedar School", "990203"),
        )
    )
    urls = [gone.url, moved.url, deleted.url]
    assert [Client().get(url).status_code for url in urls] == [200, 200, 200]

    gone.unpublish()
    moved.move(gone, pos="last-child")
    SchoolPage.objects.get(pk=deleted.pk).delete()

    # Moved: Wagtail sends visitors of the old address to the new one.
    assert [Client().get(url).status_code for url in urls] == [404, 301, 404]


def test_a_vocabulary_rename_shows_at_once_in_the_filters(directory, schools_index):
    need = NeedArea.objects.order_by("pk").first()
    SchoolPageFactory(parent=schools_index, title="Ash School", urn="990301").needs.add(need)
    assert need.label in _text(Client().get(directory.url))

    need.label = "Help with talking and listening"
    need.save()

    assert "Help with talking and listening" in _text(Client().get(directory.url))


def test_a_password_protected_report_is_never_kept_for_the_public(school: SchoolPage):
    PageViewRestriction.objects.create(
        page=school, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    school.refresh_from_db()
    school.title = "Private Title School"
    school.save_revision().publish()
    visitor = Client()
    form = visitor.get(school.url)
    assert "Private Title School" not in _text(form)
    restriction = PageViewRestriction.objects.get(page=school)
    unlock = f"/_util/authenticate_with_password/{restriction.pk}/{school.pk}/"
    visitor.post(unlock, {"password": "x", "return_url": school.url})
    assert "Private Title School" in _text(visitor.get(school.url))

    assert "Private Title School" not in _text(Client().get(school.url))


def test_a_settings_change_shows_at_once(school: SchoolPage):
    assert "Published by Example Council" in _text(Client().get(school.url))

    council = CouncilSettings.load()
    council.council_name = "North Yorkshire Council"
    council.save()

    assert "Published by North Yorkshire Council" in _text(Client().get(school.url))


def test_a_kept_page_costs_one_small_query(
    school: SchoolPage, directory, django_assert_num_queries
):
    for url in (school.url, directory.url, f"{directory.url}?q=autism"):
        Client().get(url)
        # Only the data version (one row by primary key) is read to answer it.
        with django_assert_num_queries(1):
            assert Client().get(url).status_code == 200


def test_a_parent_sending_feedback_does_not_empty_the_cache(school: SchoolPage):
    visitor = Client()
    visitor.get(school.url)
    _change_unseen(school, "Unseen Title School")

    visitor.post("/feedback/", {"page": school.pk, "useful": "no", "comment": "Hard"})

    assert Feedback.objects.filter(school=school).count() == 1
    # The feedback was received, and the kept page was not dropped for it.
    assert "Heslerton Primary School" in _text(Client().get(school.url))


def test_filters_ticked_in_another_order_get_the_kept_page(
    directory, schools_index, django_assert_num_queries
):
    first, second = NeedArea.objects.order_by("pk")[:2]
    school = SchoolPageFactory(parent=schools_index, title="Ash School", urn="990302")
    school.needs.add(first, second)
    school.save()  # the search reads a school's needs as they were last saved
    Client().get(f"{directory.url}?need={first.code}&need={second.code}")

    with django_assert_num_queries(1):  # the data version: the page was kept
        again = Client().get(f"{directory.url}?need={second.code}&need={first.code}&need=")
    assert "Ash School" in _text(again)


def test_schools_to_compare_keep_the_order_they_were_chosen_in(schools_index):
    # Only filters are sets: the compare page's columns follow the order of ``urn``.
    ash = SchoolPageFactory(parent=schools_index, title="Ash School", urn="990303")
    oak = SchoolPageFactory(parent=schools_index, title="Oak School", urn="990304")
    Client().get(f"/schools/compare/?urn={ash.urn}&urn={oak.urn}")

    swapped = _text(Client().get(f"/schools/compare/?urn={oak.urn}&urn={ash.urn}"))
    assert swapped.index("Oak School") < swapped.index("Ash School")


def _served(method: str, url: str) -> tuple[str, dict[str, str], bytes]:
    """What a WSGI server such as gunicorn gets from the site: Django's test client
    drops a HEAD's body itself, so it cannot show one being sent."""
    answer: dict[str, object] = {}

    def start_response(status: str, headers: list[tuple[str, str]], exc_info=None):
        answer["status"], answer["headers"] = status, dict(headers)

    environ = RequestFactory()._base_environ(PATH_INFO=url, REQUEST_METHOD=method)
    # As the test client does: a request's start and end would close the test's database
    # connection (and its transaction).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        served = WSGIHandler()(environ, start_response)
        body = b"".join(served)
        served.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return answer["status"], answer["headers"], body  # type: ignore[return-value]


@pytest.mark.parametrize("kept", [False, True], ids=["not yet kept", "from the cache"])
def test_a_head_gets_a_gets_headers_and_no_body(school: SchoolPage, kept: bool):
    if kept:
        _served("GET", school.url)
    status, headers, body = _served("HEAD", school.url)
    get_status, get_headers, get_body = _served("GET", school.url)

    assert status == get_status == "200 OK"
    assert body == b""
    assert b"Heslerton Primary School" in get_body
    assert headers["Content-Length"] == get_headers["Content-Length"] == str(len(get_body))
    # The same headers; each visitor gets a CSRF cookie of their own.
    assert headers.pop("Set-Cookie").startswith(" csrftoken=")
    assert get_headers.pop("Set-Cookie").startswith(" csrftoken=")
    assert headers == get_headers
