"""The ``extract_report`` command-line contract, which the evaluation relies on."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from schools.checklist import STATUTORY_KEYS
from schools.models import AccessibilityFeature, NeedArea, OutreachService

from .conftest import report_text
from .corpus import LABELS, ROOT, evaluation, shared_folder

SEED_LABELS = sorted((LABELS / "seeds").glob("*.json"))


def seed_report(label_file: Path) -> Path:
    """The seed report a label file describes, from the shared folder."""
    label = json.loads(label_file.read_text(encoding="utf-8"))
    return shared_folder() / label["document"]


def run(path: Path) -> dict:
    out = io.StringIO()
    call_command("extract_report", str(path), stdout=out)
    text = out.getvalue()
    assert text.count("\n") == 1, "one JSON object on one line"
    return json.loads(text)


@pytest.mark.django_db
@pytest.mark.parametrize("label_file", SEED_LABELS, ids=[path.stem for path in SEED_LABELS])
def test_output_has_exactly_the_contract_shape(label_file: Path) -> None:
    output = run(seed_report(label_file))

    assert list(output) == ["items", "senco", "needs", "accessibility", "services", "unplaced"]
    assert output["items"], "every seed report answers some items"
    assert set(output["items"]) <= set(STATUTORY_KEYS)
    assert all(isinstance(text, str) and text.strip() for text in output["items"].values())
    assert set(output["senco"]) == {"name", "email", "phone"}
    assert output["senco"]["name"]
    assert set(output["needs"]) <= set(NeedArea.objects.values_list("code", flat=True))
    assert set(output["accessibility"]) <= set(
        AccessibilityFeature.objects.values_list("slug", flat=True)
    )
    assert set(output["services"]) <= set(OutreachService.objects.values_list("slug", flat=True))
    assert all(isinstance(text, str) and text.strip() for text in output["unplaced"])


@pytest.mark.django_db
def test_senco_name_keeps_the_title_as_written(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text(
        "Who to contact\n\nOur SENCo is Mrs K Ellery. Phone the school office on "
        "01632 960555 to make an appointment.\n",
        encoding="utf-8",
    )

    assert run(report)["senco"] == {"name": "Mrs K Ellery", "email": None, "phone": "01632 960555"}


@pytest.mark.django_db
def test_report_without_a_senco_gives_null(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("Complaints\n\nPlease talk to the head teacher about any complaint.\n")

    assert run(report)["senco"] is None


@pytest.mark.django_db
def test_council_proforma_guidance_is_not_the_schools_text() -> None:
    # Seed 001 is a council proforma saved as a table: the council's guidance cells are
    # labelled, and must appear nowhere in the output, while the school's answers do.
    bench = evaluation()
    report = bench.load_report(LABELS / "seeds" / "001.json", "seeds", shared_folder())
    output = run(report.path)
    texts = {**output["items"], "(unplaced)": " ".join(output["unplaced"])}
    label = json.loads((LABELS / "seeds" / "001.json").read_text(encoding="utf-8"))
    guidance = {entry["at"] for entry in label["passages"] if entry.get("guidance")}

    assert guidance
    for passage in report.passages:
        found = bench.found_under(passage.text, texts, {})
        if passage.spec in guidance:
            assert not found, passage.spec
    parents = [p for p in report.passages if p.key == "consulting_parents"]
    assert any(
        "consulting_parents" in bench.found_under(p.text, output["items"], {}) for p in parents
    )


@pytest.mark.django_db
def test_unreadable_file_raises_with_status_2(tmp_path: Path) -> None:
    empty = tmp_path / "report.txt"
    empty.write_bytes(b"")

    with pytest.raises(CommandError) as error:
        call_command("extract_report", str(empty), stdout=io.StringIO())

    assert error.value.returncode == 2
    assert "empty" in str(error.value)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("missing.pdf", None),
        ("empty.txt", b""),
        ("report.pdf", report_text().encode()),
        ("report.docx", report_text().encode()),
    ],
)
def test_command_line_exit_status_2_and_nothing_on_stdout(
    tmp_path: Path, name: str, data: bytes | None
) -> None:
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "localoffer.settings.test"}

    done = subprocess.run(
        [sys.executable, "manage.py", "extract_report", str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip()
    assert "Traceback" not in done.stderr
