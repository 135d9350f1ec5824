"""``manage.py import_schools FILE``: load schools from JSON (see docs/import-format.md)."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from schools.importing.jsonfile import InvalidImportFile, import_schools_file
from schools.importing.options import add_editor_rule_arguments, editor_rule_options


class Command(BaseCommand):
    help = (
        "Create or update school pages from a JSON file (format: docs/import-format.md). "
        "Schools are matched by URN; the whole file is checked first and nothing is saved "
        "if any record has a problem. People's work is kept: a report awaiting review, a "
        "locked page, an editor's draft and an unpublished page (see --force)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path, help="The JSON file to import.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and show what would change, without saving anything.",
        )
        add_editor_rule_arguments(parser)

    def handle(self, *args: Any, file: Path, dry_run: bool, **options: Any) -> None:
        force, user = editor_rule_options(options)
        try:
            result = import_schools_file(file, dry_run=dry_run, force=force, user=user)
        except InvalidImportFile as error:
            raise CommandError(error.report()) from None
        for line in result.lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(result.summary))
