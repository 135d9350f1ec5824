"""Each input format gives the same structured draft; bad files are refused clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from extraction.extractor import extract_bytes, extract_file
from extraction.readers import UnreadableDocument

from .conftest import report_pdf, report_text, scanned_pdf

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("extension", ["txt", "html", "docx", "pdf"])
def test_each_format_places_passages_under_the_question_they_answer(
    report_files: dict[str, Path], extension: str
) -> None:
    result = extract_file(report_files[extension])

    assert "less than expected progress" in result.items["identification"]
    assert "transition visits" in result.items["transitions"]
    assert "complaints policy" in result.items["complaints"]
    assert "hearing loop" in result.items["accessibility"]
    assert "Mr David Okafor" in result.items["senco_contact"]
    # A passage that answers no statutory item is left for the editor, not forced in.
    assert any("village school" in text for text in result.unplaced)
    assert not any("village school" in text for text in result.items.values())


@pytest.mark.parametrize("extension", ["txt", "html", "docx", "pdf"])
def test_each_format_finds_the_senco_and_facets(
    report_files: dict[str, Path], extension: str
) -> None:
    result = extract_file(report_files[extension])

    assert result.senco is not None
    assert result.senco.as_dict() == {
        "name": "Mr David Okafor",
        "email": "senco@example.sch.uk",
        "phone": "01632 960123",
    }
    assert {"ramps-handrails", "accessible-toilets", "hearing-loop"} <= set(result.accessibility)


def test_html_page_chrome_is_not_report_text(report_files: dict[str, Path]) -> None:
    result = extract_file(report_files["html"])

    everything = " ".join([*result.items.values(), *result.unplaced])
    assert "Contact us" not in everything
    assert "Copyright" not in everything


def test_type_is_read_from_the_content_not_the_name(tmp_path: Path) -> None:
    # A PDF saved without an extension, and a web page saved as .txt, are still read.
    pdf = tmp_path / "report"
    pdf.write_bytes(report_pdf())
    html = tmp_path / "report.txt"
    html.write_text(f"<html><body><p>{report_text()}</p><p>x</p><p>y</p></body></html>")

    assert extract_file(pdf).file_type == "pdf"
    assert extract_file(html).file_type == "html"


def test_pdf_protected_only_against_editing_is_read() -> None:
    result = extract_bytes(report_pdf(owner_password="owner"), "report.pdf")

    assert "transition visits" in result.items["transitions"]


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "report.txt", "empty"),
        (b"   \n\n  ", "report.txt", "empty"),
        (scanned_pdf(), "report.pdf", "scan"),
        (report_pdf(owner_password="owner", user_password="secret"), "report.pdf", "password"),
        (report_text().encode(), "report.pdf", "is not a PDF"),
        (report_text().encode(), "report.docx", "not a Word (.docx) document"),
        (report_pdf(), "report.docx", "its contents are a PDF"),
        (b"%PDF-1.7\nnot really a pdf at all", "report.pdf", "damaged"),
        (b"PK\x03\x04 broken zip", "report.docx", "not a Word"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "report.doc", "old-style Word"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"),
            "report.docx",
            "password-protected",
        ),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "report.png", "picture"),
        (b"\x00\x01\x02\x03" * 100, "report.bin", "cannot read"),
    ],
)
def test_bad_files_get_a_clear_message(data: bytes, name: str, message: str) -> None:
    with pytest.raises(UnreadableDocument) as error:
        extract_bytes(data, name)

    assert message in str(error.value)


def test_file_over_the_size_cap_is_refused_before_reading(tmp_path: Path) -> None:
    huge = tmp_path / "report.pdf"
    with huge.open("wb") as handle:
        handle.truncate(11 * 1024 * 1024)  # sparse: 11 MB on paper, nothing to write

    with pytest.raises(UnreadableDocument, match="too large"):
        extract_file(huge)


def test_size_cap_is_a_setting(settings, tmp_path: Path) -> None:
    settings.EXTRACTION_MAX_FILE_SIZE = 100
    report = tmp_path / "report.txt"
    report.write_text(report_text())

    with pytest.raises(UnreadableDocument, match="largest file we can read is 1 KB"):
        extract_file(report)
