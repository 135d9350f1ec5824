"""Spreadsheet exports people can open safely: text is shown as text, never run.

A cell starting with = + - @ (or with a tab or carriage return, or with any of these
after spaces or control characters) is run as a formula by spreadsheet programs ("CSV
injection"). School names, feedback and notes are typed by people, some by anyone.
Every CSV export of the council's listings goes through ``spreadsheet_text``.
"""

from __future__ import annotations

import unicodedata
from typing import Any

_FORMULA_STARTS = frozenset("=+-@\t\r")


def spreadsheet_text(value: Any) -> str:
    """``value`` as text a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    start = text.lstrip("".join(_ignored_by_spreadsheets(text)))
    if text[:1] in _FORMULA_STARTS or start[:1] in _FORMULA_STARTS:
        return "'" + text
    return text


def _ignored_by_spreadsheets(text: str) -> set[str]:
    # Leading white space and control or format characters (a zero-width space, a
    # NUL) are skipped by some spreadsheet programs before they look for a formula.
    leading: set[str] = set()
    for char in text:
        if not (char.isspace() or unicodedata.category(char) in {"Cc", "Cf"}):
            break
        leading.add(char)
    return leading


class TypedTextExportMixin:
    """For a Wagtail listing with CSV export: the ``typed_export_fields`` (text people
    typed) are written so that a spreadsheet shows them as text. (Wagtail's Excel export
    already stores formula-like text as text.)"""

    typed_export_fields: tuple[str, ...] = ()
    FORMAT_CSV = "csv"
    custom_field_preprocess: dict[str, dict[str, Any]]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.custom_field_preprocess = {
            **self.custom_field_preprocess,
            **{field: {self.FORMAT_CSV: spreadsheet_text} for field in self.typed_export_fields},
        }
