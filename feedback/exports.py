"""Making the inbox's spreadsheets safe to open."""

from __future__ import annotations

from typing import Any

# A cell starting with one of these is run as a formula by spreadsheet programs, even
# after spaces or control characters ("CSV injection"). Feedback is typed by anyone.
_FORMULA_STARTS = ("=", "+", "-", "@")


def spreadsheet_text(value: Any) -> str:
    """``value`` as text a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    start = text.lstrip(" \t\r\n\x00\x0b\x0c")
    return "'" + text if start[:1] in _FORMULA_STARTS else text


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
