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

Round 6 (docs/extraction.md) split the held-out part once more, the same way (grouped
by phase, shuffled with its own seed, dealt half and half): ``held_out_read``, whose
reports may be read for error analysis, and ``held_out_unread``, measured only by
aggregate figures, once at the end of a round. The original two lists stay as they
were, so the issue's split and its figures stay reportable.
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
# Round 6's seed for splitting the held-out part (chosen before the split was seen).
HELD_OUT_SEED = 6


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


def deal(groups: dict[str, list[str]], seed: int, first: str, second: str) -> dict:
    """Each group (in name order) shuffled with ``random.Random(seed)`` and dealt half
    to ``first`` and half to ``second``, a group's odd report to each in turn."""
    rng = random.Random(seed)
    parts: dict[str, list[str]] = {first: [], second: []}
    odd_to = first
    for group in sorted(groups):
        names = list(groups[group])
        rng.shuffle(names)
        half = len(names) // 2
        parts[first] += names[:half]
        parts[second] += names[half : 2 * half]
        if len(names) % 2:
            parts[odd_to].append(names[-1])
            odd_to = second if odd_to == first else first
    return {part: sorted(names) for part, names in parts.items()}


def split(rows: list[tuple[str, str]], seed: int) -> dict[str, list[str]]:
    """The development and held-out parts, and the phase groups they were dealt from."""
    groups: dict[str, list[str]] = {}
    for name, phase in sorted(rows):
        groups.setdefault(phase_group(phase), []).append(name)
    return deal(groups, seed, "development", "held_out") | {
        "groups": {group: sorted(names) for group, names in sorted(groups.items())}
    }


def split_held_out(parts: dict, seed: int) -> dict[str, list[str]]:
    """Round 6: the held-out part dealt again, by phase, into a half read for error
    analysis and a half measured only by aggregate figures."""
    held_out = set(parts["held_out"])
    groups = {
        group: [name for name in names if name in held_out]
        for group, names in parts["groups"].items()
    }
    return deal(groups, seed, "held_out_read", "held_out_unread")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--held-out-seed", type=int, default=HELD_OUT_SEED)
    args = parser.parse_args()
    rows = read_table(args.shared / "reports" / "README.md")
    if not rows:
        print("No report table found in the corpus README.", file=sys.stderr)
        return 1
    result = split(rows, args.seed)
    again = split_held_out(result, args.held_out_seed)
    record = {
        "method": (
            "bench/split_extraction_corpus.py: grouped by the README's phase column, each group "
            "shuffled with random.Random(seed) and dealt half and half; made once, before tuning."
        ),
        "seed": args.seed,
        **result,
        "held_out_method": (
            "round 6: the held-out part grouped by the same phase groups, each shuffled with "
            "random.Random(held_out_seed) and dealt half and half; held_out_read may be read "
            "for error analysis, held_out_unread only measured (aggregate figures)."
        ),
        "held_out_seed": args.held_out_seed,
        **again,
    }
    OUTPUT.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(
        f"development {len(result['development'])}, held out {len(result['held_out'])} "
        f"(read {len(again['held_out_read'])}, unread {len(again['held_out_unread'])})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
