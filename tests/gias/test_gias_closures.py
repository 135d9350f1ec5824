"""A school GIAS closes leaves the directory for good, and no school editor deletes a page.

Through ``manage.py import_gias`` and the real admin URLs: a closed school's open review
is cancelled (so an approval cannot publish it again), its editors' rights are suspended
until GIAS lists it as open again, and a file cut short is refused before anything is
written.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.contrib.auth.models import AbstractBaseUser, Group
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import PageLogEntry, WorkflowState

from moderation.selectors import editor_group
from moderation.services import COUNCIL_MODERATORS
from moderation.services.roles import ensure_index_moderation
from schools.factories import SchoolPageFactory
from schools.importing.gias import LOG_CLOSED, LOG_REOPENED
from schools.models import SchoolClosure, SchoolIndexPage, SchoolPage
from tests.moderation.conftest import logged_in, make_user

from .gias_csv import gias_csv

URN = "990005"
CLOSED_ROW = {
    "URN": URN,
    "EstablishmentName": "Old Mill Infant School",
    "EstablishmentStatus (name)": "Closed",
    "CloseDate": "31-08-2025",
    "ReasonEstablishmentClosed (name)": "Merged",
}
OPEN_ROW = {"URN": URN, "EstablishmentName": "Old Mill Infant School"}


def run(tmp_path: Path, rows: list[dict[str, str]], *args: str) -> str:
    path = tmp_path / "edubasealldata20260115.csv"
    path.write_bytes(gias_csv(rows))
    out = io.StringIO()
    call_command("import_gias", str(path), "--la", "815", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def page(schools_index: SchoolIndexPage) -> SchoolPage:
    page = SchoolPageFactory(parent=schools_index, urn=URN, title="Old Mill Infant School")
    page.save_revision().publish()
    return SchoolPage.objects.get(pk=page.pk)


@pytest.fixture
def editor(page: SchoolPage) -> AbstractBaseUser:
    return make_user("editor", editor_group(page))


def fresh(page: SchoolPage) -> SchoolPage:
    return SchoolPage.objects.get(pk=page.pk)


def edit_url(page: SchoolPage) -> str:
    return f"/admin/pages/{page.pk}/edit/"


def test_closing_a_school_in_review_cancels_the_review_so_approval_cannot_republish_it(
    page: SchoolPage, schools_index: SchoolIndexPage, editor: AbstractBaseUser, tmp_path: Path
) -> None:
    ensure_index_moderation(schools_index)
    workflow_state = page.get_workflow().start(page, editor)

    run(tmp_path, [CLOSED_ROW])

    workflow_state.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_CANCELLED
    page = fresh(page)
    assert not page.live
    assert page.current_workflow_state is None
    assert PageLogEntry.objects.filter(page=page, action="wagtail.workflow.cancel").exists()
    note = PageLogEntry.objects.get(page=page, action=LOG_CLOSED)
    assert "its review was cancelled" in note.comment
    # Nothing is left for a moderator to approve.
    moderator = make_user("moderator", Group.objects.get(name=COUNCIL_MODERATORS))
    response = logged_in(moderator).get(edit_url(page))
    assert b"action-workflow-action" not in response.content
    assert not fresh(page).live


def test_a_school_already_unpublished_but_in_review_is_closed_too(
    page: SchoolPage, schools_index: SchoolIndexPage, editor: AbstractBaseUser, tmp_path: Path
) -> None:
    ensure_index_moderation(schools_index)
    page.unpublish()
    page = fresh(page)
    workflow_state = page.get_workflow().start(page, editor)

    output = run(tmp_path, [CLOSED_ROW])

    workflow_state.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_CANCELLED
    assert "1 unpublished (closed in GIAS)" in output


def test_a_closed_schools_editors_cannot_edit_it_until_gias_lists_it_open_again(
    page: SchoolPage, editor: AbstractBaseUser, tmp_path: Path
) -> None:
    client = logged_in(editor)
    assert client.get(edit_url(page)).status_code == 200

    run(tmp_path, [CLOSED_ROW])

    assert SchoolClosure.objects.filter(page=page).exists()
    assert client.get(edit_url(page)).status_code in (302, 403)
    response = client.post(edit_url(page), {"title": "Changed", "action-submit": "1"})
    assert response.status_code in (302, 403)
    assert fresh(page).get_latest_revision_as_object().title == "Old Mill Infant School"
    assert "0 unpublished" in run(tmp_path, [CLOSED_ROW])

    output = run(tmp_path, [OPEN_ROW])

    assert "1 reopened" in output
    assert not SchoolClosure.objects.filter(page=page).exists()
    assert client.get(edit_url(page)).status_code == 200
    page = fresh(page)
    assert not page.live  # the council decides when it is published again
    assert PageLogEntry.objects.filter(page=page, action=LOG_REOPENED).exists()


def test_the_history_names_both_entries_in_the_admin(
    page: SchoolPage, admin_client: Client, tmp_path: Path
) -> None:
    run(tmp_path, [CLOSED_ROW])
    run(tmp_path, [OPEN_ROW])

    response = admin_client.get(f"/admin/pages/{page.pk}/history/")

    assert "Open again in Get Information about Schools" in response.text
    assert "its editors cannot change it until GIAS lists it as open again" in response.text


def test_no_school_editor_can_delete_a_school_page(
    page: SchoolPage, editor: AbstractBaseUser
) -> None:
    # Wagtail lets anyone who may change a page delete it once it is unpublished.
    page.unpublish()
    client = logged_in(editor)
    assert client.get(edit_url(page)).status_code == 200

    shown = client.get(f"/admin/pages/{page.pk}/delete/")
    deleted = client.post(f"/admin/pages/{page.pk}/delete/")

    assert shown.status_code in (302, 403)
    assert deleted.status_code in (302, 403)
    assert SchoolPage.objects.filter(pk=page.pk).exists()
    assert editor_group(page) is not None


def test_the_council_can_still_delete_a_school_page(page: SchoolPage, admin_client: Client) -> None:
    response = admin_client.post(f"/admin/pages/{page.pk}/delete/")

    assert response.status_code == 302
    assert not SchoolPage.objects.filter(pk=page.pk).exists()


def test_a_file_whose_last_row_is_cut_short_is_refused_naming_the_row(
    schools_index: SchoolIndexPage, tmp_path: Path
) -> None:
    rows = [
        {"URN": "990001", "EstablishmentName": "First Primary School"},
        {"URN": "990002", "EstablishmentName": "Second Primary School"},
    ]
    data = gias_csv(rows)
    # A download that stopped part-way through the last row.
    path = tmp_path / "edubasealldata20260115.csv"
    path.write_bytes(data[: data.rindex(b'"Second Primary School"') + 30])

    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_gias", str(path), "--la", "815", stdout=io.StringIO(), stderr=err)

    assert "row 3" in err.getvalue()
    assert "cut short" in err.getvalue()
    assert not SchoolPage.objects.exists()


def test_no_school_editor_can_delete_a_school_page_with_the_bulk_action(
    page: SchoolPage, editor: AbstractBaseUser
) -> None:
    page.unpublish()
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))

    logged_in(editor).post(f"{url}?id={page.pk}", {"next": "/admin/"})

    assert SchoolPage.objects.filter(pk=page.pk).exists()


def test_a_closed_schools_editor_is_told_why_on_their_admin_home(
    page: SchoolPage, editor: AbstractBaseUser, tmp_path: Path
) -> None:
    run(tmp_path, [CLOSED_ROW])

    response = logged_in(editor).get("/admin/")

    assert response.status_code == 200
    assert "lists this school as closed from 31 August 2025" in response.text
    assert edit_url(page) not in response.text
