"""``manage.py extract_report FILE``: print a report document's structured draft as JSON."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from extraction.readers import UnreadableDocument, load_path
from extraction.worker import extract_in_worker

# Exit status for a file we cannot read (the evaluation relies on it; see docs/extraction.md).
UNREADABLE_EXIT_STATUS = 2


class Command(BaseCommand):
    help = (
        "Read an SEN information report (.txt, .html, .docx or a PDF with text) and print "
        "one JSON object: the passages placed under each statutory item, the SENCO, the "
        "needs, accessibility features and services it mentions, and the passages that "
        "answer nothing. Exits with status 2 and a message if the file cannot be read."
    )
    # The output is a contract for other programs: a read-only command that must not
    # fail because of an unrelated system-check problem elsewhere in the project.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path, help="The report document to read.")

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        try:
            # In a bounded worker: a hostile file costs seconds and this message.
            result = extract_in_worker(load_path(file), file.name)
        except UnreadableDocument as error:
            raise CommandError(str(error), returncode=UNREADABLE_EXIT_STATUS) from None
        # ASCII escapes keep the output valid whatever encoding the terminal or pipe uses.
        self.stdout.write(json.dumps(result.as_contract()))
