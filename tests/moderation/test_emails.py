"""The council's decisions reach each person once, with the comment and the site's address."""

from __future__ import annotations

import datetime as dt
import html
import io
import json
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.users.models import UserProfile

from localoffer.checks import check_admin_base_url
from moderation.services import COUNCIL_ADMINISTRATORS
from schools.models import SchoolPage

from .admin_forms import edit_url, form_fields, post_edit, workflow_action
from .conftest import logged_in, make_user

LONDON = ZoneInfo("Europe/London")
BASE = "https://localoffer.example.gov.uk"
COMMENT = "Please say how parents can complain, and who to speak to first."


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


@pytest.fixture(autouse=True)
def public_address() -> None:
    with override_settings(WAGTAILADMIN_BASE_URL=BASE):
        yield


@pytest.fixture
def submitted(
    school_a: SchoolPage, editor_a: AbstractBaseUser, second_editor_a: AbstractBaseUser
) -> SchoolPage:
    post_edit(logged_in(editor_a), school_a, "submit", town="Malton")
    mail.outbox.clear()
    return school_a


def test_requesting_changes_emails_each_editor_once_with_the_comment_and_edit_link(
    submitted: SchoolPage,
    editor_a: AbstractBaseUser,
    second_editor_a: AbstractBaseUser,
    moderator: AbstractBaseUser,
) -> None:
    workflow_action(logged_in(moderator), submitted, "reject", comment=COMMENT)

    assert recipients() == sorted([editor_a.email, second_editor_a.email])
    for message in mail.outbox:
        assert message.subject.startswith("Changes requested:")
        assert "rejected" not in message.subject.lower()
        assert f'"{COMMENT}"' in message.body
        assert f"{BASE}/admin/pages/{submitted.pk}/edit/" in message.body
        assert "localhost" not in message.body
        assert "Morgan" in message.body  # who asked


def test_approval_emails_each_editor_once_with_the_comment_and_public_link(
    submitted: SchoolPage,
    editor_a: AbstractBaseUser,
    second_editor_a: AbstractBaseUser,
    moderator: AbstractBaseUser,
) -> None:
    with time_machine.travel(dt.datetime(2026, 3, 3, 10, 0, tzinfo=LONDON), tick=False):
        workflow_action(logged_in(moderator), submitted, "approve", comment="Lovely and clear.")

    assert recipients() == sorted([editor_a.email, second_editor_a.email])
    submitted.refresh_from_db()
    for message in mail.outbox:
        assert message.subject.startswith("Approved and published:")
        assert '"Lovely and clear."' in message.body
        assert f"{BASE}{submitted.url}" in message.body
        assert "recorded as 3 March 2026" in message.body
        assert "next review is due by 3 March 2027" in message.body
        assert "localhost" not in message.body


def test_an_editor_who_turned_off_decision_emails_gets_none(
    submitted: SchoolPage, second_editor_a: AbstractBaseUser, moderator: AbstractBaseUser
) -> None:
    profile = UserProfile.get_for_user(second_editor_a)
    profile.rejected_notifications = False
    profile.save()

    workflow_action(logged_in(moderator), submitted, "reject", comment=COMMENT)

    assert second_editor_a.email not in recipients()


def test_a_council_administrator_who_is_a_superuser_gets_one_email_per_submission(
    school_a: SchoolPage, editor_a: AbstractBaseUser, moderator: AbstractBaseUser
) -> None:
    administrator = get_user_model().objects.create_superuser(
        "chief", "chief@council.example.org", "password"
    )
    administrator.groups.add(Group.objects.get(name=COUNCIL_ADMINISTRATORS))

    post_edit(logged_in(editor_a), school_a, "submit", town="Malton")

    assert recipients() == sorted([administrator.email, moderator.email])
    assert all(f"{BASE}/admin/" in message.body for message in mail.outbox)


def test_approving_on_the_edit_screen_says_what_happened(
    submitted: SchoolPage, moderator: AbstractBaseUser
) -> None:
    client = logged_in(moderator)
    page = client.get(edit_url(submitted))
    data = form_fields(page.content, "page-edit-form")
    data.update(
        {
            "action-workflow-action": ["1"],
            "workflow-action-name": ["approve"],
            "workflow-action-extra-data": [json.dumps({"comment": ""})],
        }
    )
    with time_machine.travel(dt.datetime(2026, 3, 3, 10, 0, tzinfo=LONDON), tick=False):
        response = client.post(edit_url(submitted), data, follow=True)

    shown = [html.unescape(str(message)).strip() for message in response.context["messages"]]
    assert (
        "Ampleforth Primary School's report approved and published; review date set to "
        "3 March 2026, next review due by 3 March 2027." in shown
    )
    assert not any("has been updated" in message for message in shown)
    assert submitted.current_workflow_state is None


def test_the_editor_sees_the_comment_on_the_edit_screen(
    submitted: SchoolPage, editor_a: AbstractBaseUser, moderator: AbstractBaseUser
) -> None:
    workflow_action(logged_in(moderator), submitted, "reject", comment=COMMENT)

    response = logged_in(editor_a).get(edit_url(submitted))
    banner = " ".join(str(message) for message in response.context["messages"])
    assert "Changes requested." in banner
    assert "Morgan" in banner
    assert COMMENT in banner
    assert submitted.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES


def test_a_comment_of_several_lines_keeps_them_on_the_edit_screen(
    submitted: SchoolPage, editor_a: AbstractBaseUser, moderator: AbstractBaseUser
) -> None:
    # A moderator listing changes one a line, with text that must not become markup.
    comment = "Please add:\n- how parents can complain\n- who <b>to</b> speak to first"
    workflow_action(logged_in(moderator), submitted, "reject", comment=comment)

    response = logged_in(editor_a).get(edit_url(submitted))
    soup = BeautifulSoup(response.content, "html.parser")
    quote = soup.select_one(".messages blockquote.lo-moderator-comment")
    assert quote is not None, "the comment is not a block of its own"
    lines = [line.strip() for line in quote.get_text("\n").splitlines() if line.strip()]
    assert lines == [
        "Please add:",
        "- how parents can complain",
        "- who <b>to</b> speak to first",
    ]
    assert quote.find("b") is None


def test_the_export_buttons_are_in_view_and_the_sheet_is_named(
    school_a: SchoolPage, moderator: AbstractBaseUser
) -> None:
    client = logged_in(moderator)
    report = reverse("moderation_school_status")
    soup = BeautifulSoup(client.get(report).content, "html.parser")
    header = soup.find("header")
    visible = [a.get_text(" ", strip=True) for a in header.select("a.button")]
    assert "Download CSV" in visible
    assert "Download Excel spreadsheet" in visible

    response = client.get(report, {"export": "xlsx"})
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == ["School report status"]


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("", False),
        ("http://127.0.0.1:8000", False),
        ("http://localhost", False),
        ("localoffer.example.gov.uk", False),
        ("https://localoffer.example.gov.uk", True),
    ],
)
def test_the_deploy_check_wants_the_sites_real_address(value: str, ok: bool) -> None:
    with override_settings(WAGTAILADMIN_BASE_URL=value):
        errors = check_admin_base_url()
    assert (errors == []) is ok
    if not ok:
        assert errors[0].id == "localoffer.E001"


def test_a_submitter_outside_the_school_is_told_too(
    school_a: SchoolPage, moderator: AbstractBaseUser, editor_a: AbstractBaseUser
) -> None:
    officer = make_user("officer", Group.objects.get(name=COUNCIL_ADMINISTRATORS))
    post_edit(logged_in(officer), school_a, "submit", town="Malton")
    mail.outbox.clear()

    workflow_action(logged_in(moderator), school_a, "reject", comment=COMMENT)

    assert recipients() == sorted([editor_a.email, officer.email])
