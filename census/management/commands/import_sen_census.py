"""``python manage.py import_sen_census FILE.csv``: the DfE's SEN figures for each school."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from schools.importing.options import add_la_argument, la_code_option

from ...importing import InvalidImportFile, import_census_file


class Command(BaseCommand):
    help = (
        "Load the DfE's school-level 'Special educational needs in England' file (pupils "
        "on SEN support and with EHC plans, by primary type of need) for the council's "
        "schools. Checks the whole file first and writes nothing if any row has a problem; "
        "each academic year in the file replaces that year's figures."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the school-level underlying data CSV, as downloaded")
        add_la_argument(parser)
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check the file and say what would be loaded, without writing anything",
        )
        parser.add_argument(
            "--example",
            action="store_true",
            help="the figures are made up (the demo site): every page showing them says so",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        la_code = la_code_option(options)
        quiet = options["verbosity"] < 1

        def bar(rows: Iterable[Any], total: int) -> Iterable[Any]:
            # tqdm hides itself when stderr is not a terminal (logs, tests, cron).
            return tqdm(
                rows,
                total=total,
                desc="Reading",
                unit="rows",
                file=sys.stderr,
                disable=True if quiet else None,
            )

        try:
            result = import_census_file(
                Path(options["file"]),
                la_code,
                dry_run=options["dry_run"],
                example=options["example"],
                progress=bar,
            )
        except InvalidImportFile as error:
            raise CommandError(error.report()) from None
        for line in result.lines():
            self.stdout.write(line)
