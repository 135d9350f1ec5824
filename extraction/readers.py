"""Read a report document (.txt, .html, .docx or text .pdf) into structured blocks.

The file's real type is decided from its first bytes, not its name: a school may send
a Word file renamed ``.pdf`` or a web page saved as ``.txt``. Anything we cannot read
raises ``UnreadableDocument`` with a message an editor can act on; nothing else is
raised for bad input. Files beyond any real report's size are refused before parsing
(``extraction.limits``); run untrusted files through ``extraction.worker``, which also
bounds the parsers' time and memory.

Long because it holds one reader per format; they share the block builder, the sniffing
and the size rules, and each is short. A new format would be the time to split them.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import Path

from django.conf import settings

from . import limits
from .document import Block, BlockKind, Document
from .headings import looks_like_heading
from .lines import normalise
from .textlayout import parse_text

DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024
# A 100-page PDF is already far longer than any SEN report; the cap keeps reading fast.
MAX_PDF_PAGES = 150
# A text PDF has hundreds of letters a page; a scan has none or a few stray marks.
_MIN_LETTERS_PER_PAGE = 40

_EXTENSION_TYPES = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".txt": "text",
    ".text": "text",
    ".htm": "html",
    ".html": "html",
    ".doc": "doc",
    ".odt": "odt",
    ".rtf": "rtf",
}
_TYPE_NAMES = {
    "pdf": "a PDF",
    "docx": "a Word (.docx) document",
    "text": "plain text",
    "html": "a web page (HTML)",
    "doc": "an old-style Word (.doc) document",
    "encrypted-office": "a password-protected Office document",
    "zip": "a zip archive",
    "odt": "an OpenDocument text file",
    "rtf": "a Rich Text (.rtf) file",
    "image": "a picture",
    "binary": "a binary file",
}
SUPPORTED_TYPES = ("text", "html", "docx", "pdf")
# What to do with a word-processor file we cannot read: every school can save it again
# as .docx, so say how instead of only listing formats.
_SAVE_AS_DOCX = (
    "Open it in Word (or LibreOffice), choose \u201cSave as\u201d, pick \u201cWord "
    "Document (.docx)\u201d and upload the new file."
)
_CONVERTIBLE = {"doc", "rtf", "odt"}
_TEXT_FAMILY = {"text", "html"}


class UnreadableDocument(Exception):
    """The file cannot be read; ``str(error)`` is a plain-English message for the editor."""


def max_file_size() -> int:
    """The largest file accepted, in bytes (setting ``EXTRACTION_MAX_FILE_SIZE``)."""
    return int(getattr(settings, "EXTRACTION_MAX_FILE_SIZE", DEFAULT_MAX_FILE_SIZE))


def human_size(size: int) -> str:
    """A file size as people say it: "10 MB", "1.5 MB", "800 KB"."""
    if size >= 1_048_576:
        return f"{size / 1_048_576:.1f}".removesuffix(".0") + " MB"
    return f"{max(1, round(size / 1024))} KB"


def size_message(size: int) -> str:
    """The message for a file over the size cap."""
    return (
        f"The file is too large ({human_size(size)}). The largest file we can read is "
        f"{human_size(max_file_size())}: save the report without pictures, or as plain "
        "text, and try again."
    )


def read_path(path: str | Path) -> Document:
    """Read a document from disk, checking its size before loading it."""
    return read_bytes(load_path(path), Path(path).name)


def load_path(path: str | Path) -> bytes:
    """A document's bytes from disk, refusing a missing or oversized file before reading it."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        message = f"The file {path.name!r} cannot be opened: {error.strerror}."
        raise UnreadableDocument(message) from error
    if not path.is_file():
        raise UnreadableDocument(f"{path.name!r} is not a file.")
    if size > max_file_size():
        raise UnreadableDocument(size_message(size))
    try:
        data = path.read_bytes()
    except OSError as error:
        message = f"The file {path.name!r} cannot be read: {error.strerror}."
        raise UnreadableDocument(message) from error
    return data


def read_bytes(data: bytes, filename: str = "") -> Document:
    """Read a document from its bytes; ``filename`` is only used to catch mislabelled files."""
    if len(data) > max_file_size():
        raise UnreadableDocument(size_message(len(data)))
    if not data.strip():
        raise UnreadableDocument("The file is empty: there is no text in it to import.")
    actual = sniff(data)
    declared = _EXTENSION_TYPES.get(Path(filename).suffix.lower()) if filename else None
    if declared and declared != actual and not {declared, actual} <= _TEXT_FAMILY:
        raise UnreadableDocument(
            f"The file is named {Path(filename).name!r} but it is not "
            f"{_TYPE_NAMES[declared]}: its contents are {_TYPE_NAMES[actual]}. "
            + (
                _SAVE_AS_DOCX
                if actual in _CONVERTIBLE
                else "Save the report again in one of the formats we read (PDF, Word .docx, "
                "web page or plain text) and upload that."
            )
        )
    if actual == "encrypted-office":
        raise UnreadableDocument(
            "The document is password-protected, so we cannot read it. Save a copy "
            "without a password and upload that."
        )
    if actual in _CONVERTIBLE:
        raise UnreadableDocument(
            f"The file is {_TYPE_NAMES[actual]}, which we cannot read. {_SAVE_AS_DOCX}"
        )
    if actual not in SUPPORTED_TYPES:
        raise UnreadableDocument(
            f"The file is {_TYPE_NAMES[actual]}, which we cannot read. Upload the report "
            "as a PDF with text (not a scan), a Word .docx file, a web page or plain text."
        )
    reader = {"pdf": _read_pdf, "docx": _read_docx, "html": _read_html, "text": _read_text}
    try:
        document = reader[actual](data)
        limits.check_blocks(document.blocks)
    except limits.LimitExceeded as error:
        raise UnreadableDocument(str(error)) from error
    if not any(block.text.strip() for block in document.blocks):
        raise UnreadableDocument("The file has no text in it to import.")
    return document


def sniff(data: bytes) -> str:
    """The real type of a file from its first bytes (see ``_TYPE_NAMES`` for the values)."""
    head = data[:2048]
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            return "binary"
        if "word/document.xml" in names:
            return "docx"
        if "content.xml" in names and b"opendocument.text" in data[:200]:
            return "odt"
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        # An OLE container: an old .doc, or a modern Office file under a password.
        return "encrypted-office" if "EncryptedPackage".encode("utf-16-le") in data else "doc"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        return "image"
    text = _decode(data)
    if text is None:
        return "binary"
    start = text.lstrip()[:1000].lower()
    if start.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:5000].lower():
        return "html"
    if len(re.findall(r"</?(?:p|div|h[1-6]|li|table|body|br)\b", text[:20000], re.I)) >= 3:
        return "html"
    return "text"


def _decode(data: bytes) -> str | None:
    """Decode text in the encodings reports come in; None for binary content."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    if b"\x00" in data[:4096]:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    sample = text[:4096]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f")
    return None if controls > len(sample) * 0.02 else text


# -- plain text ---------------------------------------------------------------


def _read_text(data: bytes) -> Document:
    text = _decode(data) or ""
    limits.check_text(text)
    return Document("text", parse_text(text))


# -- PDF ------------------------------------------------------------------------


def _read_pdf(data: bytes) -> Document:
    # pypdf is imported here so that commands and pages that never read a PDF do not pay
    # for it, and its errors are translated into messages an editor can act on.
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # Many PDFs are "protected" only against editing, with an empty password to open.
            try:
                opened = reader.decrypt("")
            except (DependencyError, NotImplementedError) as error:
                raise UnreadableDocument(
                    "The PDF is encrypted in a way we cannot open. Save a copy without "
                    "protection (for example with 'Print to PDF') and upload that."
                ) from error
            if not opened:
                raise UnreadableDocument(
                    "The PDF is password-protected, so we cannot read it. Save a copy "
                    "without a password and upload that."
                )
        pages = reader.pages
        if len(pages) > MAX_PDF_PAGES:
            raise UnreadableDocument(
                f"The PDF has {len(pages)} pages; we read reports of up to {MAX_PDF_PAGES} "
                "pages. Upload just the SEN information report."
            )
        page_texts: list[str] = []
        for page in pages:
            page_texts.append(page.extract_text() or "")
            limits.check_text_length(sum(map(len, page_texts)))
    except (UnreadableDocument, limits.LimitExceeded):
        raise
    except FileNotDecryptedError as error:
        raise UnreadableDocument(
            "The PDF is password-protected, so we cannot read it. Save a copy without a "
            "password and upload that."
        ) from error
    except (
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        RecursionError,
        zlib.error,
    ) as error:
        # pypdf's own limits (page-tree cycles, stream sizes) and its parsing errors.
        raise UnreadableDocument(
            "The PDF is damaged or incomplete, so we cannot read it. Open it, save it "
            "again as PDF and upload the new copy."
        ) from error
    letters = sum(sum(c.isalpha() for c in text) for text in page_texts)
    if letters < _MIN_LETTERS_PER_PAGE * max(1, len(page_texts)) * 0.5:
        raise UnreadableDocument(
            "The PDF has no readable text: it looks like a scan or a picture of the "
            "report. Upload the original Word file, or a PDF saved from it, instead."
        )
    return Document("pdf", parse_text("\n\n".join(page_texts)))


# -- Word -----------------------------------------------------------------------

_HEADING_STYLE = re.compile(r"^(?:heading|überschrift|titre)\s*(\d)", re.I)


def _read_docx(data: bytes) -> Document:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            limits.check_zip_package(archive)
        word = docx.Document(io.BytesIO(data))
    except limits.LimitExceeded:
        raise
    except Exception as error:  # python-docx raises many kinds for a broken package
        raise UnreadableDocument(
            "The Word document is damaged or not a real .docx file. Open it in Word, "
            "save it again as .docx and upload the new copy."
        ) from error

    builder = _BlockBuilder()
    body = word.element.body
    limits.check_blocks(body)
    # lxml refuses elements nested over 256 deep while parsing; text is capped here.
    limits.check_text(body.xpath("string()"))
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            _docx_paragraph(Paragraph(child, word), builder)
        elif tag == "tbl":
            _docx_table(Table(child, word), builder)
    return Document("docx", builder.blocks)


def _docx_paragraph(paragraph, builder: _BlockBuilder) -> None:
    text = normalise(paragraph.text).strip()
    if not text:
        builder.break_group()
        return
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    heading = _HEADING_STYLE.match(style)
    if heading or style.lower() == "title":
        builder.heading(text, int(heading.group(1)) if heading else 1)
        return
    p_pr = paragraph._p.pPr
    is_list = (p_pr is not None and p_pr.numPr is not None) or style.lower().startswith("list")
    runs = [run for run in paragraph.runs if run.text.strip()]
    bold = bool(runs) and all(run.bold for run in runs)
    if is_list and not (looks_like_heading(text) and (bold or text.endswith("?"))):
        builder.add(BlockKind.ITEM, text)
        return
    # A bold line, or a numbered question ("3. How will my child be taught?" numbered by
    # Word), heads the answer below it.
    if (bold or is_list) and looks_like_heading(text):
        builder.heading(text, 4)
        return
    for block in parse_text(text, standalone=True):
        if block.kind == BlockKind.HEADING:
            builder.heading(block.text, 4)
        else:
            builder.add(block.kind, block.text)


def _docx_table(table, builder: _BlockBuilder) -> None:
    for row in table.rows:
        seen: set[int] = set()
        cells = []
        for cell in row.cells:
            # A merged cell appears once for each grid column it spans.
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            lines = []
            for paragraph in cell.paragraphs:
                p_pr = paragraph._p.pPr
                prefix = "• " if p_pr is not None and p_pr.numPr is not None else ""
                lines.append(prefix + paragraph.text)
            for inner in cell.tables:
                for inner_row in inner.rows:
                    lines.extend(inner_cell.text for inner_cell in inner_row.cells)
            cells.append("\n".join(lines))
        builder.row(cells)


# -- HTML -------------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "aside",
        "blockquote",
        "pre",
        "dl",
        "dt",
        "dd",
        "ul",
        "ol",
        "li",
        "table",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "footer",
        "nav",
        "figure",
        "figcaption",
        "address",
        "details",
        "summary",
        "form",
        "fieldset",
        "hr",
    ]
)
_SKIP_TAGS = frozenset(
    ["script", "style", "noscript", "template", "nav", "header", "footer", "form", "svg", "head"]
)


def _read_html(data: bytes) -> Document:
    from bs4 import BeautifulSoup, NavigableString, Tag

    text = _decode(data) or ""
    limits.check_markup(text)
    soup = BeautifulSoup(text, "html.parser")
    # The walk below recurses once per nested block: a page nested thousands deep is
    # refused here instead of exhausting the interpreter's stack.
    limits.check_html_nesting(soup)
    for tag in soup.find_all(_SKIP_TAGS):
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    root = soup.find("main") or soup.find("article") or soup.body or soup
    builder = _BlockBuilder()

    def inline_text(node) -> str:
        return node.get_text() if isinstance(node, Tag) else str(node)

    def walk(node) -> None:
        buffer: list[str] = []

        def flush() -> None:
            joined = "".join(buffer)
            buffer.clear()
            if joined.strip():
                for block in parse_text(joined, standalone=True):
                    if block.kind == BlockKind.HEADING:
                        builder.heading(block.text, max(block.level, 4))
                    else:
                        builder.add(block.kind, block.text)
                builder.break_group()

        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:  # not a comment or doctype
                    buffer.append(str(child))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name.lower()
            if name not in _BLOCK_TAGS:
                buffer.append(inline_text(child))
                continue
            flush()
            if re.fullmatch(r"h[1-6]", name):
                heading = " ".join(child.get_text(" ").split())
                if heading:
                    builder.heading(heading, int(name[1]))
            elif name == "li":
                nested = child.find_all(["ul", "ol"], recursive=False)
                for sub in nested:
                    sub.extract()
                item = " ".join(child.get_text(" ").split())
                if item:
                    builder.add(BlockKind.ITEM, item)
                for sub in nested:
                    walk(sub)
            elif name == "table":
                for tr in child.find_all("tr"):
                    cells = [
                        cell.get_text("\n") for cell in tr.find_all(["td", "th"], recursive=False)
                    ]
                    builder.row(cells)
                builder.break_group()
            elif name == "p" and _is_bold_only(child):
                heading = " ".join(child.get_text(" ").split())
                if looks_like_heading(heading):
                    builder.heading(heading, 4)
                else:
                    walk(child)
            else:
                walk(child)
        flush()

    walk(root)
    return Document("html", builder.blocks)


def _is_bold_only(paragraph) -> bool:
    text = paragraph.get_text().strip()
    bold = "".join(tag.get_text() for tag in paragraph.find_all(["strong", "b"]))
    return bool(text) and bold.strip() == text


# -- shared ---------------------------------------------------------------------


class _BlockBuilder:
    """Collects blocks from a structured reader, numbering their groups."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.group = 0

    def break_group(self) -> None:
        self.group += 1

    def heading(self, text: str, level: int) -> None:
        self.break_group()
        self.blocks.append(Block(BlockKind.HEADING, " ".join(text.split()), level=level))
        self.break_group()

    def add(self, kind: BlockKind, text: str, *, level: int = 0, cell_start: bool = False):
        text = " ".join(text.split())
        if text:
            self.blocks.append(
                Block(kind, text, level=level, group=self.group, cell_start=cell_start)
            )

    def row(self, cells: list[str]) -> None:
        """One table row: a short first cell of several is the row's label (a heading)."""
        cells = [normalise(cell).strip() for cell in cells]
        filled = [cell for cell in cells if cell]
        for position, cell in enumerate(filled):
            self.break_group()
            single_line = "\n" not in cell
            if position == 0 and len(filled) > 1 and single_line and looks_like_heading(cell):
                self.blocks.append(Block(BlockKind.HEADING, cell, level=3, cell_start=True))
                continue
            first = True
            for block in parse_text(cell):
                if block.kind == BlockKind.HEADING and not block.text.endswith("?"):
                    # Short lines inside an answer cell are its list, not headings.
                    block.kind, block.level = BlockKind.ITEM, 0
                block.group = self.group
                block.cell_start = first
                first = False
                self.blocks.append(block)
        self.break_group()
