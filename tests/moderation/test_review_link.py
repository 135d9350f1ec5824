"""The one-click "still up to date" link in review reminders: signed, personal, works
once, expires, refuses tampering, and goes through the council's workflow."""

from __future__ import annotations

import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import AbstractBaseUser
from django.core import mail
from django.core.management import call_command
from django.test import Client, override_settings
from wagtail.models import PageLogEntry, WorkflowState

from schools.models import SchoolPage

from .admin_forms import workflow_action
from .conftest import logged_in

LONDON = ZoneInfo("Europe/London")
BASE = "https://localoffer.example.gov.uk"
LINK = re.compile(rf"{re.escape(BASE)}(/school-review/[^/\s]+/)")


def at(day: str) -> time_machine.travel:
    return time_machine.travel(
        dt.datetime.fromisoformat(day).replace(hour=9, tzinfo=LONDON), tick=False
    )


@pytest.fixture
def reviewed_school(school_a: SchoolPage) -> SchoolPage:
    """Reviewed on 10 March 2025: due soon from 8 February 2026."""
    school_a.last_reviewed = dt.date(2025, 3, 10)
    school_a.save_revision().publish()
    school_a.refresh_from_db()
    return school_a


@pytest.fixture
def links(
    reviewed_school: SchoolPage,
    editor_a: AbstractBaseUser,
    second_editor_a: AbstractBaseUser,
    moderator: AbstractBaseUser,
) -> dict[str, str]:
    """Each editor's link, from the reminder sent on 8 February 2026."""
    mail.outbox.clear()
    with override_settings(WAGTAILADMIN_BASE_URL=BASE), at("2026-02-08"):
        call_command("send_review_reminders", stdout=io.StringIO())
    found = {}
    for message in mail.outbox:
        match = LINK.search(message.body)
        assert match, message.body
        found[message.to[0]] = match.group(1)
    mail.outbox.clear()
    return found


def test_each_editor_gets_a_link_of_their_own_on_the_sites_address(
    links: dict[str, str], editor_a: AbstractBaseUser, second_editor_a: AbstractBaseUser
) -> None:
    assert set(links) == {editor_a.email, second_editor_a.email}
    assert links[editor_a.email] != links[second_editor_a.email]


def test_the_link_sends_the_report_to_the_council_once(
    links: dict[str, str],
    reviewed_school: SchoolPage,
    editor_a: AbstractBaseUser,
    moderator: AbstractBaseUser,
) -> None:
    visitor = Client()  # no login: the signed link says who is confirming
    link = links[editor_a.email]

    with at("2026-02-10"):
        page = visitor.get(link)
        assert page.status_code == 200
        assert b"still up to date" in page.content
        assert reviewed_school.current_workflow_state is None  # a GET changes nothing
        done = visitor.post(link, {"note": "Checked with the head; all still true."})
    assert done.status_code == 200
    assert b"Sent to the council" in done.content

    state = reviewed_school.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == editor_a
    entry = PageLogEntry.objects.get(page=reviewed_school, action="moderation.reviewed_unchanged")
    assert entry.user == editor_a
    assert entry.data["note"] == "Checked with the head; all still true."
    assert [message.to for message in mail.outbox] == [[moderator.email]]  # the council is told
    assert reviewed_school.last_reviewed == dt.date(2025, 3, 10)  # not until approved

    with at("2026-02-11"):
        again = visitor.post(link, {"note": ""})
    assert again.status_code == 400
    assert b"already with the council" in again.content or b"already been used" in again.content

    with at("2026-02-12"):
        workflow_action(logged_in(moderator), reviewed_school, "approve")
        after = visitor.get(link)
    assert after.status_code == 400
    assert b"This link cannot be used" in after.content
    reviewed_school.refresh_from_db()
    assert reviewed_school.last_reviewed == dt.date(2026, 2, 12)


def test_the_link_expires_with_the_review_window(
    links: dict[str, str], reviewed_school: SchoolPage, editor_a: AbstractBaseUser
) -> None:
    with at("2026-03-11"):  # 31 days after the reminder
        response = Client().post(links[editor_a.email], {"note": ""})
    assert response.status_code == 400
    assert b"This link has expired" in response.content
    assert reviewed_school.current_workflow_state is None


def test_a_tampered_link_is_refused(
    links: dict[str, str], reviewed_school: SchoolPage, editor_a: AbstractBaseUser
) -> None:
    link = links[editor_a.email]
    token = link.strip("/").rsplit("/", 1)[1]
    forged = link.replace(token, token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb"))
    with at("2026-02-10"):
        response = Client().post(forged, {"note": ""})
    assert response.status_code == 400
    assert b"This link is not valid" in response.content
    assert reviewed_school.current_workflow_state is None


def test_an_editor_removed_from_the_school_cannot_use_their_link(
    links: dict[str, str], reviewed_school: SchoolPage, editor_a: AbstractBaseUser
) -> None:
    editor_a.groups.clear()
    with at("2026-02-10"):
        response = Client().post(links[editor_a.email], {"note": ""})
    assert response.status_code == 400
    assert reviewed_school.current_workflow_state is None


def test_the_link_is_refused_once_the_report_has_unpublished_changes(
    links: dict[str, str], reviewed_school: SchoolPage, editor_a: AbstractBaseUser
) -> None:
    draft = reviewed_school.get_latest_revision_as_object()
    draft.town = "Malton"
    draft.save_revision(user=editor_a)
    with at("2026-02-10"):
        response = Client().post(links[editor_a.email], {"note": ""})
    assert response.status_code == 400
    assert reviewed_school.current_workflow_state is None
