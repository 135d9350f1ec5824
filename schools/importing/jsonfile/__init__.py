"""Importing schools from the JSON format in ``docs/import-format.md``.

The import runs in the stages every import follows (``schools.importing``), each in its
own module. The JSON source: read the file (``reading``) and check every record
(``validation``, giving ``records``). Then compare with the pages on the site
(``planning``) and, only when the whole file is valid, save (``writing``). Pages people
are working on are changed only as the editor rule allows (``editor_rule``, shared with
the GIAS import).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from ..editor_rule import OVERRIDE_HINT
from ..problems import InvalidImportFile, Problem
from .lookups import Lookups
from .planning import Action, PlannedSchool, plan_import
from .reading import read_json_file
from .validation import validate_document
from .writing import write_plan

__all__ = [
    "Action",
    "ImportResult",
    "InvalidImportFile",
    "PlannedSchool",
    "Problem",
    "import_schools",
    "import_schools_file",
]


@dataclass(frozen=True)
class ImportResult:
    """What an import did (or, for a dry run, would do) to each school in the file."""

    schools: tuple[PlannedSchool, ...]
    dry_run: bool = False

    def _with(self, action: Action) -> list[PlannedSchool]:
        return [item for item in self.schools if item.action is action]

    @property
    def created(self) -> list[PlannedSchool]:
        return self._with(Action.CREATE)

    @property
    def updated(self) -> list[PlannedSchool]:
        return self._with(Action.UPDATE)

    @property
    def unchanged(self) -> list[PlannedSchool]:
        return self._with(Action.UNCHANGED)

    @property
    def held(self) -> list[PlannedSchool]:
        return self._with(Action.HELD)

    @property
    def summary(self) -> str:
        """E.g. ``"1 created, 2 updated, 1 unchanged, 1 held back"``."""
        created, updated, unchanged = len(self.created), len(self.updated), len(self.unchanged)
        held = len(self.held)
        if self.dry_run:
            return (
                f"Dry run, nothing saved: {created} to create, {updated} to update, "
                f"{unchanged} unchanged, {held} to hold back"
            )
        return f"{created} created, {updated} updated, {unchanged} unchanged, {held} held back"

    def lines(self) -> list[str]:
        """One line per created, changed or held-back school, naming what changed and why."""
        verbs = {
            Action.CREATE: "Would create" if self.dry_run else "Created",
            Action.UPDATE: "Would update" if self.dry_run else "Updated",
            Action.HELD: "Would hold back" if self.dry_run else "Held back",
        }
        lines = []
        for item in self.schools:
            if item.action is Action.UNCHANGED:
                continue
            line = f"{verbs[item.action]} {item.label}"
            if item.changed:
                line += f": {', '.join(item.changed)}"
            lines.append(line)
            lines.extend(f"  Note: {note}." for note in item.notes)
        if any(item.notes for item in self.schools) and not any(
            item.decision and item.decision.force for item in self.schools
        ):
            lines.append(f"People's work was kept as noted above. {OVERRIDE_HINT}")
        return lines


def import_schools(
    data: Any,
    *,
    source: str = "the file",
    dry_run: bool = False,
    force: bool = False,
    user: AbstractBaseUser | None = None,
) -> ImportResult:
    """Import parsed JSON ``data``; raise ``InvalidImportFile`` (writing nothing) if invalid.

    ``source`` names the data in messages. With ``dry_run`` the whole file is checked
    and planned but nothing is saved. Existing pages are changed as the editor rule
    allows (``editor_rule``); ``force`` overrides it. Revisions and history entries are
    recorded under ``user``.
    """
    lookups = Lookups.load()
    records, problems = validate_document(data, lookups, source)
    planned = plan_import(records, problems, force=force)
    if problems:
        raise InvalidImportFile(source, problems)
    if not dry_run:
        write_plan(planned, user=user)
    return ImportResult(tuple(planned), dry_run)


def import_schools_file(
    path: Path,
    *,
    dry_run: bool = False,
    force: bool = False,
    user: AbstractBaseUser | None = None,
) -> ImportResult:
    """Import the JSON file at ``path`` (see ``docs/import-format.md``)."""
    return import_schools(
        read_json_file(path), source=str(path), dry_run=dry_run, force=force, user=user
    )
