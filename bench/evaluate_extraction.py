"""Score ``extract_report`` against hand-labelled reports.

Usage::

    .venv/bin/python bench/evaluate_extraction.py tests/extraction/devset [--verbose]

FOLDER holds one JSON label file per report (format: docs/extraction.md) next to the
report document it names. Each report is run through the real command
(``manage.py extract_report``, in-process, on a fresh in-memory database seeded by the
migrations) and compared with its labels. Definitions (also in docs/extraction.md):

* A labelled passage is *found under* key K when at least 60% of its three-word
  sequences appear in the extracted text for K.
* A passage is *correctly placed* when it is found under its labelled key or one of
  the keys its label also accepts ("also"), or, for a passage labelled as answering
  nothing, when it is found under no key (or under an accepted one).
* Per key K: precision = passages found under K whose label accepts K / passages found
  under K; recall = passages labelled K that are correctly placed / passages labelled K.
  "Strict" figures ignore the "also" keys.
* Item level, per report: an item is predicted when the output has text for it, and
  is a true positive when at least one passage labelled with it is found under it.
* SENCO name: exact match, ignoring case, full stops and extra spaces.
* Facet recall: labelled terms the output ticks / labelled terms (precision alongside).
"""

# ruff: noqa: RUF001 -- typographic apostrophes are what documents contain

from __future__ import annotations

import argparse
import io
import json
import os
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "localoffer.settings.test"

FOUND_SHARE = 0.6
_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def _grams(words: list[str]) -> set[tuple[str, ...]]:
    size = 3 if len(words) >= 3 else len(words)
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def found_under(passage: str, items: dict[str, str], cache: dict[str, set]) -> set[str]:
    """The keys whose extracted text holds most of ``passage``."""
    grams = _grams(_words(passage))
    if not grams:
        return set()
    keys = set()
    for key, text in items.items():
        if key not in cache:
            words = _words(text)
            cache[key] = _grams(words) | {tuple(words[i : i + 2]) for i in range(len(words))}
            cache[key] |= {(word,) for word in words}
        if len(grams & cache[key]) / len(grams) >= FOUND_SHARE:
            keys.add(key)
    return keys


def _name(value: str | None) -> str:
    return " ".join((value or "").replace(".", " ").lower().split())


def run_extract(path: Path) -> tuple[dict, float]:
    from django.core.management import call_command

    out = io.StringIO()
    started = time.perf_counter()
    call_command("extract_report", str(path), stdout=out)
    return json.loads(out.getvalue()), time.perf_counter() - started


def evaluate(folder: Path, verbose: bool = False) -> int:
    import django

    django.setup()
    from django.core.management import call_command

    from schools.checklist import STATUTORY_KEYS

    call_command("migrate", verbosity=0)

    per_key = defaultdict(lambda: defaultdict(int))
    items_tp = items_pred = items_gold = 0
    placed_ok = placed_total = 0
    senco_ok = senco_total = 0
    facet = defaultdict(lambda: defaultdict(int))
    slowest = 0.0
    label_files = sorted(folder.glob("*.json"))
    if not label_files:
        print(f"No label files (*.json) in {folder}", file=sys.stderr)
        return 1
    for label_file in label_files:
        label = json.loads(label_file.read_text(encoding="utf-8"))
        output, seconds = run_extract(label_file.parent / label["document"])
        slowest = max(slowest, seconds)
        items = output["items"]
        cache: dict[str, set] = {}
        gold_keys: set[str] = set()
        confirmed: set[str] = set()
        report_ok = report_total = 0
        for passage in label["passages"]:
            key = passage["key"]
            accepted = {key, *passage.get("also", [])}
            found = found_under(passage["text"], items, cache)
            for predicted in found:
                per_key[predicted]["predicted"] += 1
                per_key[predicted]["tp"] += predicted in accepted
                per_key[predicted]["strict_tp"] += predicted == key
            correct = bool(found & accepted) or (not found and None in accepted)
            if key is not None:
                gold_keys.add(key)
                per_key[key]["gold"] += 1
                per_key[key]["recalled"] += correct
                per_key[key]["strict_recalled"] += key in found
                placed_total += 1
                placed_ok += correct
                report_total += 1
                report_ok += correct
                if key in found:
                    confirmed.add(key)
            elif verbose and found - accepted:
                print(
                    f"  [{label_file.stem}] placed under {sorted(found)} but labelled none: "
                    f"{passage['text'][:90]!r}"
                )
            if verbose and key is not None and not correct:
                print(
                    f"  [{label_file.stem}] {key} -> {sorted(found) or 'unplaced'}: "
                    f"{passage['text'][:90]!r}"
                )
        predicted_keys = set(items)
        items_pred += len(predicted_keys)
        items_gold += len(gold_keys)
        items_tp += len(predicted_keys & confirmed)
        gold_senco = (label.get("senco") or {}).get("name")
        got_senco = (output.get("senco") or {}).get("name")
        if gold_senco:
            senco_total += 1
            senco_ok += _name(gold_senco) == _name(got_senco)
        for name in ("needs", "accessibility", "services"):
            gold, got = set(label.get(name, [])), set(output.get(name, []))
            facet[name]["gold"] += len(gold)
            facet[name]["got"] += len(got)
            facet[name]["tp"] += len(gold & got)
        print(
            f"{label_file.stem}: {report_ok}/{report_total} labelled passages placed right; "
            f"items {len(predicted_keys & confirmed)}/{len(predicted_keys)} predicted right, "
            f"{len(predicted_keys & confirmed)}/{len(gold_keys)} labelled found; "
            f"SENCO {got_senco!r} (labelled {gold_senco!r}); {seconds:.2f} s"
        )

    def ratio(a: int, b: int) -> str:
        return f"{a / b:.2f}" if b else "  - "

    print()
    print(
        f"{'item':28} {'labelled':>8} {'found':>6} {'precision':>9} {'recall':>7} "
        f"{'strict P':>8} {'strict R':>8}"
    )
    for key in STATUTORY_KEYS:
        row = per_key[key]
        precision = ratio(row["tp"], row["predicted"])
        recall = ratio(row["recalled"], row["gold"])
        strict_p = ratio(row["strict_tp"], row["predicted"])
        strict_r = ratio(row["strict_recalled"], row["gold"])
        print(
            f"{key:28} {row['gold']:8d} {row['predicted']:6d} {precision:>9} {recall:>7} "
            f"{strict_p:>8} {strict_r:>8}"
        )
    tp = sum(row["tp"] for row in per_key.values())
    predicted = sum(row["predicted"] for row in per_key.values())
    strict_tp = sum(row["strict_tp"] for row in per_key.values())
    print()
    print(
        f"Passage level: precision {ratio(tp, predicted)} "
        f"(strict {ratio(strict_tp, predicted)}), recall {ratio(placed_ok, placed_total)} "
        f"over {placed_total} labelled passages"
    )
    print(
        f"Item level:    precision {ratio(items_tp, items_pred)}, "
        f"recall {ratio(items_tp, items_gold)}"
    )
    print(f"SENCO name:    {senco_ok}/{senco_total} right")
    for name, row in facet.items():
        print(
            f"Facets {name:14} recall {ratio(row['tp'], row['gold'])} "
            f"({row['tp']}/{row['gold']}), precision {ratio(row['tp'], row['got'])}"
        )
    print(f"Slowest report: {slowest:.2f} s")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="Folder of label files and their documents.")
    parser.add_argument("--verbose", action="store_true", help="List each misplaced passage.")
    args = parser.parse_args()
    return evaluate(args.folder, args.verbose)


if __name__ == "__main__":
    sys.exit(main())
