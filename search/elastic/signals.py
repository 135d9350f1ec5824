"""Keeping the index up to date as editors work, after each database commit.

Publishing, unpublishing, saving, moving or deleting a school page, changing a view
restriction above it, or renaming a vocabulary term it is tagged with marks the
pages concerned. Once the transaction commits (``transaction.on_commit``: never for
a change that is rolled back) the marked pages are sent to the index in one bulk
request, read afresh from the database, so a draft never reaches the index.

Only active when the directory uses Elasticsearch. A failure is logged and queued
(``search.elastic.indexing.sync_pages``); the editor never sees it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from schools.models import (
    AccessibilityFeature,
    NeedArea,
    OutreachService,
    SchoolPage,
    SpecialistProvision,
)

from .client import is_enabled
from .indexing import sync_pages

_pending = threading.local()

# Saving a draft revision only touches these columns of the live page: nothing the
# index holds changes.
_DRAFT_ONLY_FIELDS = frozenset(
    {
        "draft_title",
        "has_unpublished_changes",
        "latest_revision",
        "latest_revision_created_at",
        "locked",
        "locked_at",
        "locked_by",
        "wagtail_admin_comments",
    }
)


def mark_for_update(page_ids: Iterable[int]) -> None:
    """Update these pages' index entries once the current transaction commits."""
    ids = {int(page_id) for page_id in page_ids if page_id is not None}
    if not ids or not is_enabled():
        return
    batch: set[int] | None = getattr(_pending, "ids", None)
    if batch is None:
        batch = _pending.ids = set()
    batch |= ids
    # One callback per mark: if a savepoint holding one is rolled back, the others
    # still run. The first to run sends the whole batch; the rest find it empty.
    transaction.on_commit(_flush, robust=True)


def _flush() -> None:
    ids: set[int] = getattr(_pending, "ids", None) or set()
    _pending.ids = set()
    if ids:
        sync_pages(ids)


def school_ids_under(path: str) -> list[int]:
    """The school pages at or below a tree path."""
    return list(SchoolPage.objects.filter(path__startswith=path).values_list("pk", flat=True))


def _school_saved(sender: Any, instance: SchoolPage, update_fields: Any = None, **kw: Any) -> None:
    if update_fields is not None and set(update_fields) <= _DRAFT_ONLY_FIELDS:
        return
    mark_for_update([instance.pk])


def _school_deleted(sender: Any, instance: SchoolPage, **kw: Any) -> None:
    mark_for_update([instance.pk])


def _page_published_or_unpublished(sender: Any, instance: Page, **kw: Any) -> None:
    if isinstance(instance, SchoolPage):
        mark_for_update([instance.pk])


def _page_moved_or_renamed(sender: Any, instance: Page, **kw: Any) -> None:
    # Its schools' paths and addresses changed, and maybe their visibility.
    if is_enabled():
        mark_for_update(school_ids_under(instance.path))


def _restriction_changed(sender: Any, instance: PageViewRestriction, **kw: Any) -> None:
    if not is_enabled():
        return
    path = Page.objects.filter(pk=instance.page_id).values_list("path", flat=True).first()
    if path:
        mark_for_update(school_ids_under(path))


def _provision_changed(sender: Any, instance: SpecialistProvision, **kw: Any) -> None:
    mark_for_update([instance.page_id])


def _term_saved(sender: Any, instance: Any, created: bool = False, **kw: Any) -> None:
    # A renamed code or slug changes the value indexed for every school tagged with it.
    if not created and is_enabled():
        mark_for_update(instance.schools.values_list("pk", flat=True))


def _term_deleting(sender: Any, instance: Any, **kw: Any) -> None:
    if is_enabled():
        instance._index_school_ids = list(instance.schools.values_list("pk", flat=True))


def _term_deleted(sender: Any, instance: Any, **kw: Any) -> None:
    mark_for_update(getattr(instance, "_index_school_ids", ()))


def connect() -> None:
    """Connect the handlers (once, from the app's ``ready``)."""
    uid = "search.elastic"
    post_save.connect(_school_saved, sender=SchoolPage, dispatch_uid=f"{uid}.saved")
    post_delete.connect(_school_deleted, sender=SchoolPage, dispatch_uid=f"{uid}.deleted")
    page_published.connect(_page_published_or_unpublished, dispatch_uid=f"{uid}.published")
    page_unpublished.connect(_page_published_or_unpublished, dispatch_uid=f"{uid}.unpublished")
    post_page_move.connect(_page_moved_or_renamed, dispatch_uid=f"{uid}.moved")
    page_slug_changed.connect(_page_moved_or_renamed, dispatch_uid=f"{uid}.slug")
    for signal in (post_save, post_delete):
        signal.connect(
            _restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"{uid}.restriction.{signal is post_save}",
        )
        signal.connect(
            _provision_changed,
            sender=SpecialistProvision,
            dispatch_uid=f"{uid}.provision.{signal is post_save}",
        )
    for model in (NeedArea, AccessibilityFeature, OutreachService):
        name = model._meta.model_name
        post_save.connect(_term_saved, sender=model, dispatch_uid=f"{uid}.{name}.saved")
        pre_delete.connect(_term_deleting, sender=model, dispatch_uid=f"{uid}.{name}.deleting")
        post_delete.connect(_term_deleted, sender=model, dispatch_uid=f"{uid}.{name}.deleted")
