"""Load the council's schools from the DfE register "Get Information about Schools" (GIAS).

GIAS publishes every establishment in England as one CSV file ("all establishment
data", ``edubasealldataYYYYMMDD.csv``), written in Windows-1252. The import reads that
file as published and keeps the open schools of one local authority, in the stages
every import source follows (``schools.importing``):

1. ``reading`` (the GIAS source, with ``layout``) reads and checks the whole file; every
   problem is reported with its row and column before anything is written.
2. ``planning`` compares each school with its page and decides what to do: create,
   update the GIAS facts, close a closed school, reopen one GIAS lists again, or nothing.
   Updates are judged by the editor rule (``schools.importing.editor_rule``), shared
   with the JSON import.
3. ``writing`` carries the plan out in one transaction.

``import_gias`` runs the three stages; the ``import_gias`` management command is a thin
wrapper around it.

GIAS owns a school's facts (name, phase, type, ages, address, contact numbers, head
teacher, position, the census totals it repeats) and the specialist provision it lists.
Everything the school writes (the report, SENCO, its own facets and its own provision
rows) is never touched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser

from ...models import NeedArea, SchoolIndexPage
from ..actions import Action
from ..editor_rule import OVERRIDE_HINT
from .layout import PUBLISHED_HEADER
from .planning import ImportPlan, PlannedChange, plan_import
from .reading import GiasFile, GiasImportError, decode_gias, read_gias
from .writing import (
    LOG_CLOSED,
    LOG_CREATED,
    LOG_REOPENED,
    LOG_UPDATED,
    apply_plan,
    register_log_actions,
)

__all__ = [
    "LOG_CLOSED",
    "LOG_CREATED",
    "LOG_REOPENED",
    "LOG_UPDATED",
    "PUBLISHED_HEADER",
    "GiasImportError",
    "ImportResult",
    "import_gias",
    "register_log_actions",
]


@dataclass(frozen=True)
class ImportResult:
    """What happened, for the command's summary."""

    gias: GiasFile
    plan: ImportPlan | None
    written: bool

    @property
    def summary(self) -> str:
        if self.plan is None:
            return f"{len(self.gias.errors)} problems found; nothing was written."
        plan = self.plan
        verb = "" if self.written else " (dry run: nothing was written)"
        lines = [
            f"{plan.count(Action.CREATE)} created, {plan.count(Action.UPDATE)} updated, "
            f"{plan.unchanged} unchanged, {plan.count(Action.CLOSE)} unpublished "
            f"(closed in GIAS), {plan.count(Action.REOPEN)} reopened, "
            f"{plan.count(Action.HELD)} held back{verb}.",
            f"Read {self.gias.rows:,} rows ({self.gias.encoding}); local authority "
            f"{self.gias.la_code}: {len(self.gias.schools)} open schools, "
            f"{len(self.gias.closed)} closed.",
        ]
        for reason, number in sorted(self.gias.skipped.items()):
            lines.append(f"Skipped {number:,}: {reason}.")
        lines.extend(self._editor_rule_lines())
        return "\n".join(lines)

    def _editor_rule_lines(self) -> list[str]:
        assert self.plan is not None
        notes = [
            (planned, note)
            for planned in self.plan.changes
            if planned.decision is not None and (note := planned.decision.note())
        ]
        if not notes:
            return []
        forced = any(planned.decision and planned.decision.force for planned, _ in notes)
        lines = ["Forced over people's work:" if forced else "People's work kept:"]
        lines.extend(f"  {planned.label}: {note}." for planned, note in notes)
        if not forced:
            lines.append(OVERRIDE_HINT)
        return lines


def import_gias(
    data: bytes,
    la_code: str,
    *,
    dry_run: bool = False,
    parent: SchoolIndexPage | None = None,
    read_progress: Callable[[Iterable[list[str]], int], Iterable[list[str]]] | None = None,
    write_progress: Callable[[Iterable[PlannedChange], int], Iterable[PlannedChange]] | None = None,
    force: bool = False,
    user: AbstractBaseUser | None = None,
) -> ImportResult:
    """Read, check and (unless ``dry_run`` or the file has errors) apply a GIAS extract.

    Existing pages are changed as the editor rule allows; ``force`` overrides it. Writes
    are recorded under ``user``.

    Raises ``GiasImportError`` when the file is not a GIAS extract at all.
    """
    text, encoding = decode_gias(data)
    codes = NeedArea.objects.values_list("code", flat=True)
    gias = read_gias(text, la_code, need_codes=codes, progress=read_progress)
    gias.encoding = encoding
    if not gias.is_valid:
        return ImportResult(gias=gias, plan=None, written=False)
    plan = plan_import(gias, force=force)
    if not dry_run:
        apply_plan(plan, parent=parent, progress=write_progress, user=user)
    return ImportResult(gias=gias, plan=plan, written=not dry_run)
