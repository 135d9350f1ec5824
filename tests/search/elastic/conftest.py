"""Tests of the Elasticsearch backend's own machinery, on a real server (ELASTICSEARCH_URL).

Every module here is marked ``elasticsearch``: skipped without the server, failed
under CI.
"""

from __future__ import annotations

from ..es_support import es_directory  # noqa: F401  (a fixture)
