"""Score ``extract_report`` against the hand-labelled report corpus.

Usage::

    .venv/bin/python bench/evaluate_extraction.py [--part PART] [--verbose] [--json]
        [--shared PATH]
    .venv/bin/python bench/evaluate_extraction.py --cross-validate [--folds K]
        [--repeats R] [--verbose] [--json]

PART is ``development``, ``seeds``, ``held_out`` (all 20 held-out reports),
``held_out_read`` or ``held_out_unread`` (the two halves round 6 dealt the held-out part
into, ``split.json``). Without ``--part`` it scores the development part and the seeds.
A held-out part is scored only when asked for by name, so that measuring it is a
deliberate act. ``held_out_read`` may be read for error analysis (``--verbose``);
``held_out_unread``, and ``held_out`` which holds it, are measured once at the end of a
round, and ``--verbose`` (each report and miss) is refused for them: only aggregate
figures of the unread reports are ever printed (docs/extraction.md).

``--cross-validate`` estimates how the importer does on reports it has not seen without
touching the held-out part. By default it leaves one report out: each development report
is scored with a learned vocabulary (``bench/learn_extraction_vocabulary.py``) learned
from the other development reports and the seeds only. With ``--folds K`` the reports
are instead dealt into K folds (shuffled with a fixed seed, ``--repeats`` times), each
fold scored with a vocabulary learned from the other folds and the seeds. Either way the
folds are whole reports, so nothing learned from a report scores that report, and the
figures are reported as the mean, spread (standard deviation) and range over the folds,
and pooled over all of them.

The hand-written phrases of ``extraction/lexicon.py`` were written while reading the
development reports, so cross-validation flatters them. It is therefore run twice: with
the phrases as written, and with every phrase (top-level alternative of a pattern) that
only the fold's own reports use, among the development reports and the seeds, left out
while the fold is scored: a phrase nothing else uses could have been copied from that
report. The second estimate is the harder one and the one to judge changes by; even it
flatters the rules a little (a phrase two development reports share may still have been
written from them).

The reports themselves are other people's words and stay outside the repository, in the
shared folder beside it (``../shared``, or ``$LOCALOFFER_SHARED``): ``reports/`` (40 real
report openings) and ``seeds/`` (the four reports the project started from). The labels
in ``tests/extraction/labels/`` only point into them by line and column
(docs/extraction-labelling.md), and ``split.json`` there says which report belongs to the
development part and which to the held-out part. Each report is run through the real
command (``manage.py extract_report``, in-process, on a fresh in-memory database set up
by the migrations) and compared with its labels. Definitions (also in docs/extraction.md):

* A labelled passage is *found under* key K when at least 60% of its three-word sequences
  appear in the extracted text for K.
* A passage is *correctly placed* when it is found under its labelled key or one its label
  also accepts ("also"), or, for a passage labelled as answering nothing, when it is found
  under no key (or under an accepted one).
* Per key K: precision = passages found under K whose label accepts K / passages found
  under K; recall = passages labelled K that are correctly placed / passages labelled K.
  "Strict" figures ignore the "also" keys.
* Item level, per report: an item is predicted when the output has text for it and right
  when a passage whose label accepts it is found under it; it is labelled when a passage
  has it as its key. Precision over predicted items, recall over labelled items.
* SENCO: the name is right when it equals one the label accepts, ignoring case, full
  stops and extra spaces; email and phone likewise, over the reports that give them.
* Facets: the terms a report clearly says the school provides or has; precision and
  recall of the terms the output ticks.

Long because it is a command-line report with two modes (one part, cross-validation)
and their printing; nothing else imports it.
"""

# ruff: noqa: RUF001 -- typographic apostrophes are what documents contain

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import random
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "extraction" / "labels"
PARTS = ("development", "held_out", "held_out_read", "held_out_unread", "seeds")
# Scored when no part is named: the held-out parts only ever by name.
DEFAULT_PARTS = ("development", "seeds")
# Parts holding reports that are never read: aggregate figures only, never --verbose.
UNREAD_PARTS = ("held_out", "held_out_unread")
# Cross-validation: the figures reported per fold, and the fixed seed of the shuffles.
CV_FIGURES = (
    "item_precision",
    "item_recall",
    "passage_precision",
    "passage_recall",
    "none_left_unplaced",
    "senco_found",
    "senco_named",
    "needs_precision",
    "needs_recall",
    "services_precision",
    "services_recall",
)
CV_SEED = 17
# The two cross-validation estimates: the lexicon as written, and without the phrases
# only the scored fold's reports use (see the module docstring).
CV_RULES = {"phrases as written": False, "phrases only the fold uses left out": True}
FACETS = ("needs", "accessibility", "services")
FOUND_SHARE = 0.6
_WORD = re.compile(r"[a-z0-9]+")
_BULLET = re.compile(r"^\s*(?:[•·▪■◦○●➢➤►✓✔❖◆◇\uf0b7\uf0a7\uf0d8]|[-*–](?=\s))\s*")


def shared_folder() -> Path:
    """Where the shared corpus is: ``$LOCALOFFER_SHARED`` or ``../shared`` beside the repo."""
    configured = os.environ.get("LOCALOFFER_SHARED")
    return Path(configured) if configured else ROOT.parent / "shared"


# -- labels ----------------------------------------------------------------------


class LabelError(ValueError):
    """A label file that does not fit its document or the label format."""


def span_text(lines: list[str], spec: str, *, allow_empty: bool = False) -> str:
    """The document text a span spec points at, whitespace and bullets tidied.

    A spec is ``N`` (line N, counted from 1), ``N-M`` (lines N to M), or
    ``N:A-M:B`` (from column A of line N to column B of line M, columns counted from 0,
    B excluded; ``N:A-M`` runs to the end of line M). Parts joined with ``+`` are read
    one after the other, joined by a space.
    """
    return " ".join(_one_span(lines, part.strip(), allow_empty) for part in spec.split("+"))


def _one_span(lines: list[str], spec: str, allow_empty: bool = False) -> str:
    match = re.fullmatch(r"(\d+)(?::(\d+))?(?:-(\d+)(?::(\d+))?)?", spec)
    if not match:
        raise LabelError(f"bad span {spec!r}")
    first, start, last, end = match.groups()
    first_line = int(first)
    last_line = int(last) if last else first_line
    if not 1 <= first_line <= last_line <= len(lines):
        raise LabelError(f"span {spec!r} is outside the document's {len(lines)} lines")
    chosen = list(lines[first_line - 1 : last_line])
    if end is not None:
        chosen[-1] = chosen[-1][: int(end)]
    if start is not None:
        chosen[0] = chosen[0][int(start) :]
    text = " ".join(_BULLET.sub("", line) for line in chosen)
    text = " ".join(text.split())
    if not text and not allow_empty:
        raise LabelError(f"span {spec!r} holds no text")
    return text


@dataclass
class Passage:
    spec: str
    text: str
    key: str | None
    also: tuple[str | None, ...] = ()

    @property
    def accepted(self) -> set[str | None]:
        return {self.key, *self.also}


@dataclass
class LabelledReport:
    """One report's labels, with the text they point at (read from the shared folder)."""

    name: str
    part: str
    path: Path
    layout: str
    senco_names: list[str]
    senco_email: str | None
    senco_phone: str | None
    facets: dict[str, set[str]]
    passages: list[Passage] = field(default_factory=list)


def label_files(part: str) -> list[Path]:
    """The label files of one part, from ``split.json`` (seeds: every seed label)."""
    if part == "seeds":
        return sorted((LABELS / "seeds").glob("*.json"))
    split = json.loads((LABELS / "split.json").read_text(encoding="utf-8"))
    return [LABELS / "reports" / Path(name).with_suffix(".json") for name in split[part]]


def load_report(label_file: Path, part: str, shared: Path) -> LabelledReport:
    """Read one label file and check it against its document."""
    label = json.loads(label_file.read_text(encoding="utf-8"))
    path = shared / label["document"]
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != label["sha256"]:
        raise LabelError(f"{label['document']} has changed since it was labelled")
    lines = data.decode("utf-8").split("\n")
    senco = label.get("senco") or {}

    def optional(spec: str | None) -> str | None:
        return span_text(lines, spec) if spec else None

    report = LabelledReport(
        name=label_file.stem,
        part=part,
        path=path,
        layout=label.get("layout", ""),
        senco_names=[span_text(lines, spec) for spec in senco.get("names", [])],
        senco_email=optional(senco.get("email")),
        senco_phone=optional(senco.get("phone")),
        facets={name: set(label.get(name, {})) for name in FACETS},
    )
    for entry in label["passages"]:
        if entry.get("heading") or entry.get("ignore"):
            span_text(lines, entry["at"], allow_empty=True)  # still inside the document
            continue
        text = span_text(lines, entry["at"])
        report.passages.append(
            Passage(entry["at"], text, entry.get("key"), tuple(entry.get("also", ())))
        )
    return report


def load_part(part: str, shared: Path) -> list[LabelledReport]:
    return [load_report(path, part, shared) for path in label_files(part)]


# -- matching -------------------------------------------------------------------


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


def same_value(a: str | None, b: str | None) -> bool:
    """Names, emails and phones compared ignoring case, full stops and spacing."""

    def norm(value: str | None) -> str:
        return " ".join((value or "").replace(".", " ").lower().split())

    return bool(norm(a)) and norm(a) == norm(b)


def same_phone(a: str | None, b: str | None) -> bool:
    return bool(a) and re.sub(r"\D", "", a or "") == re.sub(r"\D", "", b or "")


# -- scoring ----------------------------------------------------------------------


@dataclass
class Scores:
    """Counts for one part, turned into figures by ``summary``."""

    per_key: dict = field(default_factory=lambda: defaultdict(Counter))
    confusion: Counter = field(default_factory=Counter)
    passages: Counter = field(default_factory=Counter)
    items: Counter = field(default_factory=Counter)
    senco: Counter = field(default_factory=Counter)
    facets: dict = field(default_factory=lambda: defaultdict(Counter))
    seconds: list[float] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def add(self, report: LabelledReport, output: dict, seconds: float) -> None:
        items = output["items"]
        cache: dict[str, set] = {}
        labelled_items: set[str] = set()
        confirmed: set[str] = set()
        ok = total = 0
        for passage in report.passages:
            found = found_under(passage.text, items, cache)
            accepted = passage.accepted
            for key in found:
                self.per_key[key]["predicted"] += 1
                self.per_key[key]["tp"] += key in accepted
                self.per_key[key]["strict_tp"] += key == passage.key
                if key in accepted:
                    confirmed.add(key)
            correct = bool(found & accepted) or (not found and None in accepted)
            # Every way a passage went wrong: "(none)" is a passage answering nothing.
            for place in found or {None}:
                if place not in accepted:
                    self.confusion[(passage.key or "(none)", place or "(unplaced)")] += 1
            if passage.key is None:
                self.passages["null"] += 1
                self.passages["null_right"] += correct
            else:
                labelled_items.add(passage.key)
                self.per_key[passage.key]["gold"] += 1
                self.per_key[passage.key]["recalled"] += correct
                self.per_key[passage.key]["strict_recalled"] += passage.key in found
                total += 1
                ok += correct
            if not correct:
                where = ", ".join(sorted(found)) or "unplaced"
                self.misses.append(
                    f"  [{report.name} {passage.spec}] {passage.key or 'none'} -> {where}: "
                    f"{passage.text[:80]!r}"
                )
        self.passages["labelled"] += total
        self.passages["right"] += ok
        predicted = set(items)
        for key in sorted(predicted - confirmed):
            self.misses.append(f"  [{report.name}] item {key} given, no passage labelled so")
        for key in sorted(labelled_items - confirmed):
            self.misses.append(f"  [{report.name}] item {key} labelled, not found")
        self.items["predicted"] += len(predicted)
        self.items["right"] += len(predicted & confirmed)
        self.items["labelled"] += len(labelled_items)
        self.items["recalled"] += len(labelled_items & confirmed)
        got = output.get("senco") or {}
        if report.senco_names:
            self.senco["named"] += 1
            self.senco["name_right"] += any(
                same_value(name, got.get("name")) for name in report.senco_names
            )
        elif got.get("name"):
            self.senco["invented"] += 1
        if report.senco_email:
            self.senco["emails"] += 1
            self.senco["email_right"] += same_value(report.senco_email, got.get("email"))
        if report.senco_phone:
            self.senco["phones"] += 1
            self.senco["phone_right"] += same_phone(report.senco_phone, got.get("phone"))
        for name in FACETS:
            gold, ticked = report.facets[name], set(output.get(name, []))
            self.facets[name]["gold"] += len(gold)
            self.facets[name]["ticked"] += len(ticked)
            self.facets[name]["right"] += len(gold & ticked)
            for wrong in sorted(ticked - gold):
                self.misses.append(f"  [{report.name}] ticked {name} {wrong!r} not labelled")
            for missed in sorted(gold - ticked):
                self.misses.append(f"  [{report.name}] missed {name} {missed!r}")
        self.seconds.append(seconds)
        self.lines.append(
            f"{report.name}: passages {ok}/{total} right; items "
            f"{len(predicted & confirmed)}/{len(predicted)} predicted right, "
            f"{len(labelled_items & confirmed)}/{len(labelled_items)} labelled found; "
            f"SENCO {got.get('name')!r}; {seconds:.2f} s"
        )

    def summary(self) -> dict[str, float | int | None]:
        """The headline figures (None where there is nothing to divide by)."""

        def ratio(a: int, b: int) -> float | None:
            return round(a / b, 3) if b else None

        tp = sum(row["tp"] for row in self.per_key.values())
        strict = sum(row["strict_tp"] for row in self.per_key.values())
        predicted = sum(row["predicted"] for row in self.per_key.values())
        figures: dict[str, float | int | None] = {
            "reports": len(self.seconds),
            "passage_precision": ratio(tp, predicted),
            "passage_precision_strict": ratio(strict, predicted),
            "passage_recall": ratio(self.passages["right"], self.passages["labelled"]),
            "labelled_passages": self.passages["labelled"],
            "none_left_unplaced": ratio(self.passages["null_right"], self.passages["null"]),
            "item_precision": ratio(self.items["right"], self.items["predicted"]),
            "item_recall": ratio(self.items["recalled"], self.items["labelled"]),
            "senco_named": self.senco["named"],
            "senco_found": self.senco["name_right"],
            "senco_invented": self.senco["invented"],
            "senco_email": ratio(self.senco["email_right"], self.senco["emails"]),
            "senco_phone": ratio(self.senco["phone_right"], self.senco["phones"]),
            "slowest_seconds": round(max(self.seconds, default=0.0), 3),
        }
        for name in FACETS:
            row = self.facets[name]
            figures[f"{name}_precision"] = ratio(row["right"], row["ticked"])
            figures[f"{name}_recall"] = ratio(row["right"], row["gold"])
        return figures


def run_extract(path: Path) -> tuple[dict, float]:
    from django.core.management import call_command

    out = io.StringIO()
    started = time.perf_counter()
    call_command("extract_report", str(path), stdout=out)
    return json.loads(out.getvalue()), time.perf_counter() - started


def setup_django() -> None:
    """Django on the test settings with a migrated in-memory database (seed vocabularies)."""
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "localoffer.settings.test"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def score_part(part: str, shared: Path) -> Scores:
    """Run the extractor over one part's reports and count against the labels."""
    scores = Scores()
    for report in load_part(part, shared):
        output, seconds = run_extract(report.path)
        scores.add(report, output, seconds)
    return scores


def _fmt(value: float | int | None) -> str:
    return "  - " if value is None else f"{value:.2f}" if isinstance(value, float) else str(value)


def print_part(part: str, scores: Scores, verbose: bool) -> None:
    from schools.checklist import STATUTORY_KEYS

    figures = scores.summary()
    print(f"\n## {part} ({figures['reports']} reports)\n")
    if verbose:
        print("\n".join(scores.lines))
        print()
    print(f"{'item':26} {'labelled':>8} {'found':>6} {'prec':>5} {'recall':>6} {'strict P/R':>10}")
    for key in STATUTORY_KEYS:
        row = scores.per_key[key]
        if not row["gold"] and not row["predicted"]:
            continue
        precision = row["tp"] / row["predicted"] if row["predicted"] else None
        recall = row["recalled"] / row["gold"] if row["gold"] else None
        strict_p = row["strict_tp"] / row["predicted"] if row["predicted"] else None
        strict_r = row["strict_recalled"] / row["gold"] if row["gold"] else None
        print(
            f"{key:26} {row['gold']:8d} {row['predicted']:6d} {_fmt(precision):>5} "
            f"{_fmt(recall):>6} {_fmt(strict_p):>5}/{_fmt(strict_r)}"
        )
    confusions = [(count, label, found) for (label, found), count in scores.confusion.items()]
    if confusions:
        print("\nConfusion (labelled -> found under; passages not placed as labelled):")
        for count, label, found in sorted(confusions, reverse=True):
            print(f"  {count:3d}  {label} -> {found}")
    print()
    print(
        f"Passages: precision {_fmt(figures['passage_precision'])} "
        f"(strict {_fmt(figures['passage_precision_strict'])}), recall "
        f"{_fmt(figures['passage_recall'])} over {figures['labelled_passages']} labelled; "
        f"non-answers left out {_fmt(figures['none_left_unplaced'])}"
    )
    print(
        f"Items:    precision {_fmt(figures['item_precision'])}, "
        f"recall {_fmt(figures['item_recall'])}"
    )
    print(
        f"SENCO:    name found in {figures['senco_found']} of {figures['senco_named']} reports "
        f"that name one ({figures['senco_invented']} names given where none is labelled); "
        f"email {_fmt(figures['senco_email'])}, phone {_fmt(figures['senco_phone'])}"
    )
    for name in FACETS:
        print(
            f"Facets {name:14} precision {_fmt(figures[f'{name}_precision'])}, "
            f"recall {_fmt(figures[f'{name}_recall'])}"
        )
    print(f"Slowest report: {figures['slowest_seconds']:.2f} s")
    if verbose and scores.misses:
        print("\nMisplaced passages and facets:")
        print("\n".join(scores.misses))


def iter_parts(chosen: str | None) -> Iterator[str]:
    yield from [chosen] if chosen else DEFAULT_PARTS


# -- cross-validation --------------------------------------------------------------


@dataclass
class CrossValidation:
    """The figures of every fold, and the counts pooled over each repeat's folds."""

    folds: list[dict] = field(default_factory=list)
    pooled: list[Scores] = field(default_factory=list)

    def summary(self) -> dict[str, dict[str, float | int | None]]:
        """Per figure: mean, standard deviation, lowest and highest over the folds, and
        the figure pooled over all folds (mean over repeats)."""
        result: dict[str, dict[str, float | int | None]] = {}
        pooled = [scores.summary() for scores in self.pooled]
        for name in CV_FIGURES:
            values = [fold[name] for fold in self.folds if fold[name] is not None]
            pooled_values = [figures[name] for figures in pooled if figures[name] is not None]
            result[name] = {
                "mean": round(statistics.fmean(values), 3) if values else None,
                "sd": round(statistics.pstdev(values), 3) if len(values) > 1 else None,
                "min": min(values, default=None),
                "max": max(values, default=None),
                "pooled": round(statistics.fmean(pooled_values), 3) if pooled_values else None,
            }
        return result


def folds_of(reports: list[LabelledReport], folds: int, repeat: int) -> list[list]:
    """The reports dealt into ``folds`` folds after a shuffle fixed by ``repeat``
    (one report a fold when ``folds`` is the number of reports: leave one out)."""
    order = sorted(reports, key=lambda report: report.name)
    if folds == len(order):
        return [[report] for report in order]
    random.Random(CV_SEED + repeat).shuffle(order)
    return [order[number::folds] for number in range(folds)]


def phrase_users(reports: list[LabelledReport]) -> dict[str, set[str]]:
    """For each phrase of the lexicon, the reports with a line (block) it matches."""
    from extraction.lexicon import every_alternative
    from extraction.readers import read_path

    lines = {
        report.name: [block.text for block in read_path(report.path).blocks] for report in reports
    }
    users: dict[str, set[str]] = {}
    for phrase in every_alternative():
        pattern = re.compile(phrase, re.IGNORECASE)
        users[phrase] = {
            name for name, texts in lines.items() if any(pattern.search(text) for text in texts)
        }
    return users


def cross_validate(
    shared: Path, folds: int | None = None, repeats: int = 1, *, leave_rules_out: bool = False
) -> CrossValidation:
    """Cross-validation on the development part, grouped by report (module docstring).

    ``folds=None`` leaves one report out (one repeat: there is nothing to shuffle). Each
    fold's reports are scored with a learned vocabulary learned from the other folds and
    the seeds, never from the fold itself nor from the held-out part; with
    ``leave_rules_out``, also without the lexicon's phrases that only the fold's reports
    use.
    """
    import learn_extraction_vocabulary as learner

    from extraction.extractor import extract_file
    from extraction.lexicon import Lexicon
    from extraction.similarity import LearnedVocabulary

    development = load_part("development", shared)
    seeds = load_part("seeds", shared)
    users = phrase_users(development + seeds) if leave_rules_out else {}
    if folds is None:
        folds, repeats = len(development), 1
    if not 2 <= folds <= len(development):
        raise ValueError(f"--folds must be between 2 and {len(development)}")
    result = CrossValidation()
    for repeat in range(repeats):
        pool = Scores()
        for test in folds_of(development, folds, repeat):
            held_back = {report.name for report in test}
            training = [report for report in development if report.name not in held_back]
            training += seeds
            vocabulary = LearnedVocabulary(learner.learned(training))
            only_theirs = frozenset(
                phrase for phrase, names in users.items() if names and names <= held_back
            )
            lexicon = Lexicon.without(only_theirs)
            fold = Scores()
            for report in test:
                started = time.perf_counter()
                output = extract_file(report.path, learned=vocabulary, lexicon=lexicon)
                output = output.as_contract()
                seconds = time.perf_counter() - started
                fold.add(report, output, seconds)
                pool.add(report, output, seconds)
            result.folds.append(fold.summary())
        result.pooled.append(pool)
    return result


def print_cross_validation(
    result: CrossValidation, folds: int | None, verbose: bool, rules: str
) -> None:
    summary = result.summary()
    kind = "leave-one-report-out" if folds is None else f"{folds}-fold"
    print(
        f"\n## development, {kind} cross-validation, {len(result.pooled)} repeats "
        f"({len(result.folds)} folds), {rules}\n"
    )
    print(f"{'figure':20} {'mean':>5} {'sd':>5} {'min':>5} {'max':>5} {'pooled':>6}")
    for name, row in summary.items():
        if name.startswith("senco"):
            continue
        print(
            f"{name:20} {_fmt(row['mean']):>5} {_fmt(row['sd']):>5} {_fmt(row['min']):>5} "
            f"{_fmt(row['max']):>5} {_fmt(row['pooled']):>6}"
        )
    first = result.pooled[0].summary()
    print(
        f"SENCO name found in {first['senco_found']} of {first['senco_named']} reports that "
        f"name one ({first['senco_invented']} invented)"
    )
    if verbose:
        print_part("development, first repeat pooled", result.pooled[0], verbose=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--part",
        choices=PARTS,
        help="Score one part only (default: development and seeds; the held-out parts only "
        "by name).",
    )
    parser.add_argument(
        "--cross-validate",
        action="store_true",
        help="Cross-validation on the development part, grouped by report (learned "
        "vocabulary per fold): leave one report out unless --folds is given.",
    )
    parser.add_argument(
        "--folds", type=int, help="K folds of whole reports (default: leave one report out)."
    )
    parser.add_argument(
        "--repeats", type=int, default=1, help="Shuffles, with --folds (default 1)."
    )
    parser.add_argument("--verbose", action="store_true", help="List each report and miss.")
    parser.add_argument("--shared", type=Path, help="The shared folder (default: ../shared).")
    parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
    args = parser.parse_args()
    if args.verbose and args.part in UNREAD_PARTS:
        print(
            f"--verbose is refused for {args.part}: it holds reports that are never read, "
            "so only its aggregate figures are printed (use held_out_read to look at errors).",
            file=sys.stderr,
        )
        return 2
    shared = args.shared or shared_folder()
    if not (shared / "reports").is_dir():
        print(
            f"The report corpus is not at {shared}/reports: pass --shared or set "
            "LOCALOFFER_SHARED.",
            file=sys.stderr,
        )
        return 1
    setup_django()
    if args.cross_validate:
        validations = {
            rules: cross_validate(shared, args.folds, args.repeats, leave_rules_out=leave_out)
            for rules, leave_out in CV_RULES.items()
        }
        if args.json:
            print(json.dumps({rules: v.summary() for rules, v in validations.items()}, indent=2))
            return 0
        for rules, validation in validations.items():
            print_cross_validation(validation, args.folds, args.verbose, rules)
        return 0
    results = {part: score_part(part, shared) for part in iter_parts(args.part)}
    if args.json:
        print(json.dumps({part: scores.summary() for part, scores in results.items()}, indent=2))
        return 0
    for part, scores in results.items():
        print_part(part, scores, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
