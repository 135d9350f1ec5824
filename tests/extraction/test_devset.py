"""The extractor keeps its scores on the labelled development set (bench script's rules)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from extraction.extractor import extract_file

from .conftest import DEVSET

_BENCH = Path(__file__).resolve().parents[2] / "bench" / "evaluate_extraction.py"
_spec = importlib.util.spec_from_file_location("evaluate_extraction", _BENCH)
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


@pytest.mark.django_db
def test_development_set_passage_precision_and_recall_stay_high() -> None:
    correct = labelled = found_right = found = senco_right = 0
    for label_file in sorted(DEVSET.glob("*.json")):
        label = json.loads(label_file.read_text(encoding="utf-8"))
        output = extract_file(DEVSET / label["document"]).as_contract()
        cache: dict = {}
        for passage in label["passages"]:
            accepted = {passage["key"], *passage.get("also", [])}
            keys = bench.found_under(passage["text"], output["items"], cache)
            found += len(keys)
            found_right += len(keys & accepted)
            if passage["key"] is not None:
                labelled += 1
                correct += bool(keys & accepted)
        senco_right += bench._name(label["senco"]["name"]) == bench._name(output["senco"]["name"])

    # Floors a little under the figures in docs/extraction.md: a change that makes
    # placement clearly worse fails here.
    assert found_right / found >= 0.8
    assert correct / labelled >= 0.85
    assert senco_right == 4
