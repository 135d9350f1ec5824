"""The directory's Elasticsearch backend, behind the same seam as the database's.

When Elasticsearch is down, slow (``LOCALOFFER_ELASTICSEARCH_TIMEOUT``, a second) or
has no index yet, the database backend answers instead and the result says
``degraded``: parents still get their answer, the API says so, nothing fails.
"""

from __future__ import annotations

import dataclasses
import logging

from ..backends.base import DirectoryQuery, DirectoryResult
from ..backends.database import DatabaseBackend
from .client import UNAVAILABLE, alias_name, breaker, get_client
from .indexing import catch_up
from .query import run_search

logger = logging.getLogger(__name__)


class ElasticsearchBackend:
    """Searches the schools index; falls back to the database when it cannot."""

    fallback_class = DatabaseBackend
    # What ``client.is_enabled`` looks for (subclasses inherit it).
    searches_elasticsearch = True

    def search(self, query: DirectoryQuery) -> DirectoryResult:
        if breaker.is_open():
            return self._fallback(query)
        # Updates queued while Elasticsearch was down go first, so this answer has them.
        catch_up()
        if breaker.is_open():
            return self._fallback(query)
        try:
            result = run_search(query, client=get_client(), index=alias_name())
        except UNAVAILABLE as exc:
            breaker.trip()
            logger.warning(
                "directory: Elasticsearch unavailable, answering from the database: %s", exc
            )
            return self._fallback(query)
        return result

    def _fallback(self, query: DirectoryQuery) -> DirectoryResult:
        result = self.fallback_class().search(query)
        return dataclasses.replace(result, degraded=True)
