"""Fingerprint a council proforma's standard wording for the report reader.

Usage::

    .venv/bin/python bench/fingerprint_proforma.py [--shared PATH]
    .venv/bin/python bench/fingerprint_proforma.py --name COUNCIL --title TITLE TEMPLATE.txt

The reader takes a council's guidance out of reports written on its proforma
(``extraction/guidance.py``). That guidance is the council's wording, so the repository
holds only one-way fingerprints of it, ``extraction/data/proforma/<name>.json``: a hash
of each passage and of each of its three-word sequences (``StandardWording.of``).

With no template the script remakes ``north-yorkshire.json`` from the seed reports in
the shared folder (``../shared``, or ``$LOCALOFFER_SHARED``); ``NORTH_YORKSHIRE`` below
lists the parts, as line spans (``docs/extraction-labelling.md``):

* ``seeds/001_b9ea73d7f840acaf.txt`` (West Heslerton CE Primary, 2021, the proforma saved
  as a Word table, one cell a line): the form's heading and its four-paragraph
  introduction from the council (lines 2-8), the column headings (13-14), every cell of
  the council's "expectation of good practice" column with the bulleted lines inside it,
  and the "Code of practice requirements" rows. The school's answers are left out.
* ``seeds/000_b505fe1b0f861b1b.txt`` (St Mary's, an older printing of the same proforma,
  as PDF text): the two guidance passages the 2021 printing reworded (the paragraph about
  inclusion passports, and the older ending of the sentence about provision maps).

Each seed's checksum is checked first, so the fingerprints are always of the same text.

Another council: save its blank proforma as plain text (in Word, "Save as", "Plain
text"), keep only the council's own wording (guidance, questions, introduction), one
passage a line, and run the script with ``--name`` (the file name, e.g. ``cumbria``) and
``--title``. Blank lines and lines starting with ``#`` are skipped. The reader then
recognises both councils' wording; nothing of the template is stored.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import evaluate_extraction as evaluation  # a sibling script, found once on the path

from extraction.guidance import FINGERPRINTS, StandardWording

NORTH_YORKSHIRE_NAME = "north-yorkshire"
NORTH_YORKSHIRE_TITLE = "North Yorkshire SEN information report proforma"
# Seed file: (its SHA-256, the spans holding the council's wording, one passage each).
NORTH_YORKSHIRE: dict[str, tuple[str, list[str]]] = {
    "seeds/001_b9ea73d7f840acaf.txt": (
        "94df5dfc038d050ec44766a976849ba96ac0818c03e1336d7a277a6ae747e695",
        [
            *["2", "3", "4", "6", "8", "13", "14", "17", "31", "32", "33", "35", "40"],
            *["42", "44", "46", "48", "54", "58", "60", "62", "64", "66", "68", "75", "80"],
            *["85", "89", "96", "98", "103", "105", "113", "114", "116", "120", "140"],
            *["141", "143", "145", "147", "149", "151", "167", "172", "176", "180", "184"],
        ],
    ),
    "seeds/000_b505fe1b0f861b1b.txt": (
        "8248b9be74dbdb9807c3b59bc1b0bd6af44fa8a1062504774bc4b4833cdcc747",
        ["304-310", "56:43-59:16"],
    ),
}
_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def north_yorkshire_passages(shared: Path) -> list[str]:
    """The North Yorkshire proforma's standard wording, read from the seed reports."""
    passages: list[str] = []
    for document, (checksum, spans) in NORTH_YORKSHIRE.items():
        raw = (shared / document).read_bytes()
        if hashlib.sha256(raw).hexdigest() != checksum:
            raise SystemExit(f"{shared / document} is not the seed this script was written for")
        lines = raw.decode("utf-8").split("\n")
        passages += [evaluation.span_text(lines, span) for span in spans]
    return passages


def template_passages(template: Path) -> list[str]:
    """A council's wording saved as text: one passage a line, ``#`` lines skipped."""
    lines = template.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.lstrip().startswith("#")]


def write(wording: StandardWording, name: str, title: str, made_by: str, folder: Path) -> Path:
    """Write one proforma's fingerprint file and say where."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.json"
    content = json.dumps(wording.as_json(title, made_by), indent=0, ensure_ascii=False)
    path.write_text(content + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("template", nargs="?", type=Path, help="A council's wording as text.")
    parser.add_argument("--name", help="The fingerprint file's name, e.g. cumbria.")
    parser.add_argument("--title", help="Which proforma it is, in words.")
    parser.add_argument("--shared", type=Path, help="The shared folder (default: ../shared).")
    parser.add_argument(
        "--out", type=Path, default=FINGERPRINTS, help="Where to write (default: the reader's)."
    )
    args = parser.parse_args(argv)
    if args.template is None:
        shared = args.shared or evaluation.shared_folder()
        if not (shared / "seeds").is_dir():
            print(f"No seed reports at {shared}/seeds: pass --shared.", file=sys.stderr)
            return 1
        passages = north_yorkshire_passages(shared)
        name, title, made_by = NORTH_YORKSHIRE_NAME, NORTH_YORKSHIRE_TITLE, "the seed reports"
    else:
        if not (args.name and _NAME.fullmatch(args.name) and args.title):
            parser.error("a template needs --name (lower-case words and hyphens) and --title")
        passages = template_passages(args.template)
        if not passages:
            parser.error(f"{args.template} holds no wording")
        name, title, made_by = args.name, args.title, "a council's template"
    wording = StandardWording.of(passages)
    path = write(wording, name, title, f"bench/fingerprint_proforma.py from {made_by}", args.out)
    print(f"{path}: {len(wording.passages)} passages, {len(wording.shingles)} word sequences")
    return 0


if __name__ == "__main__":
    sys.exit(main())
