"""``manage.py import_report URN FILE``: put a report document into a school's new draft."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from extraction.readers import UnreadableDocument
from extraction.services import import_document_into_draft
from moderation.services import ModerationError
from schools.models import SchoolPage

UNREADABLE_EXIT_STATUS = 2


class Command(BaseCommand):
    help = (
        "Read a school's SEN report document and save a new draft of its page with the "
        "passages filled into empty items and the facets ticked. Nothing is published and "
        "no answer the school already wrote is changed."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("urn", help="The school's 6-digit URN.")
        parser.add_argument("file", type=Path, help="The report document to read.")
        parser.add_argument(
            "--user", help="Username to record as the draft's author (default: none)."
        )

    def handle(self, *args: Any, urn: str, file: Path, user: str | None, **options: Any) -> None:
        page = SchoolPage.objects.filter(urn=urn).first()
        if page is None:
            raise CommandError(f"No school page has the URN {urn!r}.")
        author = None
        if user:
            author = get_user_model().objects.filter(username=user).first()
            if author is None:
                raise CommandError(f"No user is called {user!r}.")
        try:
            with file.open("rb") as handle:
                summary = import_document_into_draft(page, handle, author, filename=file.name)
        except FileNotFoundError:
            raise CommandError(f"The file {str(file)!r} does not exist.", returncode=2) from None
        except OSError as error:
            message = f"The file {str(file)!r} cannot be read: {error.strerror}."
            raise CommandError(message, returncode=UNREADABLE_EXIT_STATUS) from None
        except UnreadableDocument as error:
            raise CommandError(str(error), returncode=UNREADABLE_EXIT_STATUS) from None
        except ModerationError as error:
            # Locked, or with the council for review: a draft must not slip in beside it.
            raise CommandError(str(error)) from None
        for line in summary.lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(summary.headline))
