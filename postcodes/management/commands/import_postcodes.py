"""``python manage.py import_postcodes FILE...``: postcodes with coordinates from open data."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from postcodes.importing import (
    InvalidImportFile,
    UnreadableFile,
    area_for,
    grid_references,
    import_postcodes,
)
from schools.models import SchoolPage

DEFAULT_MARGIN_MILES = 10.0


class Command(BaseCommand):
    help = (
        "Load postcodes with coordinates from Ordnance Survey's Code-Point Open (the zip, or "
        "its area CSVs) or the ONS Postcode Directory (its CSV or zip), keeping the council's "
        "area: its districts, or a distance around its schools. Replaces the postcodes loaded "
        "before; checks every file first and writes nothing if any row has a problem."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE", help="CSV or zip files")
        parser.add_argument(
            "--district",
            action="append",
            default=[],
            metavar="GSS_CODE",
            help="keep this local authority district (e.g. E06000014); repeat for more",
        )
        parser.add_argument(
            "--within",
            type=float,
            metavar="MILES",
            help=(
                "keep postcodes within this many miles of one of the council's schools "
                f"(default {DEFAULT_MARGIN_MILES:g} when no --district is given; 0 for none)"
            ),
        )
        parser.add_argument("--all", action="store_true", help="keep every postcode in the files")
        parser.add_argument(
            "--dry-run", action="store_true", help="read and check the files; write nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        within = options["within"]
        if within is None:
            within = 0.0 if options["district"] else DEFAULT_MARGIN_MILES
        if within < 0:
            raise CommandError("--within must be a distance of 0 miles or more.")
        schools = grid_references(
            SchoolPage.objects.filter(latitude__isnull=False, longitude__isnull=False)
            .values_list("latitude", "longitude")
            .distinct()
        )
        if not options["all"] and not options["district"] and not schools:
            raise CommandError(
                "No school has a location yet, so there is no area to keep. Import GIAS "
                "first, or name the council's districts with --district, or pass --all."
            )
        area = area_for(
            districts=options["district"],
            points=schools,
            margin_miles=within,
            everything=options["all"],
        )
        quiet = options["verbosity"] < 1

        def progress(items: Iterable[Any], total: int | None, description: str) -> Any:
            # tqdm hides itself when stderr is not a terminal (logs, tests, cron).
            return tqdm(
                items,
                total=total,
                desc=description,
                unit=" rows",
                unit_scale=True,
                file=sys.stderr,
                disable=True if quiet else None,
            )

        try:
            result = import_postcodes(
                [Path(name) for name in options["files"]],
                area,
                dry_run=options["dry_run"],
                progress=progress,
            )
        except UnreadableFile as error:
            raise CommandError(f"{error} Nothing was written.") from error
        except InvalidImportFile as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{len(error.problems)} problem(s) in {error.source}; nothing was written. "
                "Every problem is listed above with its file, row and column."
            ) from error
        prefix = "Dry run, nothing written. " if options["dry_run"] else ""
        self.stdout.write(self.style.SUCCESS(prefix + result.summary))
