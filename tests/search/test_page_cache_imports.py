"""Every import drops the kept public pages it affects, run as a council officer runs
it (``call_command``), and a draft (an editor's or an import's) is never shown or kept
for the public (issue 20)."""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from council.models import CouncilSettings
from schools.models import SchoolIndexPage, SchoolPage
from search.models import DirectoryPage
from tests.census.census_csv import census_csv, school_rows
from tests.extraction.conftest import report_text
from tests.gias.gias_csv import gias_csv
from tests.test_import_schools import full_record

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _pages_kept(settings, db: None) -> None:
    settings.LOCALOFFER_PAGE_CACHE_SECONDS = 600
    council = CouncilSettings.load()
    council.la_code = "815"
    council.save()


def _text(response) -> str:  # type: ignore[no-untyped-def]
    body = html.unescape(response.content.decode())
    return " ".join(re.sub(r"<[^>]+>", " ", body).split())


def _kept(url: str) -> str:
    """The page as a parent sees it, asked twice so the second answer is the kept one."""
    Client().get(url)
    return _text(Client().get(url))


def test_a_gias_import_shows_a_new_school_in_the_directory_at_once(
    directory: DirectoryPage, tmp_path: Path
):
    assert "Beck Primary School" not in _kept(directory.url)
    path = tmp_path / "edubasealldata20260115.csv"
    path.write_bytes(gias_csv([{"URN": "990011", "EstablishmentName": "Beck Primary School"}]))

    call_command("import_gias", str(path), "--la", "815", stdout=io.StringIO())

    assert "Beck Primary School" in _text(Client().get(directory.url))


def test_a_schools_file_import_shows_at_once(directory: DirectoryPage, tmp_path: Path):
    assert "West Heslerton CE Primary School" not in _kept(directory.url)
    path = tmp_path / "schools.json"
    path.write_text(json.dumps({"schools": [full_record(council_questions={})]}), "utf-8")

    call_command("import_schools", str(path), stdout=io.StringIO())

    assert "West Heslerton CE Primary School" in _text(Client().get(directory.url))


def test_a_census_import_shows_on_the_school_page_at_once(school: SchoolPage, tmp_path: Path):
    assert "on SEN support" not in _kept(school.url)
    path = tmp_path / "sen_school_level.csv"
    rows = school_rows(
        school.urn, roll=210, support_total=30, support={"ASD": 30}, ehc_total=4, ehc={}
    )
    path.write_bytes(census_csv(rows))

    call_command("import_sen_census", str(path), "--la", "815", stdout=io.StringIO())

    assert "30 on SEN support" in _text(Client().get(school.url))


def test_a_report_imported_as_a_draft_is_never_shown_or_kept_for_the_public(
    school: SchoolPage, tmp_path: Path
):
    _kept(school.url)
    report = tmp_path / "report.txt"
    report.write_text(report_text())

    call_command("import_report", school.urn, str(report), stdout=io.StringIO())

    # The import moved the data version: the page is made again, from the live version.
    assert "less than expected progress" not in _kept(school.url)
    draft = SchoolPage.objects.get(pk=school.pk).get_latest_revision_as_object()
    assert "less than expected progress" in draft.identification
    draft.save_revision().publish()
    assert "less than expected progress" in _text(Client().get(school.url))


def test_an_editors_draft_and_preview_are_never_kept_for_the_public(
    school: SchoolPage, admin_client: Client, schools_index: SchoolIndexPage
):
    _kept(school.url)
    page = SchoolPage.objects.get(pk=school.pk)
    page.title = "Draft Title School"
    page.save_revision()  # saved, not published
    preview = admin_client.get(f"/admin/pages/{school.pk}/view_draft/")
    assert "Draft Title School" in _text(preview)
    assert "Draft Title School" in _text(admin_client.get(f"/admin/pages/{school.pk}/edit/"))

    assert "Draft Title School" not in _kept(school.url)
    assert "Draft Title School" not in _kept(schools_index.url)
