"""A council officer reminds schools from the admin: one school, or several at once."""

from __future__ import annotations

import datetime as dt
import html
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth.models import AbstractBaseUser
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from moderation.selectors import editor_group
from schools.factories import SchoolPageFactory
from schools.models import SchoolIndexPage, SchoolPage

from .conftest import logged_in, make_user

STATUS_URL = reverse("moderation_school_status")
REMIND_URL = reverse("moderation_remind_schools")
TODAY = dt.datetime(2026, 3, 1, 12, 0, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture(autouse=True)
def today() -> object:
    with time_machine.travel(TODAY, tick=False):
        yield


def overdue_school(index: SchoolIndexPage, title: str, *editors: str) -> SchoolPage:
    school = SchoolPageFactory(parent=index, title=title, last_reviewed=dt.date(2024, 9, 1))
    for username in editors:
        make_user(username, editor_group(school))
    return school


def text(response: object) -> str:
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text().split())


def test_an_officer_reminds_one_school_from_the_status_page(
    schools_index: SchoolIndexPage, moderator: AbstractBaseUser
) -> None:
    school = overdue_school(schools_index, "Overdue School", "senco-overdue")
    overdue_school(schools_index, "Other Overdue School", "senco-other")
    client = logged_in(moderator)

    page = BeautifulSoup(client.get(STATUS_URL).content, "html.parser")
    link = page.find("a", href=f"{REMIND_URL}?school={school.pk}")
    assert link is not None and link.get_text() == "Send a reminder to Overdue School"

    confirm = client.get(link["href"])
    ticked = BeautifulSoup(confirm.content, "html.parser").select("input[name=school][checked]")
    assert [box["value"] for box in ticked] == [str(school.pk)]  # just the one asked for
    assert "senco-overdue@example.org" in text(confirm)
    assert mail.outbox == []  # nothing is sent before the officer confirms

    response = client.post(REMIND_URL, {"school": [school.pk]}, follow=True)

    assert [message.to for message in mail.outbox] == [["senco-overdue@example.org"]]
    assert mail.outbox[0].subject == (
        "Overdue School's SEN information report is overdue for review"
    )
    assert reverse("wagtailadmin_pages:edit", args=[school.pk]) in mail.outbox[0].body
    assert response.redirect_chain[-1][0] == STATUS_URL
    assert "Review reminder sent to 1 editor of 1 school: Overdue School." in text(response)
    assert "Reminded 1 March 2026" in text(response)

    history = text(client.get(reverse("wagtailadmin_pages:history", args=[school.pk])))
    assert "Review reminder sent" in history
    assert "senco-overdue@example.org" in history
    assert "Morgan" in history  # who sent it


def test_an_officer_reminds_several_schools_at_once(
    schools_index: SchoolIndexPage, moderator: AbstractBaseUser
) -> None:
    first = overdue_school(schools_index, "First Overdue School", "first-a", "first-b")
    second = overdue_school(schools_index, "Second Overdue School", "second-a")
    SchoolPageFactory(
        parent=schools_index, title="Up To Date School", last_reviewed=dt.date(2026, 1, 5)
    )
    client = logged_in(moderator)

    status_page = BeautifulSoup(client.get(STATUS_URL).content, "html.parser")
    button = status_page.find("a", href=REMIND_URL)
    assert button is not None and button.get_text(strip=True) == "Send review reminders"
    confirm = BeautifulSoup(client.get(REMIND_URL).content, "html.parser")
    ticked = {box["value"] for box in confirm.select("input[name=school][checked]")}
    assert ticked == {str(first.pk), str(second.pk)}  # every school that can be reminded
    assert "Up To Date School" not in confirm.get_text()

    response = client.post(REMIND_URL, {"school": [first.pk, second.pk]}, follow=True)

    assert sorted(message.to[0] for message in mail.outbox) == [
        "first-a@example.org",
        "first-b@example.org",
        "second-a@example.org",
    ]
    assert (
        "Review reminder sent to 3 editors of 2 schools: "
        "First Overdue School; Second Overdue School." in text(response)
    )


def test_the_hourly_run_does_not_repeat_an_officers_reminder(
    schools_index: SchoolIndexPage, moderator: AbstractBaseUser
) -> None:
    school = overdue_school(schools_index, "Overdue School", "senco-overdue")
    logged_in(moderator).post(REMIND_URL, {"school": [school.pk]})
    mail.outbox.clear()

    call_command("send_review_reminders", stdout=io.StringIO())

    assert mail.outbox == []


def test_a_school_that_cannot_be_reminded_is_refused_with_the_reason(
    schools_index: SchoolIndexPage, moderator: AbstractBaseUser
) -> None:
    current = SchoolPageFactory(
        parent=schools_index, title="Up To Date School", last_reviewed=dt.date(2026, 1, 5)
    )
    make_user("senco-current", editor_group(current))
    no_editors = overdue_school(schools_index, "Overdue School Without Editors")
    client = logged_in(moderator)

    status_page = text(client.get(STATUS_URL))
    assert "Send a reminder to Up To Date School" not in status_page
    assert "Send a reminder to Overdue School Without Editors" not in status_page
    # Overdue but impossible to remind: the officer is told why, and what to do.
    for confirm in (client.get(REMIND_URL), client.get(REMIND_URL, {"school": [no_editors.pk]})):
        assert "Overdue School Without Editors: It has no editors to email: add one first." in text(
            confirm
        )
        assert "No school can be reminded now" in text(confirm)

    response = client.post(REMIND_URL, {"school": [current.pk]}, follow=True)

    assert mail.outbox == []
    assert "Not sent to Up To Date School: Its annual review is not due yet." in text(response)

    response = client.post(REMIND_URL, {}, follow=True)
    assert "Choose at least one school to remind." in text(response)


def test_a_school_editor_cannot_send_reminders(
    schools_index: SchoolIndexPage, moderator: AbstractBaseUser
) -> None:
    school = overdue_school(schools_index, "Overdue School", "senco-overdue")
    other = overdue_school(schools_index, "Other School", "senco-other")
    editor = logged_in(make_user("editor-x", editor_group(school)))

    assert editor.get(REMIND_URL).status_code == 302  # to the admin home: no permission
    editor.post(REMIND_URL, {"school": [school.pk, other.pk]})

    assert mail.outbox == []


def test_the_status_page_takes_the_same_queries_however_many_schools(
    schools_index: SchoolIndexPage,
    moderator: AbstractBaseUser,
    django_assert_max_num_queries: object,
) -> None:
    for number in range(3):
        overdue_school(schools_index, f"School {number}", f"senco-{number}")
    client = logged_in(moderator)
    client.post(REMIND_URL, {"school": [page.pk for page in SchoolPage.objects.all()]})
    client.get(STATUS_URL)  # warm the caches a first request fills
    with CaptureQueriesContext(connection) as few:
        client.get(STATUS_URL)
    for number in range(3, 15):
        overdue_school(schools_index, f"School {number}", f"senco-{number}")

    with django_assert_max_num_queries(len(few)):  # type: ignore[operator]
        response = client.get(STATUS_URL)
    assert text(response).count("Send a reminder") == 15
    assert text(response).count("Reminded 1 March 2026") == 3


def test_an_overdue_schools_edit_screen_offers_an_officer_a_reminder(
    schools_index: SchoolIndexPage, moderator: AbstractBaseUser
) -> None:
    school = overdue_school(schools_index, "Overdue School", "senco-overdue")
    edit_url = reverse("wagtailadmin_pages:edit", args=[school.pk])

    officer_sees = logged_in(moderator).get(edit_url)
    banner = html.unescape(" ".join(str(message) for message in officer_sees.context["messages"]))
    assert "This school's annual review was due on 1 September 2025." in banner
    assert "submit it for moderation" not in banner  # that is the school's job
    assert f'href="{REMIND_URL}?school={school.pk}"'.encode() in officer_sees.content

    editor = SchoolPage.objects.get(pk=school.pk).editor_group_link.group.user_set.get()
    editor_sees = logged_in(editor).get(edit_url)
    banner = html.unescape(" ".join(str(message) for message in editor_sees.context["messages"]))
    assert "This report's annual review was due on 1 September 2025" in banner
    assert f"{REMIND_URL}?school=".encode() not in editor_sees.content
