"""The labelled report corpus: the reports in the shared folder beside the repository
(``../shared``, or ``$LOCALOFFER_SHARED``) and the labels in ``labels/``.

The reports are other people's words and are never copied here. Without the shared
folder the tests that need it are skipped, saying why; under CI (``CI=true``, a clean
clone with ``../shared`` beside it) they fail instead, so a lost corpus is noticed.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
LABELS = Path(__file__).parent / "labels"


def bench(name: str) -> ModuleType:
    """A script of ``bench/`` as a module (the tests share its label reading and scoring)."""
    folder = str(ROOT / "bench")
    if folder not in sys.path:
        sys.path.insert(0, folder)
    return importlib.import_module(name)


def evaluation() -> ModuleType:
    """``bench/evaluate_extraction.py``."""
    return bench("evaluate_extraction")


def shared_folder() -> Path:
    """The shared folder with the corpus, or skip (fail under CI) when it is missing."""
    shared = evaluation().shared_folder()
    if (shared / "reports").is_dir() and (shared / "seeds").is_dir():
        return shared
    message = (
        f"the report corpus is not at {shared} (expected ../shared beside the repository, "
        "or set LOCALOFFER_SHARED)"
    )
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message}: CI must have it")
    pytest.skip(message)
