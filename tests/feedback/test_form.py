"""A visitor sends feedback from the foot of a page, through the real URLs."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from feedback.models import Feedback
from schools.factories import site_home
from schools.models import SchoolPage

pytestmark = pytest.mark.django_db

SEND = "/feedback/"


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def send(client: Client, **data: str):
    return client.post(SEND, data)


def test_every_public_page_asks_is_this_page_useful(client: Client, school: SchoolPage) -> None:
    for url in ("/", school.url):
        page = soup(client.get(url))
        section = page.find("section", attrs={"aria-labelledby": "page-feedback-heading"})
        assert section is not None, url
        assert section.find(id="page-feedback-heading").get_text() == "Is this page useful?"
        buttons = [button.get_text(" ", strip=True) for button in section.find_all("button")]
        assert buttons[:2] == ["Yes this page is useful", "No this page is not useful"]
        assert section.find("summary").get_text(strip=True) == "Tell us what is missing or wrong"


def test_the_form_warns_about_names_and_says_the_email_is_only_for_a_reply(
    client: Client, school: SchoolPage
) -> None:
    section = soup(client.get(school.url)).find(class_="app-page-feedback")

    hint = section.find(id="page-feedback-comment-hint").get_text(" ", strip=True)
    assert "Do not include your child\u2019s name" in hint
    assert "We share comments about a school with the school\u2019s staff" in hint
    email_label = section.find("label", attrs={"for": "page-feedback-email"}).get_text()
    assert email_label == "Your email address, if you would like a reply (optional)"
    assert "We use it only to reply to you, and never share it." in section.get_text(
        " ", strip=True
    )
    # It asks for nothing else: page, answer, comment, email (and the hidden trap).
    names = {field.get("name") for field in section.find_all(["input", "textarea", "button"])}
    names.discard(None)
    assert names == {"csrfmiddlewaretoken", "page", "website", "useful", "comment", "email"}


def test_answering_no_records_the_page_and_school_and_offers_to_say_more(
    client: Client, school: SchoolPage
) -> None:
    response = send(client, page=str(school.pk), useful="no")

    assert response.status_code == 303
    feedback = Feedback.objects.get()
    assert (feedback.page_id, feedback.school_id, feedback.useful) == (school.pk, school.pk, "no")
    assert feedback.page_title == school.title
    assert feedback.page_path == school.url
    assert (feedback.comment, feedback.email, feedback.status) == ("", "", "new")

    thanks = client.get(response["Location"])
    page = soup(thanks)
    assert page.find("h1").get_text(strip=True) == "Thank you for your feedback"
    back = page.find("a", string=f"Return to \u2018{school.title}\u2019")
    assert back["href"] == school.url
    assert page.find("h2", id="tell-us-more").get_text() == "Tell us what is missing or wrong"


def test_a_comment_sent_from_the_thank_you_page_joins_the_answer(
    client: Client, school: SchoolPage
) -> None:
    thanks_url = send(client, page=str(school.pk), useful="no")["Location"]
    token = parse_qs(urlparse(thanks_url).query)["more"][0]

    response = send(
        client, page=str(school.pk), more=token, comment="The SENCO's phone number is wrong."
    )

    assert response.status_code == 303
    feedback = Feedback.objects.get()
    assert (feedback.useful, feedback.comment) == ("no", "The SENCO's phone number is wrong.")
    # The token has done its job: the comment cannot be replaced with it.
    send(client, page=str(school.pk), more=token, comment="Something else")
    assert Feedback.objects.get(pk=feedback.pk).comment == "The SENCO's phone number is wrong."
    assert Feedback.objects.filter(comment="Something else").count() == 1


def test_an_altered_follow_up_token_still_keeps_the_comment(
    client: Client, school: SchoolPage
) -> None:
    send(client, page=str(school.pk), useful="yes")

    send(client, page=str(school.pk), more="1:forged:signature", comment="Clear, thank you")

    assert Feedback.objects.count() == 2
    assert Feedback.objects.get(comment="Clear, thank you").useful == ""


def test_a_comment_with_an_email_asks_for_a_reply(client: Client, school: SchoolPage) -> None:
    response = send(
        client,
        page=str(school.pk),
        comment="Does the school have a hearing loop?",
        email=" parent@example.org ",
    )

    feedback = Feedback.objects.get()
    assert (feedback.email, feedback.wants_reply) == ("parent@example.org", True)
    thanks = soup(client.get(response["Location"])).get_text(" ", strip=True)
    assert "we aim to reply by email within 10 working days" in thanks
    assert "Tell us what is missing or wrong" not in thanks


def test_feedback_on_a_page_that_is_not_a_school_has_no_school(client: Client) -> None:
    home = site_home()
    send(client, page=str(home.pk), useful="yes")

    feedback = Feedback.objects.get()
    assert (feedback.page_id, feedback.school_id) == (home.pk, None)


def test_the_feedback_page_works_on_its_own(client: Client, school: SchoolPage) -> None:
    page = soup(client.get(f"{SEND}?page={school.pk}"))

    assert page.find("h1").get_text() == "Tell us what you think"
    assert "any email address given with it, 12 months after it is sent" in page.get_text()
    assert f"About: {school.title}" in page.get_text()
    assert page.find("input", attrs={"name": "page"})["value"] == str(school.pk)
    # The page's own footer does not repeat the form.
    assert page.find(class_="app-page-feedback") is None


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, "comment", "Tell us what is missing or wrong, or choose whether the page was useful."),
        ({"comment": "   "}, "comment", "Tell us what is missing or wrong"),
        ({"useful": "maybe"}, "useful", "Choose yes or no."),
        (
            {"comment": "x" * 1201},
            "comment",
            "Your comment must be 1,200 characters or fewer. It has 1201 characters",
        ),
        (
            {"comment": "Hello", "email": "not an email"},
            "email",
            "Enter an email address in the correct format, like name@example.com.",
        ),
        (
            {"useful": "no", "email": "parent@example.org"},
            "comment",
            "Tell us what you would like a reply about.",
        ),
    ],
)
def test_bad_input_is_refused_politely_and_nothing_is_lost(
    client: Client, school: SchoolPage, data: dict[str, str], field: str, message: str
) -> None:
    response = send(client, page=str(school.pk), **data)

    assert response.status_code == 200
    assert not Feedback.objects.exists()
    page = soup(response)
    assert page.find("title").get_text().startswith("Error: ")
    summary = page.find(class_="govuk-error-summary")
    link = summary.find("a", href=f"#feedback-{field}")
    assert message in link.get_text()
    assert page.find(id=f"feedback-{field}") is not None
    if "comment" in data:
        assert page.find("textarea", attrs={"name": "comment"}).get_text() == data["comment"]
    if "email" in data:
        assert page.find("input", attrs={"name": "email"})["value"] == data["email"]
