"""Read an uploaded report document in a separate, bounded process.

Parsing a file someone uploaded is the riskiest thing the site does: a 44 KB Word file
can inflate to gigabytes, a PDF can loop, a parser can crash. So the web process never
parses one itself. ``extract_in_worker`` starts ``python -m extraction.worker``, which
limits its own memory and CPU time before it reads a byte of the file, reads and
extracts it, and answers with JSON; the parent kills it at the time limit. A bad file
then costs seconds and a clear message, never a web worker, a 500 or the server's memory.

The child gets the council's vocabulary and questions from the parent (it has no
database), and sends back only JSON: whatever the file does to the child, the parent
reads nothing from it but data.
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import resource
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .contacts import SencoContact
from .extractor import ExtractionResult
from .readers import UnreadableDocument

logger = logging.getLogger(__name__)

# Wall-clock seconds and bytes of address space one extraction may use (settings
# EXTRACTION_TIME_LIMIT and EXTRACTION_MEMORY_LIMIT). A real report takes one to three
# seconds and under 200 MB; these leave room for a slow machine and a large report,
# and keep the worst file within 30 seconds and 800 MB.
DEFAULT_TIME_LIMIT = 20.0
DEFAULT_MEMORY_LIMIT = 700 * 1024 * 1024
_PROJECT_DIR = Path(__file__).resolve().parent.parent

_TOO_SLOW = (
    "Reading this document took longer than the {seconds:.0f} seconds we allow, so we "
    "stopped. Reports usually take a second or two: save it again as a Word .docx or a "
    "PDF without pictures (or as plain text) and upload that."
)
_TOO_BIG = (
    "Reading this document needed more memory than we allow, so we stopped. Save it "
    "again as a Word .docx or a PDF without pictures (or as plain text) and upload that."
)
_FAILED = (
    "We could not read this document: it may be damaged, or made in a way we do not "
    "understand. Open it, save it again as a Word .docx or PDF and upload the new copy."
)
_NESTED = (
    "The document's contents are nested far more deeply than a report's, so we could "
    "not read it. Save it again as a Word .docx or PDF and upload the new copy."
)


@dataclass(frozen=True)
class WorkerLimits:
    """The time (seconds) and memory (bytes) one extraction may use."""

    seconds: float
    memory: int

    @classmethod
    def from_settings(cls) -> WorkerLimits:
        from django.conf import settings

        return cls(
            seconds=float(getattr(settings, "EXTRACTION_TIME_LIMIT", DEFAULT_TIME_LIMIT)),
            memory=int(getattr(settings, "EXTRACTION_MEMORY_LIMIT", DEFAULT_MEMORY_LIMIT)),
        )


@dataclass(frozen=True)
class WorkerRun:
    """What one run of the worker cost (logged; the fuzzing test checks it)."""

    seconds: float
    # The child's peak resident memory in bytes, or None when it was killed first.
    peak_memory: int | None
    message: str = ""


# The parent: the web request or the management command -------------------------------


def extract_in_worker(
    data: bytes, filename: str = "", limits: WorkerLimits | None = None
) -> ExtractionResult:
    """Extract a report from its bytes in a bounded worker process.

    Raises ``UnreadableDocument`` (with the editor's message) for a file that cannot be
    read, including one that runs out of the time or memory allowed.
    """
    result, run = run_worker(data, filename, limits)
    if result is None:
        raise UnreadableDocument(run.message)
    return result


def run_worker(
    data: bytes, filename: str = "", limits: WorkerLimits | None = None
) -> tuple[ExtractionResult | None, WorkerRun]:
    """Run the worker on ``data``: the result (None if refused) and what the run cost."""
    from django.conf import settings

    from .extractor import council_questions
    from .facets import load_vocabulary
    from .readers import max_file_size

    limits = limits or WorkerLimits.from_settings()
    job = {
        "data": data,
        "filename": filename,
        "vocabulary": load_vocabulary(),
        "questions": council_questions(),
        "max_file_size": max_file_size(),
        "memory": limits.memory,
        "seconds": limits.seconds,
    }
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "extraction.worker"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=_PROJECT_DIR,
        env=_child_environment(),
        # Its own session: killing it cannot touch the web server's process group.
        start_new_session=True,
    )
    try:
        output, errors = process.communicate(pickle.dumps(job), timeout=limits.seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        run = WorkerRun(time.monotonic() - started, None, _TOO_SLOW.format(seconds=limits.seconds))
        logger.warning("Extraction of %r stopped at the time limit", filename)
        return None, run
    elapsed = time.monotonic() - started
    try:
        answer = json.loads(output)
        if not isinstance(answer, dict):
            raise ValueError("not an object")
    except ValueError:
        # Killed by a signal (CPU limit, a crash in a parser) or out of memory in C code.
        logger.warning(
            "Extraction worker for %r ended with status %s: %s",
            filename,
            process.returncode,
            errors[-2000:].decode("utf-8", "replace"),
        )
        if process.returncode == -signal.SIGXCPU:
            message = _TOO_SLOW.format(seconds=limits.seconds)
        elif b"MemoryError" in errors or process.returncode == -signal.SIGKILL:
            message = _TOO_BIG
        else:
            message = _FAILED
        return None, WorkerRun(elapsed, None, message)
    peak = answer.get("peak_memory")
    if not answer.get("ok"):
        return None, WorkerRun(elapsed, peak, str(answer.get("message") or _FAILED))
    if settings.DEBUG or elapsed > limits.seconds / 2:
        logger.info("Extracted %r in %.1f s, peak %s bytes", filename, elapsed, peak)
    return _result_from_json(answer["result"]), WorkerRun(elapsed, peak)


def _child_environment() -> dict[str, str]:
    # The child needs no secrets: only what Python needs to start and find the project.
    keep = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR", "VIRTUAL_ENV")
    environment = {name: os.environ[name] for name in keep if name in os.environ}
    environment["PYTHONPATH"] = str(_PROJECT_DIR)
    environment["PYTHONDONTWRITEBYTECODE"] = "1"
    return environment


def _result_to_json(result: ExtractionResult) -> dict[str, Any]:
    contract = result.as_contract()
    contract["file_type"] = result.file_type
    return contract


def _result_from_json(data: dict[str, Any]) -> ExtractionResult:
    senco = data.get("senco")

    def strings(key: str) -> list[str]:
        return [str(value) for value in data.get(key) or []]

    return ExtractionResult(
        items={str(key): str(value) for key, value in (data.get("items") or {}).items()},
        senco=SencoContact(
            name=senco.get("name") or "",
            email=senco.get("email") or "",
            phone=senco.get("phone") or "",
        )
        if isinstance(senco, dict)
        else None,
        needs=strings("needs"),
        accessibility=strings("accessibility"),
        services=strings("services"),
        unplaced=strings("unplaced"),
        file_type=str(data.get("file_type") or ""),
    )


# The child: ``python -m extraction.worker`` ----------------------------------------------


def _limit_self(memory: int, seconds: float) -> None:
    """Bound this process before it touches the file: memory, CPU time, no files, no core."""
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = max(1, int(seconds))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _peak_memory() -> int:
    """This process's peak resident memory in bytes, since it started this program.

    Linux's VmHWM is the peak of this program alone; ``ru_maxrss`` would include the
    parent's memory at the fork.
    """
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _child_main() -> int:
    job = pickle.loads(sys.stdin.buffer.read())
    _limit_self(job["memory"], job["seconds"])
    from django.conf import settings

    settings.configure(EXTRACTION_MAX_FILE_SIZE=job["max_file_size"])
    from .extractor import extract_bytes

    try:
        result = extract_bytes(job["data"], job["filename"], job["vocabulary"], job["questions"])
        answer: dict[str, Any] = {"ok": True, "result": _result_to_json(result)}
    except UnreadableDocument as error:
        answer = {"ok": False, "message": str(error)}
    except MemoryError:
        answer = {"ok": False, "message": _TOO_BIG}
    except RecursionError:
        answer = {"ok": False, "message": _NESTED}
    except Exception as error:  # a parser's own failure on a file it could not handle
        print(f"{type(error).__name__}: {error}"[:2000], file=sys.stderr)
        answer = {"ok": False, "message": _FAILED}
    answer["peak_memory"] = _peak_memory()
    sys.stdout.write(json.dumps(answer))
    return 0


if __name__ == "__main__":
    sys.exit(_child_main())
