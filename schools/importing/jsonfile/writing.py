"""Saving a planned import: a published revision per new school, and the changes to existing
schools as the editor rule (``editor_rule``) allows."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from ...models import SchoolPage
from ...services import get_or_create_school_index
from ..editor_rule import Apply, write_update
from .planning import Action, PlannedSchool, apply_record
from .records import SchoolRecord


def write_plan(planned: Sequence[PlannedSchool], *, user: AbstractBaseUser | None = None) -> None:
    """Create the planned pages and update the changed ones, all or nothing.

    Each write is a revision, published as when an editor presses "Publish" unless the
    editor rule keeps the page's draft or its unpublished state; every one shows in the
    page's history under ``user``. Everything happens in one transaction: if any page
    fails, no page is changed.
    """
    changes = [item for item in planned if item.action in (Action.CREATE, Action.UPDATE)]
    if not changes:
        return
    with transaction.atomic():
        index = None
        for item in changes:
            if item.action is Action.CREATE:
                index = index or get_or_create_school_index()
                index.add_child(instance=item.page)
                revision = item.page.save_revision(user=user, log_action=True)
                revision.publish(user=user, skip_permission_checks=True)
                continue
            assert item.decision is not None
            # A fresh copy: planning changed the one it holds in every part.
            page = SchoolPage.objects.get(pk=item.page.pk)
            write_update(page, item.decision, _applier(item.record), user=user)


def _applier(record: SchoolRecord) -> Apply:
    def apply(page: SchoolPage, report: bool) -> list[str]:
        return apply_record(record, page, report=report)

    return apply
