"""The editor rule, the same for both imports: people's work on a school page survives.

Each test runs ``import_schools`` (JSON) and ``import_gias`` (the DfE register) through
``call_command`` against a school someone is working on: an editor's draft, a report
awaiting review, a locked page, an unpublished page. ``--force`` overrides and is
recorded in the page's history under ``--user``.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.models import PageLogEntry, WorkflowState

from moderation.services.roles import ensure_index_moderation
from schools.factories import SchoolPageFactory
from schools.importing.editor_rule import LOG_FORCED
from schools.models import SchoolIndexPage, SchoolPage

from .gias.gias_csv import gias_csv

URN = "990001"
OLD_NAME = "West Example CP School"
NEW_NAME = "West Example Primary School"
OLD_PHONE = "01944 111111"
NEW_PHONE = "01944 728000"
PUBLISHED_ANSWER = "<p>Published answer.</p>"
DRAFT_ANSWER = "<p>The SENCO's draft answer.</p>"
FILE_ANSWER = "The answer in the import file."
LABEL = f"(URN {URN})"


class Importer:
    """One import command, fed a file that renames the school and changes its phone."""

    command = ""
    changes_report = False

    def write(self, tmp_path: Path) -> Path:
        raise NotImplementedError

    def arguments(self) -> list[str]:
        return []

    def run(self, tmp_path: Path, *options: str) -> str:
        out = io.StringIO()
        path = self.write(tmp_path)
        call_command(
            self.command, str(path), *self.arguments(), *options, stdout=out, stderr=io.StringIO()
        )
        return out.getvalue()


class JsonImporter(Importer):
    command = "import_schools"
    changes_report = True

    def write(self, tmp_path: Path) -> Path:
        record = {
            "urn": URN,
            "name": NEW_NAME,
            "phone": NEW_PHONE,
            "report": {"identification": FILE_ANSWER},
        }
        path = tmp_path / "schools.json"
        path.write_text(json.dumps({"schools": [record]}), "utf-8")
        return path


class GiasImporter(Importer):
    command = "import_gias"

    def write(self, tmp_path: Path) -> Path:
        row = {"URN": URN, "EstablishmentName": NEW_NAME, "TelephoneNum": NEW_PHONE}
        path = tmp_path / "edubasealldata20260115.csv"
        path.write_bytes(gias_csv([row]))
        return path

    def arguments(self) -> list[str]:
        return ["--la", "815"]


@pytest.fixture(params=[JsonImporter, GiasImporter], ids=["import_schools", "import_gias"])
def importer(request: pytest.FixtureRequest) -> Importer:
    return request.param()


@pytest.fixture
def page(schools_index: SchoolIndexPage) -> SchoolPage:
    """A published school page with a report answer."""
    page = SchoolPageFactory(
        parent=schools_index,
        urn=URN,
        title=OLD_NAME,
        phone=OLD_PHONE,
        identification=PUBLISHED_ANSWER,
    )
    page.save_revision().publish()
    return SchoolPage.objects.get(pk=page.pk)


@pytest.fixture
def officer(db: None) -> AbstractBaseUser:
    return get_user_model().objects.create_user("officer", "officer@example.org", "password")


@pytest.fixture
def senco(db: None) -> AbstractBaseUser:
    return get_user_model().objects.create_user(
        "senco", "senco@example.org", "password", first_name="Sam", last_name="Senco"
    )


def fresh(page: SchoolPage) -> SchoolPage:
    return SchoolPage.objects.get(pk=page.pk)


def save_draft(page: SchoolPage, user: AbstractBaseUser) -> None:
    draft = fresh(page)
    draft.identification = DRAFT_ANSWER
    draft.save_revision(user=user)


def submit_for_review(page: SchoolPage, schools_index: SchoolIndexPage, user: AbstractBaseUser):
    ensure_index_moderation(schools_index)
    save_draft(page, user)
    page = fresh(page)
    return page.get_workflow().start(page, user)


def test_an_editors_draft_stays_the_latest_version_with_the_new_facts(
    importer: Importer, page: SchoolPage, senco: AbstractBaseUser, tmp_path: Path
) -> None:
    save_draft(page, senco)

    output = importer.run(tmp_path)

    page = fresh(page)
    latest = page.get_latest_revision_as_object()
    assert page.has_unpublished_changes
    assert latest.identification == DRAFT_ANSWER
    # The facts the import owns are published and added to the draft.
    assert (page.title, page.phone) == (NEW_NAME, NEW_PHONE)
    assert (latest.title, latest.phone) == (NEW_NAME, NEW_PHONE)
    # The report text the import would change is left as it is, and said so.
    assert page.identification == PUBLISHED_ANSWER
    assert LABEL in output
    assert "an editor has unpublished changes (a draft)" in output
    if importer.changes_report:
        assert "report text left as it is: report.identification" in output
    assert "--force" in output


def test_a_report_awaiting_review_is_held_back_and_its_review_stays_open(
    importer: Importer,
    page: SchoolPage,
    schools_index: SchoolIndexPage,
    senco: AbstractBaseUser,
    tmp_path: Path,
) -> None:
    workflow_state = submit_for_review(page, schools_index, senco)
    revisions = page.revisions.count()

    output = importer.run(tmp_path)

    page = fresh(page)
    workflow_state.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert page.revisions.count() == revisions
    assert (page.title, page.phone) == (OLD_NAME, OLD_PHONE)
    assert page.get_latest_revision_as_object().identification == DRAFT_ANSWER
    assert "1 held back" in output
    assert f"{LABEL}" in output
    assert "its report is awaiting review by the council; nothing was changed" in output


def test_a_locked_page_is_held_back_and_names_who_locked_it(
    importer: Importer, page: SchoolPage, senco: AbstractBaseUser, tmp_path: Path
) -> None:
    page.locked, page.locked_by = True, senco
    page.save(update_fields=["locked", "locked_by"])
    revisions = page.revisions.count()

    output = importer.run(tmp_path)

    page = fresh(page)
    assert page.locked
    assert page.revisions.count() == revisions
    assert (page.title, page.phone) == (OLD_NAME, OLD_PHONE)
    assert "1 held back" in output
    assert "the page is locked by Sam Senco; nothing was changed" in output
    assert LABEL in output


def test_an_unpublished_page_is_not_published_again(
    importer: Importer, page: SchoolPage, tmp_path: Path
) -> None:
    page.unpublish()

    output = importer.run(tmp_path)

    page = fresh(page)
    assert not page.live
    latest = page.get_latest_revision_as_object()
    assert (latest.title, latest.phone) == (NEW_NAME, NEW_PHONE)
    assert latest.identification == PUBLISHED_ANSWER
    assert "the page is unpublished; the new facts were saved without publishing it" in output
    assert LABEL in output


def test_force_overrides_a_review_and_is_recorded_under_the_user(
    importer: Importer,
    page: SchoolPage,
    schools_index: SchoolIndexPage,
    senco: AbstractBaseUser,
    officer: AbstractBaseUser,
    tmp_path: Path,
) -> None:
    workflow_state = submit_for_review(page, schools_index, senco)

    output = importer.run(tmp_path, "--force", "--user", "officer")

    page = fresh(page)
    workflow_state.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_CANCELLED
    assert page.live
    assert (page.title, page.phone) == (NEW_NAME, NEW_PHONE)
    if importer.changes_report:
        assert page.identification == f"<p>{FILE_ANSWER}</p>"
    # The editor's draft is still the latest version, with the forced values in it.
    latest = page.get_latest_revision_as_object()
    assert latest.phone == NEW_PHONE
    assert page.latest_revision.user == officer
    forced = PageLogEntry.objects.get(page=page, action=LOG_FORCED)
    assert forced.user == officer
    assert "awaiting review" in forced.comment
    cancelled = PageLogEntry.objects.get(page=page, action="wagtail.workflow.cancel")
    assert cancelled.user == officer
    assert LABEL in output
    assert "forced although its report is awaiting review by the council" in output


def test_force_publishes_an_unpublished_page_and_locks_do_not_stop_it(
    importer: Importer,
    page: SchoolPage,
    senco: AbstractBaseUser,
    officer: AbstractBaseUser,
    tmp_path: Path,
) -> None:
    page.unpublish()
    page = fresh(page)
    page.locked, page.locked_by = True, senco
    page.save(update_fields=["locked", "locked_by"])

    importer.run(tmp_path, "--force", "--user", "officer")

    page = fresh(page)
    assert page.live
    assert page.phone == NEW_PHONE
    forced = PageLogEntry.objects.get(page=page, action=LOG_FORCED)
    assert "locked by Sam Senco" in forced.comment
    assert "unpublished" in forced.comment


def test_history_is_recorded_under_the_named_user(
    importer: Importer, page: SchoolPage, officer: AbstractBaseUser, tmp_path: Path
) -> None:
    importer.run(tmp_path, "--user", "officer")

    page = fresh(page)
    assert page.phone == NEW_PHONE
    assert page.live_revision.user == officer
    assert PageLogEntry.objects.filter(page=page, user=officer).exists()


def test_force_needs_a_named_user_and_the_user_must_exist(
    importer: Importer, page: SchoolPage, tmp_path: Path
) -> None:
    with pytest.raises(CommandError, match="--user"):
        importer.run(tmp_path, "--force")
    with pytest.raises(CommandError, match="no user 'nobody'"):
        importer.run(tmp_path, "--user", "nobody")
    assert fresh(page).phone == OLD_PHONE


def test_a_dry_run_names_the_schools_it_would_hold_back(
    importer: Importer, page: SchoolPage, senco: AbstractBaseUser, tmp_path: Path
) -> None:
    page.locked, page.locked_by = True, senco
    page.save(update_fields=["locked", "locked_by"])

    output = importer.run(tmp_path, "--dry-run")

    assert "the page is locked by Sam Senco" in output
    assert LABEL in output


def test_a_forced_import_shows_in_the_page_history_in_the_admin(
    importer: Importer,
    page: SchoolPage,
    senco: AbstractBaseUser,
    officer: AbstractBaseUser,
    admin_client: Client,
    tmp_path: Path,
) -> None:
    page.locked, page.locked_by = True, senco
    page.save(update_fields=["locked", "locked_by"])
    importer.run(tmp_path, "--force", "--user", "officer")

    response = admin_client.get(f"/admin/pages/{page.pk}/history/")

    assert response.status_code == 200
    assert "An import was forced over people&#x27;s work" in response.text
    assert "the page is locked by Sam Senco" in response.text
