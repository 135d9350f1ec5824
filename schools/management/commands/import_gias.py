"""``python manage.py import_gias FILE.csv``: the council's schools from the DfE register."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from schools.importing.gias import GiasImportError, import_gias
from schools.importing.options import (
    add_editor_rule_arguments,
    add_la_argument,
    editor_rule_options,
    la_code_option,
)

T = TypeVar("T")


class Command(BaseCommand):
    help = (
        "Create and update school pages from the Get Information about Schools (GIAS) "
        "'all establishment data' CSV, keeping the open schools of the council's local "
        "authority. Checks the whole file first and writes nothing if any row has a problem. "
        "People's work is kept: a report awaiting review, a locked page, an editor's draft "
        "and an unpublished page (see --force)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="edubasealldataYYYYMMDD.csv as downloaded from GIAS")
        add_la_argument(parser)
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check the file and say what would change, without writing anything",
        )
        add_editor_rule_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        la_code = la_code_option(options)
        force, user = editor_rule_options(options)
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from error

        quiet = options["verbosity"] < 1

        def bar(description: str, unit: str) -> Any:
            def wrap(items: Iterable[T], total: int) -> Iterable[T]:
                # tqdm hides itself when stderr is not a terminal (logs, tests, cron).
                return tqdm(
                    items,
                    total=total,
                    desc=description,
                    unit=unit,
                    file=sys.stderr,
                    disable=True if quiet else None,
                )

            return wrap

        try:
            result = import_gias(
                data,
                la_code,
                dry_run=options["dry_run"],
                read_progress=bar("Reading", "rows"),
                write_progress=bar("Writing", "schools"),
                force=force,
                user=user,
            )
        except GiasImportError as error:
            raise CommandError(f"{path}: {error} Nothing was written.") from error

        for warning in result.gias.warnings:
            self.stdout.write(f"Warning: {warning}")
        if result.gias.errors:
            for problem in result.gias.errors:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{len(result.gias.errors)} problems in {path}; nothing was written. "
                "Every problem is listed above with its row and column."
            )
        self.stdout.write(self.style.SUCCESS(result.summary))
