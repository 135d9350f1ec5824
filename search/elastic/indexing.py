"""Keeping the search index in line with the live pages: updates, retries, rebuilds.

* ``sync_pages`` brings the entries of some pages up to date (indexed when the page
  is live and public, removed otherwise). It never raises: when Elasticsearch cannot
  be reached the pages are recorded in ``PendingIndexUpdate`` and brought up to date
  by the next successful call or rebuild.
* ``catch_up`` sends those queued updates without anyone running a command: every
  directory search on Elasticsearch calls it first (at once after an outage this
  process saw, otherwise every ``LOCALOFFER_ELASTICSEARCH_CATCH_UP_SECONDS``).
* ``index_updated`` is sent once updates are visible to searches, so answers cached
  while the index was behind (the public APIs' and pages' caches) are dropped.
* ``rebuild_index`` builds a new, versioned index with bulk requests behind the
  alias ``<alias>-building``, then moves the alias searches use to it in one atomic
  step and deletes the old index, so searches keep working throughout.

Every write carries an external version, the time (in microseconds) just before its
page was read from the database. Elasticsearch keeps the newest: an update made
while a rebuild is filling the new index (updates go to both indexes then) is never
overwritten by the rebuild's older copy of the same page.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Exists, F, OuterRef, QuerySet
from django.db.models.functions import Length, Substr
from django.dispatch import Signal
from django.utils import timezone
from elasticsearch import Elasticsearch
from elasticsearch.helpers import bulk, streaming_bulk
from wagtail.models import PageViewRestriction

from schools.checklist import TEXT_ITEM_KEYS
from schools.models import SchoolPage, SpecialistProvision

from .. import vocabulary as v
from ..highlight import plain_text
from .client import (
    UNAVAILABLE,
    alias_name,
    breaker,
    building_alias_name,
    get_client,
    is_enabled,
)
from .documents import MAPPING_VERSION, index_body, words
from .models import PendingIndexUpdate

logger = logging.getLogger(__name__)

# Sent (``page_ids``: the pages written) once index updates are visible to searches.
index_updated = Signal()

CHUNK_SIZE = 500
# A rebuild's bulk requests carry hundreds of reports each; give them time.
REBUILD_TIMEOUT = 120.0
# Bulk requests a rebuild keeps in flight.
PARALLEL_REQUESTS = 2

_ROW_FIELDS = (
    "pk",
    "urn",
    "title",
    "url_path",
    "path",
    "phase",
    "establishment_type",
    "town",
    "last_reviewed",
    "latitude",
    "longitude",
    *TEXT_ITEM_KEYS,
)
_TAGS = {
    v.NEED: (SchoolPage.needs.through, "needarea__code"),
    v.ACCESSIBILITY: (SchoolPage.accessibility_features.through, "accessibilityfeature__slug"),
    v.OUTREACH: (SchoolPage.outreach_services.through, "outreachservice__slug"),
}


def public_schools() -> QuerySet[SchoolPage]:
    """Live school pages without a view restriction on them or above them.

    The same rule as the database backend's: what the directory may show.
    """
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return SchoolPage.objects.filter(live=True).exclude(Exists(restricted))


def _now_version() -> int:
    return time.time_ns() // 1000


def school_documents(page_ids: Iterable[int]) -> list[dict[str, Any]]:
    """Index documents for those of ``page_ids`` that are live and public, by page id.

    Five queries, whatever the number of pages.
    """
    ids = list(page_ids)
    rows = list(public_schools().filter(pk__in=ids).values(*_ROW_FIELDS))
    found = [row["pk"] for row in rows]
    tags: dict[str, dict[int, list[str]]] = {}
    for facet, (through, value) in _TAGS.items():
        by_page: dict[int, list[str]] = defaultdict(list)
        pairs = through.objects.filter(schoolpage_id__in=found).values_list("schoolpage_id", value)
        for page_id, tag in pairs:
            by_page[page_id].append(tag)
        tags[facet] = by_page
    provision: dict[int, list[str]] = defaultdict(list)
    for page_id, kind in SpecialistProvision.objects.filter(page_id__in=found).values_list(
        "page_id", "kind"
    ):
        provision[page_id].append(kind)
    tags[v.PROVISION] = provision
    return [_document(row, tags) for row in rows]


def _document(row: dict[str, Any], tags: dict[str, dict[int, list[str]]]) -> dict[str, Any]:
    page_id = row["pk"]
    # The same text, in the same order, as the database backend makes its extracts from.
    report = plain_text("".join(f"{row[key] or ''}\n" for key in TEXT_ITEM_KEYS))
    last_reviewed = row["last_reviewed"]
    return {
        "page_id": page_id,
        "urn": row["urn"],
        "name": words(row["title"]),
        "title": row["title"],
        "name_sort": row["title"].lower(),
        "town": words(row["town"] or ""),
        "town_display": row["town"] or "",
        "body": words(report),
        "report": report,
        "url_path": row["url_path"],
        "path": row["path"],
        "last_reviewed": last_reviewed.isoformat() if last_reviewed else None,
        v.NEED: sorted(set(tags[v.NEED].get(page_id, ()))),
        v.ACCESSIBILITY: sorted(set(tags[v.ACCESSIBILITY].get(page_id, ()))),
        v.OUTREACH: sorted(set(tags[v.OUTREACH].get(page_id, ()))),
        v.PHASE: row["phase"],
        v.SCHOOL_TYPE: row["establishment_type"] or None,
        v.PROVISION: sorted(set(tags[v.PROVISION].get(page_id, ()))),
        "location": _location(row),
    }


def _location(row: dict[str, Any]) -> dict[str, float] | None:
    if row["latitude"] is None or row["longitude"] is None:
        return None
    return {"lat": row["latitude"], "lon": row["longitude"]}


def _actions(page_ids: set[int], targets: list[str]) -> tuple[list[dict[str, Any]], set[int]]:
    version = _now_version()
    documents = school_documents(page_ids)
    indexed = {doc["page_id"] for doc in documents}
    actions: list[dict[str, Any]] = []
    for target in targets:
        for doc in documents:
            actions.append(
                {
                    "_op_type": "index",
                    "_index": target,
                    "_id": doc["page_id"],
                    "version": version,
                    "version_type": "external",
                    "_source": doc,
                }
            )
        for page_id in sorted(page_ids - indexed):
            actions.append(
                {
                    "_op_type": "delete",
                    "_index": target,
                    "_id": page_id,
                    "version": version,
                    "version_type": "external",
                }
            )
    return actions, indexed


def _write(client: Elasticsearch, page_ids: set[int]) -> set[int]:
    """Send the pages' current state; returns the ids that could not be written."""
    targets = [alias_name()]
    if client.indices.exists_alias(name=building_alias_name()):
        targets.append(building_alias_name())
    actions, _indexed = _actions(page_ids, targets)
    failed: set[int] = set()
    # require_alias: a missing index is an error, never created on the fly with a
    # guessed mapping (it would also take the alias's name and block the next rebuild).
    for ok, item in streaming_bulk(
        client,
        actions,
        chunk_size=CHUNK_SIZE,
        raise_on_error=False,
        require_alias=True,
    ):
        operation, result = next(iter(item.items()))
        if ok or result.get("status") == 409:
            # 409: the index already holds a newer version of the page.
            continue
        if operation == "delete" and result.get("result") == "not_found":
            continue
        failed.add(int(result["_id"]))
        logger.warning("search index: page %s not updated: %s", result["_id"], result.get("error"))
    # Visible to the next search at once (not within the second Elasticsearch takes on
    # its own), so nothing cached after ``index_updated`` can miss the change.
    client.indices.refresh(index=alias_name())
    return failed


def sync_pages(page_ids: Iterable[int]) -> bool:
    """Bring the index entries of ``page_ids``, and of every pending page, up to date.

    Never raises. Returns False when some pages could not be updated; they are then
    recorded in ``PendingIndexUpdate`` for the next call or rebuild.
    """
    if not is_enabled():
        return True
    started = timezone.now()
    pending = set(PendingIndexUpdate.objects.values_list("page_id", flat=True))
    ids = set(page_ids) | pending
    if not ids:
        return True
    if breaker.is_open():
        logger.warning(
            "search index: Elasticsearch failed a moment ago, %d page(s) queued for later",
            len(ids),
        )
        queue_pages(ids, "Elasticsearch failed a moment ago; not tried again yet")
        return False
    try:
        failed = _write(get_client(write=True), ids)
    except UNAVAILABLE as exc:
        breaker.trip()
        logger.warning(
            "search index: Elasticsearch unavailable, %d page(s) queued for later: %s",
            len(ids),
            exc,
        )
        queue_pages(ids, str(exc))
        return False
    breaker.reset()
    PendingIndexUpdate.objects.filter(page_id__in=ids - failed, queued_at__lte=started).delete()
    if ids - failed:
        index_updated.send(sender=PendingIndexUpdate, page_ids=ids - failed)
    if failed:
        queue_pages(failed, "Elasticsearch refused the update (see the log)")
        return False
    return True


class _Interval:
    """Whether this process may look again for updates queued by any process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last = float("-inf")

    def due(self) -> bool:
        seconds = float(settings.LOCALOFFER_ELASTICSEARCH_CATCH_UP_SECONDS)
        with self._lock:
            now = time.monotonic()
            if now - self._last < seconds:
                return False
            self._last = now
            return True


_catch_up_interval = _Interval()


def catch_up() -> None:
    """Send the index updates queued during an outage, when it is time to.

    At once when this process's breaker closes after an outage, otherwise at most every
    ``LOCALOFFER_ELASTICSEARCH_CATCH_UP_SECONDS`` (updates another process queued): one
    small query when nothing is queued. Never raises.
    """
    if breaker.closed_after_outage() or _catch_up_interval.due():
        sync_pages(())


def queue_pages(page_ids: Iterable[int], error: str) -> None:
    """Record pages whose index entries must be brought up to date later."""
    ids = set(page_ids)
    now = timezone.now()
    error = error[:1000]
    existing = set(
        PendingIndexUpdate.objects.filter(page_id__in=ids).values_list("page_id", flat=True)
    )
    PendingIndexUpdate.objects.filter(page_id__in=existing).update(
        queued_at=now, attempts=F("attempts") + 1, last_error=error
    )
    PendingIndexUpdate.objects.bulk_create(
        [
            PendingIndexUpdate(page_id=page_id, queued_at=now, last_error=error)
            for page_id in sorted(ids - existing)
        ],
        ignore_conflicts=True,
    )


def index_state(client: Elasticsearch | None = None) -> dict[str, Any]:
    """What the alias points at: ``{"indexes": [...], "mapping_version": int | None}``."""
    client = client or get_client()
    alias = alias_name()
    if not client.indices.exists_alias(name=alias):
        return {"indexes": [], "mapping_version": None}
    indexes = sorted(client.indices.get_alias(name=alias))
    mapping = client.indices.get_mapping(index=indexes[0])
    meta = next(iter(mapping.values()))["mappings"].get("_meta", {})
    return {"indexes": indexes, "mapping_version": meta.get("mapping_version")}


def needs_rebuild() -> bool:
    """True when there is no index yet, or it was built for another mapping."""
    return index_state(get_client(write=True))["mapping_version"] != MAPPING_VERSION


@dataclass
class RebuildReport:
    """What ``rebuild_index`` did."""

    index: str
    schools: int
    seconds: float
    removed: list[str] = field(default_factory=list)

    @property
    def per_second(self) -> float:
        return self.schools / self.seconds if self.seconds else 0.0


def _rebuild_chunks(
    index: str, chunk_size: int, progress: Callable[[int], None] | None
) -> Iterator[list[dict[str, Any]]]:
    """Bulk actions for every live, public school, a chunk at a time."""
    ids = list(public_schools().order_by("pk").values_list("pk", flat=True))
    done = 0
    for start in range(0, len(ids), chunk_size):
        version = _now_version()
        documents = school_documents(ids[start : start + chunk_size])
        yield [
            {
                "_op_type": "index",
                "_index": index,
                "_id": doc["page_id"],
                "version": version,
                "version_type": "external",
                "_source": doc,
            }
            for doc in documents
        ]
        done += len(documents)
        if progress:
            progress(done)


def _send_in_parallel(client: Elasticsearch, chunks: Iterator[list[dict[str, Any]]]) -> None:
    """Send each chunk as a bulk request, two at a time.

    Elasticsearch indexes one chunk while this thread reads the next from the database
    (which must stay in this thread: Django's connections are per thread). Raises the
    first error; 409 (a newer version is already there) is not one.
    """
    in_flight: deque[Future] = deque()
    with ThreadPoolExecutor(max_workers=PARALLEL_REQUESTS) as pool:
        for actions in chunks:
            if not actions:
                continue
            in_flight.append(
                pool.submit(bulk, client, actions, chunk_size=len(actions), ignore_status=(409,))
            )
            while len(in_flight) >= PARALLEL_REQUESTS:
                in_flight.popleft().result()
        while in_flight:
            in_flight.popleft().result()


def rebuild_index(
    *, chunk_size: int = CHUNK_SIZE, progress: Callable[[int], None] | None = None
) -> RebuildReport:
    """Build a new index of every live, public school and swap the alias to it.

    Raises the client's errors if Elasticsearch fails; the half-built index is then
    deleted and the alias left where it was.
    """
    client = get_client(write=True).options(request_timeout=REBUILD_TIMEOUT)
    began = time.perf_counter()
    started_at = timezone.now()
    alias = alias_name()
    building = building_alias_name()
    index = f"{alias}-v{MAPPING_VERSION}-{started_at:%Y%m%d%H%M%S%f}"
    body = index_body()
    # No refreshes while filling the index: one at the end.
    client.indices.create(
        index=index,
        settings={**body["settings"], "refresh_interval": "-1"},
        mappings=body["mappings"],
        aliases={building: {}},
    )
    count = 0
    try:

        def counted(done: int) -> None:
            nonlocal count
            count = done
            if progress:
                progress(done)

        _send_in_parallel(client, _rebuild_chunks(index, chunk_size, counted))
        client.indices.put_settings(index=index, settings={"index": {"refresh_interval": None}})
        client.indices.refresh(index=index)
        old: list[str] = []
        actions: list[dict[str, Any]] = [
            {"add": {"index": index, "alias": alias}},
            {"remove": {"index": index, "alias": building}},
        ]
        if client.indices.exists_alias(name=alias):
            old = sorted(client.indices.get_alias(name=alias))
            actions += [{"remove": {"index": name, "alias": alias}} for name in old]
        elif client.indices.exists(index=alias):
            # An index created under the alias's own name (by hand, or by an old
            # version of this code): replaced in the same atomic step.
            old = [alias]
            actions.append({"remove_index": {"index": alias}})
        client.indices.update_aliases(actions=actions)
    except BaseException:
        with suppress(*UNAVAILABLE):
            client.indices.delete(index=index, ignore_unavailable=True)
        raise
    removed = [name for name in old if name != alias]
    if removed:
        client.indices.delete(index=",".join(removed), ignore_unavailable=True)
    breaker.reset()
    # The rebuild read every page after these were queued.
    PendingIndexUpdate.objects.filter(queued_at__lte=started_at).delete()
    # Pages that failed to update while the index was being built.
    sync_pages(())
    report = RebuildReport(index, count, time.perf_counter() - began, old)
    logger.info("search index: rebuilt %s with %d schools in %.1fs", index, count, report.seconds)
    return report


def delete_indexes() -> list[str]:
    """Delete the alias's indexes, built or half-built (for tests and `--delete`)."""
    client = get_client(write=True)
    names = sorted(client.indices.get(index=f"{alias_name()}-v*", expand_wildcards="all"))
    if names:
        client.indices.delete(index=",".join(names), ignore_unavailable=True)
    return names
