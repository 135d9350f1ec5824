"""Learn the report reader's vocabulary from the labelled development reports.

Usage::

    .venv/bin/python bench/learn_extraction_vocabulary.py [--shared PATH] [--cross-validate]

Reads the labelled passages of the development part and the seed reports (never the
held-out part) and writes ``extraction/data/learned_vocabulary.json``: for each
statutory item, and for "none", the words and word pairs that mark a passage as
answering it (``extraction.similarity.learn``). A feature is kept only when it occurs in
at least ``MIN_REPORTS`` different schools' reports, so no school's own wording or
names can be learned.

``--cross-validate`` instead scores each development report with a vocabulary learned
without it (leave one report out), to show how much the learned vocabulary helps on
reports it has not seen; the figures are printed beside those with no learned
vocabulary at all.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
import evaluate_extraction as evaluation  # noqa: E402 -- a sibling script, found once on the path

TRAINING_PARTS = ("development", "seeds")
MIN_REPORTS = 3
MIN_WEIGHT = 0.5


def examples(reports: list) -> list[tuple[str, str, str]]:
    """(report, key or "none", text) for every labelled passage."""
    return [
        (report.name, passage.key or "none", passage.text)
        for report in reports
        for passage in report.passages
    ]


def learned(reports: list) -> dict:
    from extraction.similarity import learn

    return learn(examples(reports), min_reports=MIN_REPORTS, min_weight=MIN_WEIGHT)


def cross_validate(reports: list, development: list, verbose: bool = False) -> None:
    from extraction.extractor import extract_file
    from extraction.similarity import LearnedVocabulary

    with_vocabulary, without = evaluation.Scores(), evaluation.Scores()
    for report in development:
        others = [other for other in reports if other.name != report.name]
        vocabulary = LearnedVocabulary(learned(others))
        result = extract_file(report.path, learned=vocabulary).as_contract()
        with_vocabulary.add(report, result, 0.0)
        result = extract_file(report.path, learned=LearnedVocabulary({})).as_contract()
        without.add(report, result, 0.0)
    if verbose:
        print("\n".join(with_vocabulary.misses))
    for name, scores in (("learned, leave one out", with_vocabulary), ("none", without)):
        figures = scores.summary()
        print(
            f"{name:24} passages P {figures['passage_precision']} R {figures['passage_recall']}"
            f"  items P {figures['item_precision']} R {figures['item_recall']}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, help="The shared folder (default: ../shared).")
    parser.add_argument("--cross-validate", action="store_true")
    parser.add_argument("--verbose", action="store_true", help="List each miss when validating.")
    args = parser.parse_args()
    shared = args.shared or evaluation.shared_folder()
    evaluation.setup_django()
    reports = [report for part in TRAINING_PARTS for report in evaluation.load_part(part, shared)]
    if args.cross_validate:
        cross_validate(reports, [r for r in reports if r.part == "development"], args.verbose)
        return 0
    from extraction.similarity import LEARNED_PATH

    data = {
        "about": (
            "Learned by bench/learn_extraction_vocabulary.py from the labelled passages of the "
            f"{' and '.join(TRAINING_PARTS)} reports; features seen in at least {MIN_REPORTS} "
            f"reports, weights (log ratio) of at least {MIN_WEIGHT}."
        ),
        "reports": sorted(report.name for report in reports),
        "weights": learned(reports),
    }
    LEARNED_PATH.write_text(json.dumps(data, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    counts = {key: len(table) for key, table in data["weights"].items()}
    print(f"Wrote {LEARNED_PATH.relative_to(ROOT)}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
