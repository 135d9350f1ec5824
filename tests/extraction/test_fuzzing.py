"""Issue 12, item 2: fuzzing the document importer with generated hostile files.

Every file is refused (or read) within the worker's limits, with its time and peak
memory measured, while the site keeps answering parents' requests. Marked ``slow``
(about a minute): ``make test PYTEST_ARGS='-m "not slow"'`` skips it while developing.
"""

from __future__ import annotations

import io
import random
import threading
import time
import zipfile
from pathlib import Path

import pytest
from django.db import connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extraction.worker import WorkerLimits, run_worker
from schools.models import SchoolPage

from . import hostile
from .conftest import report_docx, report_html, report_pdf

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

# What issue 12 allows any file on the 2-core machine, whatever it holds.
MAX_SECONDS = 30
MAX_MEMORY = 800 * 1000 * 1000


def _resident_memory() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def _refuse_every_hostile_file(costs: dict[str, object]) -> None:
    """Run each hostile file through the worker, as the admin's import does."""
    try:
        for name, build in hostile.HOSTILE_FILES.items():
            costs[name] = run_worker(build(), name)
    finally:
        connections.close_all()


def test_every_hostile_file_is_refused_within_its_limits_while_the_site_answers(
    client, school: SchoolPage
):
    limits = WorkerLimits.from_settings()
    assert limits.seconds <= MAX_SECONDS and limits.memory <= MAX_MEMORY
    parent_before = _resident_memory()
    costs: dict[str, object] = {}
    attacker = threading.Thread(target=_refuse_every_hostile_file, args=(costs,))

    # While the files are refused one after another, a parent keeps reading a school's
    # page from the same web process.
    attacker.start()
    answers: list[tuple[int, float]] = []
    while attacker.is_alive():
        started = time.monotonic()
        status = client.get(school.url).status_code
        answers.append((status, time.monotonic() - started))
        attacker.join(timeout=0.2)

    print("\nhostile file costs (seconds, peak MB):")
    for name, run in costs.items():
        result, cost = run
        peak = f"{cost.peak_memory / 1_048_576:.0f}" if cost.peak_memory else "killed"
        print(f"  {name:28} {cost.seconds:5.1f} s  {peak:>6}  {cost.message[:60]}")
    assert set(costs) == set(hostile.HOSTILE_FILES)
    for name, (result, cost) in costs.items():
        assert result is None, f"{name} was read"
        assert cost.message and "Traceback" not in cost.message, name
        assert cost.seconds < MAX_SECONDS, (name, cost.seconds)
        # Killed at the time limit, the worker had the memory limit as its ceiling.
        peak = cost.peak_memory if cost.peak_memory is not None else limits.memory
        assert peak <= MAX_MEMORY, (name, peak)
    # The web process itself never parsed a file: its memory barely moved.
    assert _resident_memory() - parent_before < 150 * 1024 * 1024
    assert len(answers) >= 5
    assert all(status == 200 for status, _ in answers), answers
    assert max(seconds for _, seconds in answers) < 5, answers


def _mutate(data: bytes, rng: random.Random, flips: int) -> bytes:
    buffer = bytearray(data)
    for _ in range(flips):
        buffer[rng.randrange(len(buffer))] = rng.randrange(256)
    return bytes(buffer)


def _nested_docx(depth: int, rng: random.Random) -> bytes:
    with zipfile.ZipFile(io.BytesIO(report_docx())) as package:
        xml = package.read("word/document.xml")
    wrapper = rng.choice([b"<w:tbl><w:tr><w:tc>", b"<w:sdt><w:sdtContent>"])
    closing = b"</w:tc></w:tr></w:tbl>" if wrapper.startswith(b"<w:tbl") else b""
    closing = closing or b"</w:sdtContent></w:sdt>"
    body = wrapper * depth + b"<w:p/>" + closing * depth
    return hostile.docx_package(xml.split(b"<w:body>")[1].split(b"</w:body>")[0] + body)


SEEDS = {
    "docx": report_docx,
    "pdf": report_pdf,
    "html": report_html,
}


@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    kind=st.sampled_from(["docx", "pdf", "html", "nested-docx", "nested-html", "truncated"]),
    size=st.integers(min_value=1, max_value=5_000),
    seed=st.integers(min_value=0, max_value=2**16),
)
def test_generated_damaged_and_nested_files_never_escape_the_worker(kind, size, seed):
    rng = random.Random(seed)
    if kind == "nested-docx":
        data, name = _nested_docx(size, rng), "report.docx"
    elif kind == "nested-html":
        data, name = hostile.html_deep_nesting(size), "report.html"
    elif kind == "truncated":
        whole = SEEDS[rng.choice(list(SEEDS))]()
        data, name = whole[: max(1, len(whole) * size // 5_000)], "report.bin"
    else:
        data, name = _mutate(SEEDS[kind](), rng, 1 + size // 100), f"report.{kind}"

    result, run = run_worker(data, name)

    assert run.seconds < MAX_SECONDS
    assert run.peak_memory is None or run.peak_memory <= MAX_MEMORY
    if result is None:
        assert run.message and "Traceback" not in run.message
