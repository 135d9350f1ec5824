"""``manage.py import_report URN FILE`` does what the admin upload does."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from schools.models import SchoolPage

from .conftest import report_text


def test_import_report_saves_a_draft_without_publishing(school: SchoolPage, tmp_path: Path):
    report = tmp_path / "report.txt"
    report.write_text(report_text())
    out = io.StringIO()

    call_command("import_report", school.urn, str(report), stdout=out)

    page = SchoolPage.objects.get(pk=school.pk)
    assert page.identification == ""  # the live page is unchanged
    assert "less than expected progress" in page.get_latest_revision_as_object().identification
    # The fixture's SENCO is kept: only empty fields are filled.
    assert page.get_latest_revision_as_object().senco_name == "Mrs R Wells"
    assert "Filled: How the school finds out" in out.getvalue()
    assert "not published" in out.getvalue()


def test_import_report_refuses_an_unknown_urn(db, tmp_path: Path):
    report = tmp_path / "report.txt"
    report.write_text(report_text())

    with pytest.raises(CommandError, match="No school page has the URN"):
        call_command("import_report", "999999", str(report), stdout=io.StringIO())


def test_import_report_refuses_an_unreadable_file(school: SchoolPage, tmp_path: Path):
    report = tmp_path / "report.pdf"
    report.write_text(report_text())
    revisions = school.revisions.count()

    with pytest.raises(CommandError) as error:
        call_command("import_report", school.urn, str(report), stdout=io.StringIO())

    assert error.value.returncode == 2
    assert school.revisions.count() == revisions
