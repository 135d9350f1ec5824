"""Review reminders: once when a report becomes due soon, once when it becomes overdue."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import AbstractBaseUser
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from moderation.models import ReminderState, ReviewReminder
from moderation.selectors import editor_group, missing_item_headings
from moderation.tasks import send_review_reminders_task
from schools.checklist import TEXT_ITEM_KEYS
from schools.factories import SchoolPageFactory
from schools.models import SchoolIndexPage, SchoolPage

from .admin_forms import post_edit, workflow_action
from .conftest import logged_in, make_user

LONDON = ZoneInfo("Europe/London")


def at(day: str, hour: int = 9) -> time_machine.travel:
    return time_machine.travel(
        dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=LONDON), tick=False
    )


def run_reminders() -> list[tuple[str, str]]:
    """Run the command as cron would; return (recipient, subject) of each email sent."""
    mail.outbox.clear()
    call_command("send_review_reminders", stdout=io.StringIO())
    return sorted((message.to[0], message.subject) for message in mail.outbox)


@pytest.fixture
def reviewed_school(school_a: SchoolPage) -> SchoolPage:
    """Reviewed on 10 March 2025, so due by 10 March 2026."""
    school_a.last_reviewed = dt.date(2025, 3, 10)
    school_a.save_revision().publish()
    school_a.refresh_from_db()
    return school_a


def test_reminders_are_sent_once_per_state_change(
    reviewed_school: SchoolPage,
    editor_a: AbstractBaseUser,
    second_editor_a: AbstractBaseUser,
) -> None:
    editors = sorted([editor_a.email, second_editor_a.email])
    due_soon = (
        "Ampleforth Primary School's SEN information report is due for review by 10 March 2026"
    )
    overdue = "Ampleforth Primary School's SEN information report is overdue for review"

    with at("2026-02-07"):  # 31 days before: not yet
        assert run_reminders() == []
    with at("2026-02-08"):  # 30 days before: due soon
        assert run_reminders() == [(email, due_soon) for email in editors]
        body = mail.outbox[0].body
        assert reverse("moderation_confirm_review", args=[reviewed_school.pk]) in body
        assert "http://testserver/admin/pages/" in body
        assert run_reminders() == []  # the same hour again
    with at("2026-02-08", hour=23):
        assert run_reminders() == []
    with at("2026-03-10"):  # the anniversary itself is still "due soon"
        assert run_reminders() == []
    with at("2026-03-11"):  # overdue
        assert run_reminders() == [(email, overdue) for email in editors]
        assert run_reminders() == []
    with at("2026-06-30"):
        assert run_reminders() == []

    reminder = ReviewReminder.objects.get(school=reviewed_school)
    assert reminder.state == ReminderState.OVERDUE
    assert reminder.review_due == dt.date(2026, 3, 10)


def test_a_new_review_starts_a_new_cycle_of_reminders(
    reviewed_school: SchoolPage, editor_a: AbstractBaseUser, moderator: AbstractBaseUser
) -> None:
    with at("2026-03-11"):
        assert len(run_reminders()) == 1
    with at("2026-04-01"):
        post_edit(logged_in(editor_a), reviewed_school, "submit", town="Malton")
        assert run_reminders() == []  # waiting for the council: no nagging
        workflow_action(logged_in(moderator), reviewed_school, "approve")
    reviewed_school.refresh_from_db()
    assert reviewed_school.last_reviewed == dt.date(2026, 4, 1)

    with at("2027-03-01"):
        assert run_reminders() == []
    with at("2027-03-02"):  # 30 days before 1 April 2027
        assert [subject for _, subject in run_reminders()] == [
            "Ampleforth Primary School's SEN information report is due for review by 1 April 2027"
        ]


def test_schools_without_editors_are_reminded_once_an_editor_is_added(
    reviewed_school: SchoolPage,
) -> None:
    with at("2026-02-10"):
        output = io.StringIO()
        call_command("send_review_reminders", stdout=output)
        assert mail.outbox == []
        assert "has no editors" in output.getvalue()
        assert not ReviewReminder.objects.exists()

        make_user("late-editor", editor_group(reviewed_school))
        assert run_reminders() == [
            (
                "late-editor@example.org",
                "Ampleforth Primary School's SEN information report is due for review by "
                "10 March 2026",
            )
        ]


def test_current_and_never_reviewed_reports_get_no_reminder(
    school_a: SchoolPage, editor_a: AbstractBaseUser
) -> None:
    with at("2026-02-10"):
        assert run_reminders() == []  # never reviewed: no anniversary to count from
        school_a.last_reviewed = dt.date(2026, 1, 5)
        school_a.save_revision().publish()
        assert run_reminders() == []


def test_the_reminder_task_does_the_same_as_the_command(
    reviewed_school: SchoolPage, editor_a: AbstractBaseUser
) -> None:
    with at("2026-03-20"):
        result = send_review_reminders_task.enqueue()
        assert result.return_value == {"sent": 1, "no_editors": 0, "failed": 0}
        assert [message.to for message in mail.outbox] == [[editor_a.email]]
        assert send_review_reminders_task.enqueue().return_value["sent"] == 0


def test_the_reminder_lists_the_questions_the_published_report_does_not_answer(
    reviewed_school: SchoolPage, editor_a: AbstractBaseUser
) -> None:
    # A busy SENCO should not have to sign in to learn what the council will ask for.
    missing = missing_item_headings(reviewed_school)
    assert len(missing) > 1

    with at("2026-03-11"):  # overdue
        run_reminders()

    (message,) = mail.outbox
    body = message.body
    assert f"does not answer {len(missing)} of the questions" in body
    for heading in missing:
        assert f"- {heading}\n" in body
    assert "&#x27;" not in body and "&amp;" not in body  # plain text, not HTML
    assert "If something has changed or an answer is missing, edit the report" in body


def test_a_reminder_for_a_complete_report_lists_nothing_missing(
    schools_index: SchoolIndexPage,
) -> None:
    answers = {key: f"<p>What the school does about {key}.</p>" for key in TEXT_ITEM_KEYS}
    school = SchoolPageFactory(
        parent=schools_index,
        senco_name="Mr C Senco",
        senco_email="senco@example.org",
        last_reviewed=dt.date(2025, 3, 10),
        **answers,
    )
    make_user("editor-complete", editor_group(school))

    with at("2026-02-08"):  # due soon
        run_reminders()

    (message,) = mail.outbox
    assert "does not answer" not in message.body
    assert "If something has changed, edit the report" in message.body
    assert "\n\n\n" not in message.body
