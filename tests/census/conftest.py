"""Loading census files written by the tests, through the real command."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command

from .census_csv import census_csv

Loader = Callable[..., None]


@pytest.fixture
def load_census(tmp_path: Path, db: None) -> Loader:
    """``load_census(rows, "--example")`` writes ``rows`` as a published file and loads it."""

    def load(rows: list[dict[str, str]], *args: str) -> None:
        path = tmp_path / "sen_school_level.csv"
        path.write_bytes(census_csv(rows))
        call_command("import_sen_census", str(path), "--la", "815", *args, stdout=io.StringIO())

    return load
