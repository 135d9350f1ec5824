"""Nothing a visitor (or a program) sends to the feedback form produces a 500."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from wagtail.models import PageViewRestriction

from feedback.models import Feedback
from schools.factories import SchoolPageFactory
from schools.models import SchoolIndexPage, SchoolPage

pytestmark = pytest.mark.django_db

SEND = "/feedback/"
THANKS = "/feedback/thanks/"


def heading(response) -> str:
    return BeautifulSoup(response.content, "html.parser").find("h1").get_text(strip=True)


@pytest.fixture
def draft_school(schools_index: SchoolIndexPage) -> SchoolPage:
    school = SchoolPageFactory(parent=schools_index, title="Secret Draft School", live=False)
    return school


@pytest.fixture
def private_school(schools_index: SchoolIndexPage) -> SchoolPage:
    school = SchoolPageFactory(parent=schools_index, title="Password Protected School")
    PageViewRestriction.objects.create(
        page=school, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    return school


@pytest.mark.parametrize(
    "page_id",
    ["", "abc", "-1", "0", "1.5", "99999999", "9" * 19, "9" * 40, "1 OR 1=1", "\x00", "٣"],
)
def test_an_unusable_page_id_keeps_the_feedback_as_general_feedback(
    client: Client, page_id: str
) -> None:
    response = client.post(SEND, {"page": page_id, "comment": "The search is hard to use"})

    assert response.status_code == 303
    feedback = Feedback.objects.get()
    assert (feedback.page_id, feedback.page_title, feedback.comment) == (
        None,
        "",
        "The search is hard to use",
    )
    assert heading(client.get(response["Location"])) == "Thank you for your feedback"


def test_drafts_and_private_pages_are_neither_recorded_nor_named(
    client: Client, draft_school: SchoolPage, private_school: SchoolPage
) -> None:
    for school in (draft_school, private_school):
        response = client.post(SEND, {"page": str(school.pk), "useful": "no"})
        thanks = client.get(response["Location"]).content.decode()
        form = client.get(f"{SEND}?page={school.pk}").content.decode()
        assert school.title not in thanks + form
        thanks = client.get(f"{THANKS}?page={school.pk}").content.decode()
        assert school.title not in thanks

    assert list(Feedback.objects.values_list("page_id", "school_id")) == [(None, None)] * 2


def test_control_characters_are_dropped_not_refused(client: Client, school: SchoolPage) -> None:
    response = client.post(
        SEND, {"page": str(school.pk), "comment": "Lift\x00 is\x1b broken\r\nplease fix"}
    )

    assert response.status_code == 303
    assert Feedback.objects.get().comment == "Lift is broken\r\nplease fix"


def test_bytes_that_are_not_utf8_do_not_break_the_form(client: Client, school: SchoolPage) -> None:
    body = b"page=" + str(school.pk).encode() + b"&comment=caf%E9+%FF%FE+ok&useful=%C3%28"

    response = client.generic("POST", SEND, body, content_type="application/x-www-form-urlencoded")

    # The broken answer is refused politely; nothing is saved, and nothing crashes.
    assert response.status_code == 200
    assert "Choose yes or no." in response.content.decode()
    response = client.generic(
        "POST",
        SEND,
        b"page=" + str(school.pk).encode() + b"&comment=caf%E9+%FF+ok",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 303
    assert Feedback.objects.get().comment == "caf\ufffd \ufffd ok"


def test_a_body_declared_in_another_encoding_gets_a_page_for_people(
    client: Client, school: SchoolPage
) -> None:
    # Browsers send our UTF-8 pages' forms in UTF-8; Django refuses anything else.
    response = client.generic(
        "POST",
        SEND,
        f"page={school.pk}&comment=Gr%FC%DFe".encode(),
        content_type="application/x-www-form-urlencoded; charset=latin-1",
    )

    assert response.status_code == 400
    assert heading(response) == "Sorry, we could not read what your browser sent"
    assert not Feedback.objects.exists()


def test_a_huge_body_gets_a_page_for_people(client: Client, school: SchoolPage) -> None:
    response = client.post(SEND, {"page": str(school.pk), "comment": "x" * 3_000_000})

    assert response.status_code == 400
    assert heading(response) == "Sorry, we could not read what your browser sent"
    assert not Feedback.objects.exists()


def test_thousands_of_fields_get_a_page_for_people(client: Client) -> None:
    body = "&".join(f"f{i}=1" for i in range(12_000)).encode()

    response = client.generic("POST", SEND, body, content_type="application/x-www-form-urlencoded")

    assert response.status_code == 400
    assert heading(response) == "Sorry, we could not read what your browser sent"


def test_json_and_multipart_bodies_are_refused_politely(client: Client) -> None:
    json_response = client.post(SEND, '{"comment": "hi"}', content_type="application/json")
    multipart = client.post(SEND, {"comment": "hi", "file": ("a.txt", b"data")})

    assert json_response.status_code == 200
    assert "There is a problem" in json_response.content.decode()
    assert multipart.status_code == 303  # the comment is kept; the stray file ignored
    assert Feedback.objects.get().comment == "hi"


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_wrong_methods_get_a_page_for_people(client: Client, method: str) -> None:
    for url in (SEND, THANKS):
        response = getattr(client, method)(url)
        assert response.status_code == 405
        assert heading(response) == "This address only takes the feedback form"
    assert client.post(THANKS).status_code == 405
    assert client.options(SEND).status_code == 200


def test_a_form_without_its_security_token_gets_a_page_for_people(school: SchoolPage) -> None:
    browser = Client(enforce_csrf_checks=True)

    response = browser.post(SEND, {"page": str(school.pk), "comment": "Hello"})

    assert response.status_code == 403
    assert heading(response) == "Your form was not sent"
    assert "blocks cookies" in response.content.decode()
    assert not Feedback.objects.exists()


def test_the_form_on_a_page_carries_its_security_token(school: SchoolPage) -> None:
    browser = Client(enforce_csrf_checks=True)
    page = BeautifulSoup(browser.get(school.url).content, "html.parser")
    token = page.find(class_="app-page-feedback").find(
        "input", attrs={"name": "csrfmiddlewaretoken"}
    )

    response = browser.post(
        SEND, {"csrfmiddlewaretoken": token["value"], "page": str(school.pk), "useful": "yes"}
    )

    assert response.status_code == 303
    assert Feedback.objects.get().useful == "yes"


def test_the_thank_you_page_ignores_nonsense(client: Client) -> None:
    for query in ("", "?page=abc&more=%00&reply=2", "?more=" + "x" * 5000, "?page=%FF%FE"):
        response = client.get(THANKS + query)
        assert response.status_code == 200
        assert heading(response) == "Thank you for your feedback"
