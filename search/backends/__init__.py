"""Search backends for the directory, chosen by the ``LOCALOFFER_DIRECTORY_BACKEND`` setting."""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string

from .base import DirectoryBackend, DirectoryQuery, DirectoryResult, Point, SchoolHit, Sort

DEFAULT_BACKEND = "search.backends.database.DatabaseBackend"

__all__ = [
    "DEFAULT_BACKEND",
    "DirectoryBackend",
    "DirectoryQuery",
    "DirectoryResult",
    "Point",
    "SchoolHit",
    "Sort",
    "get_backend",
]


def get_backend(path: str | None = None) -> DirectoryBackend:
    """The configured backend (a dotted path to a class taking no arguments)."""
    backend_class = import_string(
        path or getattr(settings, "LOCALOFFER_DIRECTORY_BACKEND", DEFAULT_BACKEND)
    )
    return backend_class()
