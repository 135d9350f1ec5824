"""One value that moves whenever what the public reads may have changed.

The public caches (``localoffer.page_cache`` for pages, ``localoffer.public_api`` for
the APIs) put ``data_version()`` in every key, so nothing kept before a change is ever
answered after it. It moves, for every server process at once, when:

* any process saves or deletes a model of ``PUBLIC_DATA_APPS`` that is not one of
  ``PRIVATE_MODELS`` (publishing, unpublishing, moving and deleting pages,
  vocabularies, the council's settings, imports that save row by row), once its
  transaction commits;
* an import writes in bulk without per-row signals and says so (``postcodes_replaced``,
  ``census_replaced``);
* the search index catches up with updates queued while Elasticsearch was down
  (``index_updated``).

The shared part is one row in the database (``DataVersion``): each process reads it
with one primary-key query per cached request, and bumps it in its own short
transaction after the change commits (so it never holds a lock inside an import's
transaction, and a change rolled back moves nothing that matters). A process also
moves its own counter at once, so its next request sees its change even before the
commit (and tests, which never commit, see it too); the bump sets it back to 0, so
every process reads the same version again and shares one copy of each kept page.
"""

from __future__ import annotations

import itertools
import threading
from typing import Any

from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest

from census.signals import census_replaced
from postcodes.signals import postcodes_replaced
from search.elastic.indexing import index_updated

from .models import DataVersion

# The apps whose models the public pages and APIs show.
PUBLIC_DATA_APPS = frozenset(
    {
        "census",
        "council",
        "feedback",
        "localoffer",
        "openreferral",
        "postcodes",
        "schools",
        "search",
        "wagtailcore",
        "wagtailimages",
    }
)
# Models of those apps that no public page or answer shows: a parent sending feedback
# must not empty every cache (nor could anyone empty them by sending it).
PRIVATE_MODELS = frozenset({"feedback.feedback"})
_ROW = 1
_local_counter = itertools.count(1)
_local_version = 0
# Changes this thread recorded whose shared bump has not run yet.
_pending = threading.local()


def data_version() -> str:
    """A value that differs whenever public data may have changed (one small query)."""
    number = DataVersion.objects.filter(pk=_ROW).values_list("number", flat=True).first()
    return f"{number}.{_local_version}"


def request_data_version(request: HttpRequest) -> str:
    """``data_version()`` read once per request: the public page cache and the lookups
    kept in memory (``localoffer.version_memo``) share the one query."""
    version = getattr(request, "_localoffer_data_version", None)
    if version is None:
        version = request._localoffer_data_version = data_version()  # type: ignore[attr-defined]
    return version


def _bump_shared() -> None:
    global _local_version
    # The first callback after a commit bumps once for all the changes it saw; a
    # change in a rolled-back savepoint leaves a count that the next commit clears.
    if not getattr(_pending, "count", 0):
        return
    _pending.count = 0
    if not DataVersion.objects.filter(pk=_ROW).update(number=F("number") + 1):
        # The row is made by a migration; a flushed test database has lost it.
        DataVersion.objects.get_or_create(pk=_ROW, defaults={"number": 1})
    # The shared number now covers this process's changes: back to the version every
    # process reads, so they all share one copy of each page in Redis.
    _local_version = 0


def record_change(**kwargs: Any) -> None:
    """Say that public data changed: every process's next cached request misses.

    Inside a transaction the shared number moves once it commits; outside one, at once.
    Takes any keyword arguments, so it can be connected to a signal as it is.
    """
    global _local_version
    _local_version = next(_local_counter)
    _pending.count = getattr(_pending, "count", 0) + 1
    transaction.on_commit(_bump_shared)


def _model_changed(sender: type, **kwargs: Any) -> None:
    # Migrations save with historical models (module "__fake__"), maybe before the
    # DataVersion table exists; servers restart after them anyway.
    if (
        sender is not DataVersion
        and sender.__module__ != "__fake__"
        and sender._meta.app_label in PUBLIC_DATA_APPS
        and sender._meta.label_lower not in PRIVATE_MODELS
    ):
        record_change()


def connect_signals() -> None:
    """Move the data version on every change the public sees (the app's ``ready``)."""
    post_save.connect(_model_changed, dispatch_uid="localoffer.data_version.saved")
    post_delete.connect(_model_changed, dispatch_uid="localoffer.data_version.deleted")
    index_updated.connect(record_change, dispatch_uid="localoffer.data_version.index")
    postcodes_replaced.connect(record_change, dispatch_uid="localoffer.data_version.postcodes")
    census_replaced.connect(record_change, dispatch_uid="localoffer.data_version.census")
