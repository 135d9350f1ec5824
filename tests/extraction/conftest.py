"""Report documents for the extraction tests, built from text in each format.

The report is written in the question-and-answer layout many schools use (a heading
per question), which is not one of the development set's layouts.
"""

from __future__ import annotations

import html
import io
from pathlib import Path

import pytest

SECTIONS: list[tuple[str, list[str]]] = [
    (
        "About our school",
        ["We are a village school with 120 pupils, a forest school area and a vegetable garden."],
    ),
    (
        "How does the school know if my child needs extra help?",
        [
            "We check every child's progress each half term. If a child is making less than "
            "expected progress, the class teacher talks to the parents and the SENCO.",
        ],
    ),
    (
        "Who can I contact about my child's special educational needs?",
        [
            "Our SENCo is Mr David Okafor. You can email him at senco@example.sch.uk or "
            "phone 01632 960123.",
        ],
    ),
    (
        "How will the school prepare my child for moving to secondary school?",
        [
            "We arrange extra transition visits to the secondary school and share "
            "information with the new school before the summer holiday.",
        ],
    ),
    (
        "What should I do if I want to complain?",
        [
            "Please speak to the class teacher first. If you are still unhappy, our "
            "complaints policy explains the next steps.",
        ],
    ),
    (
        "How accessible is the school?",
        [
            "The building is on one level with a ramp at the main entrance, a disabled "
            "toilet and a hearing loop in the hall.",
        ],
    ),
]


def report_text() -> str:
    parts = []
    for heading, paragraphs in SECTIONS:
        parts.append(heading)
        parts.extend(paragraphs)
    return "\n\n".join(parts) + "\n"


def report_html() -> bytes:
    body = "".join(
        f"<h2>{html.escape(heading)}</h2>" + "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        for heading, paragraphs in SECTIONS
    )
    page = (
        "<!DOCTYPE html><html><head><title>SEN report</title><style>p{}</style></head>"
        f"<body><nav><a href='/'>Home</a> <a href='/contact'>Contact us</a></nav>"
        f"<main><h1>SEN information report</h1>{body}</main>"
        "<footer>Copyright the school</footer></body></html>"
    )
    return page.encode("utf-8")


def report_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("SEN information report", level=1)
    for heading, paragraphs in SECTIONS:
        document.add_heading(heading, level=2)
        for paragraph in paragraphs:
            document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def report_pdf(**encryption: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    for heading, paragraphs in SECTIONS:
        pdf.set_font("helvetica", style="B", size=13)
        pdf.multi_cell(0, 8, heading)
        pdf.ln(2)
        pdf.set_font("helvetica", size=11)
        for paragraph in paragraphs:
            pdf.multi_cell(0, 6, paragraph)
            pdf.ln(4)
    if encryption:
        pdf.set_encryption(**encryption)
    return bytes(pdf.output())


def scanned_pdf() -> bytes:
    """A PDF that is only a picture of a page, as a scanner makes it."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 800), "white")
    ImageDraw.Draw(image).text((40, 40), "SEN information report", fill="black")
    picture = io.BytesIO()
    image.save(picture, format="PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(picture, x=10, y=10, w=190)
    return bytes(pdf.output())


@pytest.fixture
def report_files(tmp_path: Path) -> dict[str, Path]:
    """The same report as .txt, .html, .docx and .pdf files."""
    files = {
        "txt": report_text().encode("utf-8"),
        "html": report_html(),
        "docx": report_docx(),
        "pdf": report_pdf(),
    }
    paths = {}
    for extension, data in files.items():
        path = tmp_path / f"report.{extension}"
        path.write_bytes(data)
        paths[extension] = path
    return paths
