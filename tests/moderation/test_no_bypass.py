"""No path skips moderation (issue 12, item 1), tried through the real admin URLs.

While a report is with the council, or locked by a moderator, nothing may be saved
beside the version under review: not from the edit screen, not by "Import from
document" or ``import_report``, not by "Reviewed, nothing changed" or its one-click
link. An approval publishes the version that was submitted, or refuses and says so
when someone else saved a newer one since.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from django.contrib.auth.models import AbstractBaseUser, Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import rich_text

from moderation.services import COUNCIL_MODERATORS
from moderation.services.links import make_token
from schools.compliance import is_blank
from schools.models import SchoolPage
from tests.extraction.conftest import report_text

from .admin_forms import edit_url, form_fields, post_edit, workflow_action
from .conftest import logged_in, make_user

pytestmark = pytest.mark.django_db

IMPORTED = "less than expected progress"  # words the test document puts in "identification"


def fresh(page: SchoolPage) -> SchoolPage:
    return SchoolPage.objects.get(pk=page.pk)


def messages_of(response) -> str:
    return " ".join(str(message) for message in response.context["messages"])


def import_url(page: SchoolPage) -> str:
    return reverse("extraction_import_document", args=[page.pk])


def upload(client: Client, page: SchoolPage):
    document = SimpleUploadedFile("report.txt", report_text().encode())
    return client.post(import_url(page), {"document": document})


def review_url(page: SchoolPage) -> str:
    return reverse("moderation_review_changes", args=[page.pk])


@pytest.fixture
def published(school_a: SchoolPage) -> SchoolPage:
    """School A, live, reviewed a year ago, its "identification" answer empty."""
    school_a.last_reviewed = dt.date.today() - dt.timedelta(days=400)
    school_a.identification = ""
    school_a.save_revision().publish()
    return fresh(school_a)


@pytest.fixture
def confirmed_unchanged(
    published: SchoolPage, editor_a: AbstractBaseUser, moderator: AbstractBaseUser
) -> SchoolPage:
    """The editor has sent the report to the council as "reviewed, nothing changed"."""
    response = logged_in(editor_a).post(
        reverse("moderation_confirm_review", args=[published.pk]), {"note": "All still true."}
    )
    assert response.status_code == 302
    page = fresh(published)
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    return page


@pytest.fixture
def submitted(
    published: SchoolPage, editor_a: AbstractBaseUser, moderator: AbstractBaseUser
) -> SchoolPage:
    """The editor changed the complaints answer and submitted it."""
    post_edit(
        logged_in(editor_a),
        published,
        "submit",
        complaints=rich_text("<p>Speak to the SENCO first; then the head teacher.</p>"),
    )
    page = fresh(published)
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    return page


@pytest.fixture
def second_moderator(db: None) -> AbstractBaseUser:
    return make_user("moderator-2", Group.objects.get(name=COUNCIL_MODERATORS), first_name="Robin")


# --- Import from document -----------------------------------------------------------------


def test_import_is_refused_after_reviewed_nothing_changed_and_approval_publishes_what_was_sent(
    confirmed_unchanged: SchoolPage, editor_a: AbstractBaseUser, moderator: AbstractBaseUser
) -> None:
    # The reproduction in issue 12: the editor imported a document into the report the
    # council was reviewing as unchanged, and approval published the import.
    editor = logged_in(editor_a)
    revisions = confirmed_unchanged.revisions.count()

    page = editor.get(import_url(confirmed_unchanged))
    assert "with the council for review" in page.content.decode()
    assert 'type="file"' not in page.content.decode()

    response = upload(editor, confirmed_unchanged)
    assert response.status_code == 409
    assert "with the council for review" in response.content.decode()
    assert fresh(confirmed_unchanged).revisions.count() == revisions

    approval = logged_in(moderator).post(review_url(confirmed_unchanged), {"decision": "approve"})
    assert approval.status_code == 302
    page = fresh(confirmed_unchanged)
    assert page.current_workflow_state is None
    assert is_blank(page.identification)
    assert IMPORTED not in page.identification


def test_the_import_button_is_not_offered_while_the_report_is_under_review(
    confirmed_unchanged: SchoolPage, editor_a: AbstractBaseUser
) -> None:
    home = logged_in(editor_a).get(reverse("wagtailadmin_home")).content.decode()
    assert "Import from a document" not in home
    assert import_url(confirmed_unchanged) not in home


def test_a_moderator_cannot_import_into_a_report_under_review_either(
    submitted: SchoolPage, moderator: AbstractBaseUser
) -> None:
    revisions = submitted.revisions.count()
    response = upload(logged_in(moderator), submitted)
    assert response.status_code == 409
    assert "waiting for the council" in response.content.decode()
    assert fresh(submitted).revisions.count() == revisions


def test_import_is_refused_on_a_page_a_moderator_locked(
    published: SchoolPage, editor_a: AbstractBaseUser, moderator: AbstractBaseUser
) -> None:
    logged_in(moderator).post(reverse("wagtailadmin_pages:lock", args=[published.pk]))
    assert fresh(published).locked
    revisions = published.revisions.count()

    response = upload(logged_in(editor_a), published)

    assert response.status_code == 409
    assert "locked by the council" in response.content.decode()
    assert fresh(published).revisions.count() == revisions


def test_import_report_command_refuses_a_report_under_review(
    submitted: SchoolPage, tmp_path: Path
) -> None:
    document = tmp_path / "report.txt"
    document.write_text(report_text())
    revisions = submitted.revisions.count()

    with pytest.raises(CommandError, match="with the council for review"):
        call_command("import_report", submitted.urn, str(document), stdout=io.StringIO())

    assert fresh(submitted).revisions.count() == revisions


# --- The edit screen ----------------------------------------------------------------------


def test_the_editor_cannot_save_from_the_edit_screen_while_the_report_is_under_review(
    submitted: SchoolPage, editor_a: AbstractBaseUser
) -> None:
    revisions = submitted.revisions.count()
    response = post_edit(
        logged_in(editor_a), submitted, complaints=rich_text("<p>Changed while locked.</p>")
    )
    assert fresh(submitted).revisions.count() == revisions
    assert response.status_code == 200
    assert "could not be saved as it is locked" in messages_of(response)
    # What they typed is still on the screen, not lost.
    assert "Changed while locked" in response.content.decode()
    assert "Changed while locked" not in fresh(submitted).get_latest_revision_as_object().complaints


# --- "Reviewed, nothing changed" and its one-click link ------------------------------------


def test_reviewed_nothing_changed_is_refused_on_a_locked_page(
    published: SchoolPage, editor_a: AbstractBaseUser, moderator: AbstractBaseUser
) -> None:
    logged_in(moderator).post(reverse("wagtailadmin_pages:lock", args=[published.pk]))
    editor = logged_in(editor_a)
    url = reverse("moderation_confirm_review", args=[published.pk])

    assert "locked by the council" in editor.get(url).content.decode()
    editor.post(url, {"note": ""})

    assert fresh(published).current_workflow_state is None


def test_the_one_click_link_is_refused_on_a_locked_page(
    published: SchoolPage, editor_a: AbstractBaseUser, moderator: AbstractBaseUser
) -> None:
    link = reverse("moderation_review_link", args=[make_token(published, editor_a)])
    logged_in(moderator).post(reverse("wagtailadmin_pages:lock", args=[published.pk]))

    page = Client().get(link)
    assert page.status_code == 400
    assert "locked by the council" in page.content.decode()
    Client().post(link, {"note": ""})

    assert fresh(published).current_workflow_state is None


def test_the_one_click_link_is_refused_while_the_report_is_under_review(
    submitted: SchoolPage, editor_a: AbstractBaseUser
) -> None:
    link = reverse("moderation_review_link", args=[make_token(submitted, editor_a)])
    revisions = submitted.revisions.count()

    response = Client().post(link, {"note": ""})

    assert response.status_code == 400
    assert fresh(submitted).revisions.count() == revisions


# --- Approval publishes what was submitted ------------------------------------------------


def test_approval_is_refused_when_someone_else_saved_a_newer_version(
    submitted: SchoolPage, moderator: AbstractBaseUser, second_moderator: AbstractBaseUser
) -> None:
    # Another moderator corrects the report in the editor while it is under review.
    post_edit(
        logged_in(second_moderator),
        submitted,
        senco_email="new.senco@example.org",
    )
    live_before = fresh(submitted).live_revision_id
    client = logged_in(moderator)

    screen = client.get(review_url(submitted)).content.decode()
    assert "has changed since it was submitted" in screen
    assert "Robin" in screen
    assert 'value="approve"' not in screen

    response = client.post(review_url(submitted), {"decision": "approve"}, follow=True)
    assert "Not approved: the report has changed since it was submitted" in messages_of(response)
    page = fresh(submitted)
    assert page.live_revision_id == live_before
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert page.senco_email != "new.senco@example.org"


def test_approval_from_wagtails_own_dialog_is_refused_the_same_way(
    submitted: SchoolPage, moderator: AbstractBaseUser, second_moderator: AbstractBaseUser
) -> None:
    post_edit(logged_in(second_moderator), submitted, senco_email="new.senco@example.org")
    live_before = fresh(submitted).live_revision_id
    client = logged_in(moderator)

    response = workflow_action(client, submitted, "approve")

    assert response.status_code == 302
    assert response["Location"] == review_url(submitted)
    followed = client.get(response["Location"])
    assert "Not approved" in messages_of(followed)
    page = fresh(submitted)
    assert page.live_revision_id == live_before
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def edit_screen_approve(client: Client, page: SchoolPage, **changes: str):
    """Press "Approve" in the edit screen's action menu, with any edits typed first."""
    data = form_fields(client.get(edit_url(page)).content, "page-edit-form")
    for name, value in changes.items():
        data[name] = [value]
    data["action-workflow-action"] = ["1"]
    data["workflow-action-name"] = ["approve"]
    return client.post(edit_url(page), data)


def test_approval_from_the_edit_screen_is_refused_when_someone_else_saved_a_newer_version(
    submitted: SchoolPage, moderator: AbstractBaseUser, second_moderator: AbstractBaseUser
) -> None:
    post_edit(logged_in(second_moderator), submitted, senco_email="new.senco@example.org")
    page_before = fresh(submitted)
    client = logged_in(moderator)

    response = edit_screen_approve(client, submitted)

    assert response.status_code == 302
    followed = client.get(response["Location"])
    assert "Not approved" in messages_of(followed)
    page = fresh(submitted)
    assert page.live_revision_id == page_before.live_revision_id
    assert page.revisions.count() == page_before.revisions.count()
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_approval_publishes_the_submitted_version(
    submitted: SchoolPage, moderator: AbstractBaseUser
) -> None:
    logged_in(moderator).post(review_url(submitted), {"decision": "approve"})
    page = fresh(submitted)
    assert page.current_workflow_state is None
    assert "Speak to the SENCO first" in page.complaints
    assert page.last_reviewed == dt.date.today()


def test_a_moderator_may_still_correct_a_report_while_approving_it(
    submitted: SchoolPage, moderator: AbstractBaseUser
) -> None:
    # Their own correction, made in the editor as they approve, is theirs to publish.
    edit_screen_approve(logged_in(moderator), submitted, senco_name="Mrs R Wells")
    page = fresh(submitted)
    assert page.current_workflow_state is None
    assert page.senco_name == "Mrs R Wells"
    assert "Speak to the SENCO first" in page.complaints
