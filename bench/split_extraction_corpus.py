"""Split the report corpus once into a development part and a held-out part.

Usage::

    .venv/bin/python bench/split_extraction_corpus.py [--shared ../shared] [--seed 17]

Run once, before any tuning, and never again: the held-out part is looked at only to
measure (docs/extraction-labelling.md). The split uses only the corpus README's table
(file name and phase), never the reports' text: the reports are grouped by phase
(primary-age mainstream; secondary and middle; nursery, special and pupil referral
units), each group is shuffled with a seeded random generator and dealt out half and
half, the odd report of a group going to the development part and to the held-out part
in turn so the two parts end the same size. The result is written to
``tests/extraction/labels/split.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "tests" / "extraction" / "labels" / "split.json"


def phase_group(phase: str) -> str:
    """The stratum of a README phase ("infant (with nursery)" is primary-age)."""
    phase = phase.lower()
    if re.search(r"special|referral|nursery school|maintained nursery", phase):
        return "nursery-special-pru"
    if re.search(r"secondary|middle", phase):
        return "secondary-middle"
    return "primary-age"


def read_table(readme: Path) -> list[tuple[str, str]]:
    """(file, phase) for each row of the README's table."""
    rows = []
    for line in readme.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and cells[0].endswith(".txt"):
            rows.append((cells[0], cells[2]))
    return rows


def split(rows: list[tuple[str, str]], seed: int) -> dict[str, list[str]]:
    rng = random.Random(seed)
    groups: dict[str, list[str]] = {}
    for name, phase in sorted(rows):
        groups.setdefault(phase_group(phase), []).append(name)
    parts: dict[str, list[str]] = {"development": [], "held_out": []}
    odd_to = "development"
    for group in sorted(groups):
        names = groups[group]
        rng.shuffle(names)
        half = len(names) // 2
        parts["development"] += names[:half]
        parts["held_out"] += names[half : 2 * half]
        if len(names) % 2:
            parts[odd_to].append(names[-1])
            odd_to = "held_out" if odd_to == "development" else "development"
    return {part: sorted(names) for part, names in parts.items()} | {
        "groups": {group: sorted(names) for group, names in sorted(groups.items())}
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    rows = read_table(args.shared / "reports" / "README.md")
    if not rows:
        print("No report table found in the corpus README.", file=sys.stderr)
        return 1
    result = split(rows, args.seed)
    record = {
        "method": (
            "bench/split_extraction_corpus.py: grouped by the README's phase column, each group "
            "shuffled with random.Random(seed) and dealt half and half; made once, before tuning."
        ),
        "seed": args.seed,
        **result,
    }
    OUTPUT.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(f"development {len(result['development'])}, held out {len(result['held_out'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
