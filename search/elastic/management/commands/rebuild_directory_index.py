"""``python manage.py rebuild_directory_index``: a fresh search index, swapped in whole."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from search.elastic.client import UNAVAILABLE, alias_name
from search.elastic.indexing import needs_rebuild, rebuild_index, sync_pages
from search.elastic.models import PendingIndexUpdate


class Command(BaseCommand):
    help = (
        "Build a new Elasticsearch index of every live, public school page with bulk "
        "requests, point the directory's alias at it in one atomic step and delete the "
        "old index. Searches keep working throughout."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-needed",
            action="store_true",
            help="Only rebuild when there is no index yet or it was built for an older "
            "mapping; otherwise just send the pending updates (for deployments).",
        )
        parser.add_argument(
            "--pending",
            action="store_true",
            help="Do not rebuild: only send the updates queued while Elasticsearch was "
            "unreachable.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.verbosity = options["verbosity"]
        if not settings.LOCALOFFER_ELASTICSEARCH_URL:
            raise CommandError("ELASTICSEARCH_URL is not set: the directory uses the database.")
        try:
            if options["pending"] or (options["if_needed"] and not needs_rebuild()):
                self._send_pending()
                return
            report = rebuild_index(progress=self._progress)
        except UNAVAILABLE as exc:
            raise CommandError(f"Elasticsearch failed: {exc}") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {report.schools} schools into {report.index} in "
                f"{report.seconds:.1f}s ({report.per_second:.0f} schools/s); "
                f"'{alias_name()}' now points at it."
            )
        )
        if report.removed:
            self.stdout.write(f"Deleted the previous index: {', '.join(report.removed)}.")

    def _progress(self, done: int) -> None:
        if self.verbosity > 1:
            self.stdout.write(f"  {done} schools read")

    def _send_pending(self) -> None:
        waiting = PendingIndexUpdate.objects.count()
        if not sync_pages(()):
            raise CommandError(
                f"Elasticsearch is still unavailable; {PendingIndexUpdate.objects.count()} "
                "page(s) remain queued."
            )
        self.stdout.write(
            self.style.SUCCESS(f"Index up to date ({waiting} queued update(s) sent).")
        )
