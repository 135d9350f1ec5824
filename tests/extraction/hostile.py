"""Hostile report documents, generated: what an attacker (or a broken converter) uploads.

Each builder returns the file's bytes, small enough to pass the upload size cap, and
made to cost a naive reader time, memory or a crash: zip bombs, deep nesting, looping
PDF page trees, huge text. Used by the reproduction tests and the fuzzing test.
"""

from __future__ import annotations

import io
import random
import zipfile

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_package(body_xml: bytes | str, *, level: int = 9) -> bytes:
    """A minimal, valid .docx whose body is ``body_xml`` (``<w:p>``/``<w:tbl>`` elements)."""
    if isinstance(body_xml, str):
        body_xml = body_xml.encode("utf-8")
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W}">'
        "<w:body>".encode()
        + body_xml
        + b"</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _RELS)
        package.writestr("word/document.xml", document)
    return buffer.getvalue()


def _paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def docx_zip_bomb(megabytes: int = 400) -> bytes:
    """A .docx whose document.xml inflates to ``megabytes`` of paragraphs (ratio ~1000:1).

    Written in chunks so that building it does not cost the test the memory it attacks.
    """
    paragraph = _paragraph("All work and no play makes a dull report. ").encode()
    chunk = paragraph * (1_048_576 // len(paragraph))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _RELS)
        with package.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(f'<?xml version="1.0"?><w:document xmlns:w="{_W}"><w:body>'.encode())
            for _ in range(megabytes):
                part.write(chunk)
            part.write(b"</w:body></w:document>")
    return buffer.getvalue()


def docx_many_paragraphs(count: int = 100_000) -> bytes:
    """A .docx of a few MB that holds ``count`` short paragraphs (a 44 KB-style slow file)."""
    words = ["help", "pupils", "support", "SENCO", "needs", "plan", "review", "parents"]
    rng = random.Random(12)
    body = "".join(_paragraph(" ".join(rng.choices(words, k=6))) for _ in range(count))
    return docx_package(body)


def docx_deep_nesting(depth: int = 5_000) -> bytes:
    """A .docx of tables nested ``depth`` deep (each cell holds the next table)."""
    opening = "<w:tbl><w:tr><w:tc>" * depth
    closing = "<w:p/></w:tc></w:tr></w:tbl>" * depth
    return docx_package(_paragraph("Our SEN report") + opening + _paragraph("deep") + closing)


def html_deep_nesting(depth: int = 2_000) -> bytes:
    """A web page of ``depth`` nested elements (a 22 KB page of 2,000 gave a 500)."""
    return (
        "<!DOCTYPE html><html><body><main><h1>SEN report</h1>"
        + "<div><section>" * (depth // 2)
        + "<p>How we support pupils with SEND.</p>"
        + "</section></div>" * (depth // 2)
        + "</main></body></html>"
    ).encode()


def text_huge(megabytes: float = 9.5) -> bytes:
    """Plain text just under the upload cap: hard-wrapped lines of varied words."""
    rng = random.Random(7)
    words = [
        "the",
        "school",
        "will",
        "support",
        "pupils",
        "with",
        "special",
        "needs",
        "and",
        "their",
        "parents",
    ]
    lines = []
    size = 0
    target = int(megabytes * 1_048_576)
    while size < target:
        line = " ".join(rng.choices(words, k=12))
        if rng.random() < 0.1:
            line = "How does the school help " + line + "?"
        lines.append(line)
        size += len(line) + 1
    return "\n".join(lines).encode()


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF file from its numbered objects (1-based), with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def pdf_looping_page_tree() -> bytes:
    """A 2.4 KB-style PDF whose page tree loops: its page is its own parent."""
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 3 0 R >>",
        ]
    )


def pdf_content_bomb(megabytes: int = 200) -> bytes:
    """A one-page PDF whose content stream inflates to ``megabytes`` of text operators."""
    import zlib

    operators = b"BT /F1 12 Tf 72 720 Td (Support for pupils with SEND) Tj ET\n"
    compressor = zlib.compressobj(9)
    chunk = operators * (1_048_576 // len(operators))
    compressed = b"".join(compressor.compress(chunk) for _ in range(megabytes))
    compressed += compressor.flush()
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(compressed)
            + compressed
            + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def pdf_deep_nesting(depth: int = 50_000) -> bytes:
    """A PDF whose catalog holds arrays nested ``depth`` deep."""
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R /Junk " + b"[" * depth + b"]" * depth + b" >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
        ]
    )


# Every hostile file, by name, for the fuzzing test; each builder's defaults are its worst.
HOSTILE_FILES = {
    "docx-zip-bomb.docx": docx_zip_bomb,
    "docx-many-paragraphs.docx": docx_many_paragraphs,
    "docx-deep-nesting.docx": docx_deep_nesting,
    "html-deep-nesting.html": html_deep_nesting,
    "text-huge.txt": text_huge,
    "pdf-looping-page-tree.pdf": pdf_looping_page_tree,
    "pdf-content-bomb.pdf": pdf_content_bomb,
    # Under pypdf's own 75 MB inflation cap: only the worker's time limit stops it.
    "pdf-slow-content.pdf": lambda: pdf_content_bomb(60),
    "pdf-deep-nesting.pdf": pdf_deep_nesting,
}
