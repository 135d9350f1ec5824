"""System checks for the directory's configuration."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Warning, register

_DATABASE_SEARCH = {"wagtail.search.backends.database", "modelsearch.backends.database"}


@register()
def database_search_index_is_kept(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """The database backend (the default, and every other backend's fallback) reads
    Wagtail's database search index; Wagtail only keeps it current when it is listed."""
    backends = getattr(settings, "WAGTAILSEARCH_BACKENDS", {})
    kept = any(
        config.get("BACKEND") in _DATABASE_SEARCH and config.get("AUTO_UPDATE", True)
        for config in backends.values()
    )
    if kept:
        return []
    return [
        Warning(
            "The school directory's words search uses Wagtail's database search index, "
            "but WAGTAILSEARCH_BACKENDS has no database backend that updates automatically, "
            "so searches for words will miss changes to school pages.",
            hint='Add {"BACKEND": "wagtail.search.backends.database"} to WAGTAILSEARCH_BACKENDS.',
            id="search.W001",
        )
    ]
