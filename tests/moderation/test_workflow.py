"""Submit, review, approve or request changes: through the real admin views."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth.models import AbstractBaseUser
from django.core import mail
from django.urls import reverse
from wagtail.models import PageLogEntry, WorkflowState
from wagtail.test.utils.form_data import rich_text

from schools.models import SchoolPage

from .admin_forms import edit_url, post_edit, workflow_action
from .conftest import logged_in

LONDON = ZoneInfo("Europe/London")
APPROVAL_DAY = dt.datetime(2026, 3, 3, 10, 0, tzinfo=LONDON)


def messages_of(response) -> str:
    return " ".join(str(message) for message in response.context["messages"])


def actions_logged(page: SchoolPage) -> list[tuple[str, str]]:
    entries = PageLogEntry.objects.filter(page=page).order_by("pk")
    return [(entry.action, entry.user.get_username() if entry.user else "") for entry in entries]


def test_submitting_warns_the_editor_which_statutory_items_are_missing(
    school_a: SchoolPage, editor_a: AbstractBaseUser, moderator: AbstractBaseUser
) -> None:
    client = logged_in(editor_a)
    response = post_edit(
        client, school_a, "submit", complaints=rich_text("<p>Speak to the head teacher first.</p>")
    )
    page = client.get(response.headers["Location"], follow=True)
    text = messages_of(page)

    assert "has been submitted for moderation" in text
    assert "18 statutory items are not answered yet" in text
    assert "How the school finds out if your child needs extra help" in text
    assert "If you are unhappy or want to complain" not in text  # answered in this draft
    # Submitting with gaps is allowed: the report is now with the council.
    assert school_a.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    # The council's moderators are told there is a report to review.
    assert [message.to for message in mail.outbox] == [[moderator.email]]
    assert "Council moderator review" in mail.outbox[0].subject


def test_the_reviewer_sees_the_checklist_and_a_link_to_the_changes(
    school_a: SchoolPage, editor_a: AbstractBaseUser, moderator: AbstractBaseUser
) -> None:
    post_edit(logged_in(editor_a), school_a, "submit", title="Ampleforth C of E Primary")
    client = logged_in(moderator)

    response = client.get(edit_url(school_a))
    text = messages_of(response)
    assert "This report is waiting for your review" in text
    assert "19 of the statutory items are not answered" in text
    review = reverse("moderation_review_changes", args=[school_a.pk])
    assert review in text
    # The full checklist panel is on the Report tab of the same screen.
    assert "19 of 20 statutory items are not answered yet" in response.content.decode()
    assert b'name="action-publish"' in response.content

    changes = client.get(review)
    assert changes.status_code == 200
    assert b"Ampleforth C of E Primary" in changes.content


def test_approving_publishes_and_records_the_review(
    school_a: SchoolPage,
    editor_a: AbstractBaseUser,
    second_editor_a: AbstractBaseUser,
    moderator: AbstractBaseUser,
) -> None:
    with time_machine.travel(dt.datetime(2026, 2, 20, 9, 0, tzinfo=LONDON), tick=False):
        post_edit(logged_in(editor_a), school_a, "submit", title="Ampleforth C of E Primary")
    mail.outbox.clear()

    with time_machine.travel(APPROVAL_DAY, tick=False):
        response = workflow_action(logged_in(moderator), school_a, "approve")
    assert response.status_code == 302

    school_a.refresh_from_db()
    assert school_a.live
    assert school_a.title == "Ampleforth C of E Primary"
    assert school_a.last_reviewed == dt.date(2026, 3, 3)
    assert not school_a.has_unpublished_changes
    # The next edit starts from the recorded date, so it cannot be lost.
    assert school_a.get_latest_revision_as_object().last_reviewed == dt.date(2026, 3, 3)

    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted([editor_a.email, second_editor_a.email])
    ours = next(m for m in mail.outbox if m.to == [second_editor_a.email])
    assert ours.subject.startswith("Approved and published")
    assert "Ampleforth C of E Primary" in ours.body

    assert actions_logged(school_a) == [
        ("wagtail.create", ""),
        ("wagtail.edit", editor_a.username),
        ("wagtail.workflow.start", editor_a.username),
        ("wagtail.workflow.approve", moderator.username),
        ("moderation.review_recorded", moderator.username),
        ("wagtail.rename", moderator.username),
        ("wagtail.publish", moderator.username),
    ]
    approval = PageLogEntry.objects.get(page=school_a, action="wagtail.workflow.approve")
    assert approval.timestamp == APPROVAL_DAY


def test_requesting_changes_returns_the_report_to_the_editor_with_the_comment(
    school_a: SchoolPage,
    editor_a: AbstractBaseUser,
    second_editor_a: AbstractBaseUser,
    moderator: AbstractBaseUser,
) -> None:
    editor = logged_in(editor_a)
    post_edit(editor, school_a, "submit", title="Ampleforth C of E Primary")
    mail.outbox.clear()

    comment = "Please add how parents can complain."
    response = workflow_action(logged_in(moderator), school_a, "reject", comment=comment)
    assert response.status_code == 302

    school_a.refresh_from_db()
    state = school_a.current_workflow_state
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert school_a.title == "Ampleforth Primary School"  # nothing published
    assert school_a.last_reviewed is None

    # Both of the school's editors are told, with the comment.
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert set(bodies) == {editor_a.email, second_editor_a.email}
    assert all(comment in body for body in bodies.values())

    # The editor can open the page again, sees the comment, and can resubmit.
    page = editor.get(edit_url(school_a))
    assert page.status_code == 200
    assert comment.encode() in page.content
    post_edit(editor, school_a, "submit", complaints=rich_text("<p>Write to the governors.</p>"))
    assert school_a.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    reject = PageLogEntry.objects.get(page=school_a, action="wagtail.workflow.reject")
    assert reject.user == moderator
    assert reject.data["comment"] == comment
    assert ("wagtail.workflow.resume", editor_a.username) in actions_logged(school_a)


def test_a_moderator_who_publishes_directly_is_logged(
    school_a: SchoolPage, moderator: AbstractBaseUser
) -> None:
    post_edit(logged_in(moderator), school_a, "publish", town="Malton")
    entry = PageLogEntry.objects.filter(page=school_a, action="wagtail.publish").get()
    assert entry.user == moderator
    assert entry.timestamp is not None


@pytest.fixture
def reviewed_school(school_a: SchoolPage) -> SchoolPage:
    school_a.last_reviewed = dt.date(2025, 3, 10)
    school_a.save_revision().publish()
    school_a.refresh_from_db()
    return school_a


def test_reviewed_nothing_changed_goes_through_moderation(
    reviewed_school: SchoolPage, editor_a: AbstractBaseUser, moderator: AbstractBaseUser
) -> None:
    editor = logged_in(editor_a)
    published_revision = reviewed_school.live_revision
    confirm_url = reverse("moderation_confirm_review", args=[reviewed_school.pk])

    with time_machine.travel(dt.datetime(2026, 2, 20, 9, 0, tzinfo=LONDON), tick=False):
        edit_page = editor.get(edit_url(reviewed_school))
        assert "annual review is due by 10 March 2026" in messages_of(edit_page)
        assert confirm_url.encode() in edit_page.content
        form = editor.get(confirm_url)
        assert form.status_code == 200
        assert b"19 statutory items" in form.content or b"statutory item" in form.content
        response = editor.post(confirm_url, {"note": "Checked with the SENCO; all still true."})
    assert response.status_code == 302

    reviewed_school.refresh_from_db()
    assert reviewed_school.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert reviewed_school.last_reviewed == dt.date(2025, 3, 10)  # not until approved
    submitted = reviewed_school.get_latest_revision()
    assert submitted.pk != published_revision.pk
    assert submitted.content["title"] == published_revision.content["title"]
    entry = PageLogEntry.objects.get(page=reviewed_school, action="moderation.reviewed_unchanged")
    assert entry.user == editor_a
    assert entry.data["note"] == "Checked with the SENCO; all still true."

    moderator_client = logged_in(moderator)
    review_screen = messages_of(moderator_client.get(edit_url(reviewed_school)))
    assert "nothing has changed" in review_screen
    assert "Checked with the SENCO; all still true." in review_screen

    with time_machine.travel(APPROVAL_DAY, tick=False):
        workflow_action(moderator_client, reviewed_school, "approve")
    reviewed_school.refresh_from_db()
    assert reviewed_school.last_reviewed == dt.date(2026, 3, 3)

    # The page history tells the story, with who did what.
    history = moderator_client.get(reverse("wagtailadmin_pages:history", args=[reviewed_school.pk]))
    text = " ".join(BeautifulSoup(history.content, "html.parser").get_text(" ").split())
    assert (
        'Confirmed the report was reviewed with nothing changed: "Checked with the SENCO; '
        'all still true."' in text
    )
    assert "Last reviewed date set to 2026-03-03" in text


def test_reviewed_nothing_changed_is_refused_when_there_are_unpublished_changes(
    reviewed_school: SchoolPage, editor_a: AbstractBaseUser
) -> None:
    editor = logged_in(editor_a)
    post_edit(editor, reviewed_school, town="Malton")  # a saved draft
    confirm_url = reverse("moderation_confirm_review", args=[reviewed_school.pk])

    assert b"changes that are not published yet" in editor.get(confirm_url).content
    response = editor.post(confirm_url, {"note": ""}, follow=True)
    assert "changes that are not published yet" in messages_of(response)
    assert reviewed_school.current_workflow_state is None


def test_an_editor_cannot_confirm_another_schools_review(
    reviewed_school: SchoolPage, editor_b: AbstractBaseUser
) -> None:
    confirm_url = reverse("moderation_confirm_review", args=[reviewed_school.pk])
    response = logged_in(editor_b).post(confirm_url, {"note": "not mine"})
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("wagtailadmin_home")
    assert reviewed_school.current_workflow_state is None
