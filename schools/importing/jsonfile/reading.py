"""Reading an import file: bytes to JSON values, with clear messages for broken files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..problems import InvalidImportFile, Problem


class JSONObject(dict[str, Any]):
    """A JSON object that remembers keys given more than once.

    ``json`` silently keeps the last of two equal keys; an import would then drop data
    without a word, so validation reports ``duplicate_keys`` instead.
    """

    duplicate_keys: list[str]


def _object_from_pairs(pairs: list[tuple[str, Any]]) -> JSONObject:
    obj = JSONObject()
    obj.duplicate_keys = []
    for key, value in pairs:
        if key in obj and key not in obj.duplicate_keys:
            obj.duplicate_keys.append(key)
        obj[key] = value
    return obj


def parse_json(text: str, source: str) -> Any:
    """Parse ``text``; a syntax error is reported with its line and column."""
    try:
        return json.loads(text, object_pairs_hook=_object_from_pairs)
    except json.JSONDecodeError as error:
        message = (
            f"This is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}."
        )
        raise InvalidImportFile(source, [Problem(source, message)]) from None


def read_json_file(path: Path) -> Any:
    """Read and parse the JSON file at ``path`` (UTF-8, with or without a byte order mark)."""
    source = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InvalidImportFile(source, [Problem(source, "There is no such file.")]) from None
    except IsADirectoryError:
        raise InvalidImportFile(
            source, [Problem(source, "This is a folder; give the path of a .json file.")]
        ) from None
    except OSError as error:
        raise InvalidImportFile(
            source, [Problem(source, f"The file cannot be read: {error.strerror}.")]
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        message = (
            f"The file is not UTF-8 text (byte {error.start + 1} cannot be read). "
            "Save it as UTF-8 and try again."
        )
        raise InvalidImportFile(source, [Problem(source, message)]) from None
    return parse_json(text, source)
