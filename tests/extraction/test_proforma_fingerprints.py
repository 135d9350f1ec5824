"""The council proforma's wording is shipped only as fingerprints, and they decide exactly
as the wording itself would."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from extraction.guidance import (
    FINGERPRINTS,
    SHINGLE,
    FingerprintError,
    StandardWording,
    fingerprint,
    tokens,
)

from .corpus import bench, shared_folder


@pytest.fixture(scope="module")
def shared() -> Path:
    return shared_folder()


def test_shipped_fingerprints_are_what_the_seed_reports_give(shared: Path, tmp_path: Path) -> None:
    script = bench("fingerprint_proforma")

    assert script.main(["--shared", str(shared), "--out", str(tmp_path)]) == 0
    made = tmp_path / f"{script.NORTH_YORKSHIRE_NAME}.json"
    shipped = FINGERPRINTS / made.name
    assert made.read_text(encoding="utf-8") == shipped.read_text(encoding="utf-8"), (
        "run bench/fingerprint_proforma.py again"
    )


def test_the_repository_holds_fingerprints_not_words() -> None:
    files = list(FINGERPRINTS.glob("*.json"))

    assert files
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = [*data["passages"], *data["shingles"]]
        assert entries
        assert all(re.fullmatch(r"[0-9a-f]{16}", entry) for entry in entries), path


def test_no_fingerprint_collides_on_real_report_text(shared: Path) -> None:
    # Every word sequence and line of every real report is judged by its fingerprint
    # exactly as it would be by the proforma's words themselves: no false match.
    script = bench("fingerprint_proforma")
    passages = script.north_yorkshire_passages(shared)
    words_of = [tokens(passage) for passage in passages]
    plain_passages = {" ".join(words) for words in words_of}
    plain_shingles = {
        " ".join(words[i : i + SHINGLE])
        for words in words_of
        for i in range(len(words) - SHINGLE + 1)
    }
    shipped = StandardWording.load()
    documents = [*(shared / "seeds").glob("*.txt"), *(shared / "reports").glob("*.txt")]
    checked = 0
    for document in documents:
        text = document.read_text(encoding="utf-8")
        lines = [tokens(line) for line in text.splitlines()]
        words = tokens(text)
        for sequence in (words[i : i + SHINGLE] for i in range(len(words) - SHINGLE + 1)):
            found = fingerprint(sequence) in shipped.shingles
            assert found == (" ".join(sequence) in plain_shingles), (document.name, sequence)
            checked += 1
        for line in filter(None, lines):
            found = fingerprint(line) in shipped.passages
            assert found == (" ".join(line) in plain_passages), (document.name, line)

    assert len(documents) >= 44
    assert checked > 30_000


def test_a_council_adds_its_proforma_by_fingerprinting_its_template(tmp_path: Path) -> None:
    template = tmp_path / "template.txt"
    template.write_text(
        "# The Borsetshire SEND report template, saved as text\n"
        "Borsetshire expects every school to set out how it keeps in touch with families\n"
        "\n"
        "Tell parents who to ring, how often the school will report progress to them and "
        "how they can take part in planning support.\n",
        encoding="utf-8",
    )
    folder = tmp_path / "proforma"
    script = bench("fingerprint_proforma")

    assert (
        script.main([str(template), "--name", "borsetshire", "--title", "T", "--out", str(folder)])
        == 0
    )

    wording = StandardWording.load(folder)
    assert wording.matches(
        "Tell parents who to ring, how often the school will report progress to them and how "
        "they can take part in planning support."
    )
    assert wording.matches(
        "Borsetshire expects every school to set out how it keeps in touch with families"
    )
    assert not wording.matches(
        "We ring parents every Friday and they help plan their child's support at termly meetings."
    )
    stored = set(tokens((folder / "borsetshire.json").read_text(encoding="utf-8")))
    assert not {"borsetshire", "parents", "progress"} & stored


def test_a_fingerprint_file_made_another_way_is_refused(tmp_path: Path) -> None:
    shipped = json.loads((FINGERPRINTS / "north-yorkshire.json").read_text(encoding="utf-8"))
    (tmp_path / "old.json").write_text(json.dumps({**shipped, "hash": "md5"}), encoding="utf-8")

    with pytest.raises(FingerprintError, match="run the script again"):
        StandardWording.load(tmp_path)
