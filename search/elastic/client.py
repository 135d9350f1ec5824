"""The connection to Elasticsearch, its index names, and a breaker for outages."""

from __future__ import annotations

import threading
import time
from functools import lru_cache

from django.conf import settings
from django.utils.module_loading import import_string
from elastic_transport import SerializationError, TransportError
from elasticsearch import ApiError, Elasticsearch
from elasticsearch.helpers import BulkIndexError

# Everything the client raises when Elasticsearch is down, slow, or refuses a request.
UNAVAILABLE: tuple[type[Exception], ...] = (
    ApiError,
    TransportError,
    SerializationError,
    BulkIndexError,
)


def is_enabled() -> bool:
    """Whether the directory is configured to search Elasticsearch."""
    if not getattr(settings, "LOCALOFFER_ELASTICSEARCH_URL", ""):
        return False
    path = getattr(settings, "LOCALOFFER_DIRECTORY_BACKEND", "")
    try:
        backend_class = import_string(path)
    except ImportError:
        return False
    return isinstance(backend_class, type) and getattr(
        backend_class, "searches_elasticsearch", False
    )


def get_client(*, write: bool = False) -> Elasticsearch:
    """A client for ``LOCALOFFER_ELASTICSEARCH_URL``, shared by the threads of a process.

    Searches time out after ``LOCALOFFER_ELASTICSEARCH_TIMEOUT`` seconds, index updates
    after ``LOCALOFFER_ELASTICSEARCH_WRITE_TIMEOUT``; neither retries, so an outage
    costs one timeout, not several.
    """
    timeout = (
        settings.LOCALOFFER_ELASTICSEARCH_WRITE_TIMEOUT
        if write
        else settings.LOCALOFFER_ELASTICSEARCH_TIMEOUT
    )
    return _client(settings.LOCALOFFER_ELASTICSEARCH_URL, float(timeout))


@lru_cache(maxsize=8)
def _client(url: str, timeout: float) -> Elasticsearch:
    return Elasticsearch(url, request_timeout=timeout, max_retries=0, retry_on_timeout=False)


def alias_name() -> str:
    """The alias searches and updates go through."""
    return settings.LOCALOFFER_ELASTICSEARCH_INDEX


def building_alias_name() -> str:
    """The alias on an index while a rebuild fills it: updates go to it as well."""
    return f"{alias_name()}-building"


class Breaker:
    """Stops asking Elasticsearch for a while after it failed.

    During an outage each request would otherwise wait for a timeout before falling
    back to the database. Per process; any success closes it again.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open_until = 0.0
        self._tripped = False

    def is_open(self) -> bool:
        return time.monotonic() < self._open_until

    def trip(self) -> None:
        seconds = float(getattr(settings, "LOCALOFFER_ELASTICSEARCH_RETRY_AFTER", 0))
        with self._lock:
            self._open_until = time.monotonic() + seconds
            self._tripped = True

    def reset(self) -> None:
        with self._lock:
            self._open_until = 0.0
            self._tripped = False

    def closed_after_outage(self) -> bool:
        """True once after a failure, as soon as Elasticsearch may be asked again.

        The caller then sends what was queued during the outage before anything else.
        """
        with self._lock:
            if self._tripped and time.monotonic() >= self._open_until:
                self._tripped = False
                return True
            return False


breaker = Breaker()
