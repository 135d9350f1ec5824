"""Finding the postcode CSVs in what the council downloaded, and telling the formats apart.

A path is a CSV file or a zip as published: Code-Point Open's zip holds one CSV per postcode
area under ``Data/CSV/`` beside documentation CSVs; ONSPD's holds the whole directory in one
CSV under ``Data/``, the same rows again split by area under ``Data/multi_csv/``, and lookup
tables under ``Documents/``. The format is told by content, never by a file's name.
"""

from __future__ import annotations

import csv
import enum
import io
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from .codepoint import looks_like_codepoint_row
from .onspd import POSTCODE as ONSPD_POSTCODE


class Format(enum.Enum):
    CODEPOINT = "Code-Point Open"
    ONSPD = "ONS Postcode Directory"


class UnreadableFile(Exception):
    """A path is not a file, zip or CSV the import can read; nothing was written."""


@dataclass(frozen=True)
class CsvFile:
    """One postcode CSV: where it is (``name`` as a person would say it) and its format."""

    name: str
    format: Format
    opener: Callable[[], TextIO]

    @contextmanager
    def open(self) -> Iterator[TextIO]:
        handle = self.opener()
        try:
            yield handle
        finally:
            handle.close()


def detect(first_line: str) -> Format | None:
    """The format a file's first line shows, or None for any other CSV."""
    cells = next(csv.reader([first_line.lstrip("\ufeff")]), [])
    if ONSPD_POSTCODE in {cell.strip().lower() for cell in cells}:
        return Format.ONSPD
    if looks_like_codepoint_row(cells):
        return Format.CODEPOINT
    return None


def _text(binary: io.BufferedIOBase | zipfile.ZipExtFile) -> TextIO:
    # utf-8-sig: a byte-order mark, if a spreadsheet added one, is not part of the first cell.
    return io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")  # type: ignore[arg-type]


def _first_line(opener: Callable[[], TextIO]) -> str:
    handle = opener()
    try:
        return handle.readline()
    except UnicodeDecodeError:
        return ""
    finally:
        handle.close()


def csv_files(path: Path) -> list[CsvFile]:
    """The postcode CSVs at ``path`` (a CSV, or a zip of them), in a stable order.

    Raises ``UnreadableFile`` naming the path when it holds no postcode CSV at all.
    """
    if not path.is_file():
        raise UnreadableFile(f"{path} is not a file.")
    if zipfile.is_zipfile(path):
        return _zip_members(path)

    def opener() -> TextIO:
        return _text(path.open("rb"))

    found = detect(_first_line(opener))
    if found is None:
        raise UnreadableFile(
            f"{path} is neither a Code-Point Open area file nor the ONS Postcode Directory: "
            "its first line has neither Code-Point's ten columns nor ONSPD's 'pcds' header."
        )
    return [CsvFile(str(path), found, opener)]


def _zip_members(path: Path) -> list[CsvFile]:
    try:
        archive = zipfile.ZipFile(path)
        names = sorted(
            info.filename
            for info in archive.infolist()
            if not info.is_dir() and info.filename.lower().endswith(".csv")
        )
    except (zipfile.BadZipFile, OSError) as error:
        raise UnreadableFile(f"{path} is not a zip that can be read: {error}.") from error

    def opener_for(name: str) -> Callable[[], TextIO]:
        return lambda: _text(zipfile.ZipFile(path).open(name))

    found = []
    for name in names:
        opener = opener_for(name)
        kind = detect(_first_line(opener))
        if kind is not None:
            found.append(CsvFile(f"{path}:{name}", kind, opener))
    whole = [f for f in found if f.format is Format.ONSPD and "multi_csv" not in f.name]
    if whole:
        # ONSPD's zip repeats every row, split by area, under multi_csv: read them once.
        found = [f for f in found if "multi_csv" not in f.name]
    if not found:
        raise UnreadableFile(
            f"{path} holds no Code-Point Open area file and no ONS Postcode Directory CSV."
        )
    return found
