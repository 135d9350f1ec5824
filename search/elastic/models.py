"""Index updates that could not be made yet, kept until Elasticsearch is back."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class PendingIndexUpdate(models.Model):
    """A school page whose entry in the search index may be out of date.

    Written when Elasticsearch could not be reached after a page was published,
    unpublished, moved or deleted. The next successful index update, and every
    rebuild, brings these pages up to date and removes the rows.
    """

    # Not a foreign key: the page may have been deleted, and its entry must still go.
    page_id = models.PositiveIntegerField(unique=True)
    queued_at = models.DateTimeField(default=timezone.now, db_index=True)
    attempts = models.PositiveIntegerField(default=1)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = "pending search index update"

    def __str__(self) -> str:
        return f"page {self.page_id} (queued {self.queued_at:%Y-%m-%d %H:%M})"
