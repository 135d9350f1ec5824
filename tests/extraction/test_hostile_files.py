"""Issue 12, item 2: a hostile document costs seconds and a clear message, never a 500.

Each file here reproduces one that broke the import before it ran in a bounded worker:
through the admin's real "Import from document" page and through both commands.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from extraction.readers import UnreadableDocument
from extraction.worker import WorkerLimits, extract_in_worker, run_worker
from schools.models import SchoolPage

from . import hostile
from .conftest import report_docx

ROOT = Path(__file__).resolve().parents[2]

# (file name, bytes builder, words of the message the editor sees)
REPRODUCTIONS = [
    ("report.html", hostile.html_deep_nesting, "nested inside each other"),
    ("report.pdf", hostile.pdf_looping_page_tree, "damaged"),
    ("report.docx", hostile.docx_zip_bomb, "far larger than the file itself"),
    ("report.docx", hostile.docx_many_paragraphs, "paragraphs"),
    ("report.txt", hostile.text_huge, "characters of text"),
]


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(user)
    return client


@pytest.mark.parametrize(("name", "build", "message"), REPRODUCTIONS)
def test_admin_import_refuses_a_hostile_file_with_a_message(
    admin_client, school: SchoolPage, name, build, message
):
    revisions = school.revisions.count()

    response = admin_client.post(
        reverse("extraction_import_document", args=[school.pk]),
        {"document": SimpleUploadedFile(name, build())},
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert school.revisions.count() == revisions, "nothing saved"


@pytest.mark.parametrize(("name", "build", "message"), REPRODUCTIONS)
def test_import_report_refuses_a_hostile_file_with_status_2(
    school: SchoolPage, tmp_path: Path, name, build, message
):
    path = tmp_path / name
    path.write_bytes(build())

    with pytest.raises(CommandError, match=message) as refused:
        call_command("import_report", school.urn, str(path))

    assert refused.value.returncode == 2
    assert not school.revisions.exclude(pk=school.latest_revision_id).exists()


def test_extract_report_on_the_command_line_prints_the_message_without_a_traceback(
    tmp_path: Path,
):
    path = tmp_path / "report.pdf"
    path.write_bytes(hostile.pdf_looping_page_tree())
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "localoffer.settings.test"}

    finished = subprocess.run(
        [sys.executable, "manage.py", "extract_report", str(path)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert finished.returncode == 2
    assert finished.stdout == ""
    assert "damaged" in finished.stderr
    assert "Traceback" not in finished.stderr


def test_import_report_refuses_a_directory_with_a_message(school: SchoolPage, tmp_path: Path):
    with pytest.raises(CommandError, match="cannot be read") as refused:
        call_command("import_report", school.urn, str(tmp_path))
    assert refused.value.returncode == 2


@pytest.mark.django_db
def test_the_worker_stops_a_file_at_its_time_limit():
    limits = WorkerLimits(seconds=1.0, memory=700 * 1024 * 1024)

    result, run = run_worker(hostile.pdf_content_bomb(60), "slow.pdf", limits)

    assert result is None
    assert "longer than the 1 seconds" in run.message
    assert run.seconds < 5


@pytest.mark.django_db
def test_the_worker_stops_a_file_at_its_memory_limit():
    # A PDF whose page inflates to 60 MB of drawing operators, with 150 MB to read it in.
    limits = WorkerLimits(seconds=30.0, memory=150 * 1024 * 1024)
    with pytest.raises(UnreadableDocument, match="more memory than we allow"):
        extract_in_worker(hostile.pdf_content_bomb(60), "big.pdf", limits)


@pytest.mark.django_db
def test_a_real_report_reads_the_same_in_the_worker():
    result = extract_in_worker(report_docx(), "report.docx")

    assert "transition visits" in result.items["transitions"]
    assert result.senco is not None and result.senco.name == "Mr David Okafor"
    assert "hearing-loop" in result.accessibility
    assert result.file_type == "docx"
