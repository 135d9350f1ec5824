"""Saving a planned import: one published revision per created or changed school."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from ..services import get_or_create_school_index
from .planning import Action, PlannedSchool


def write_plan(planned: Sequence[PlannedSchool]) -> None:
    """Create and publish the planned pages, all or nothing.

    Each created or changed page is saved as a new revision and published, exactly as
    when an editor presses "Publish", so it shows in the page's history. Everything
    happens in one transaction: if any page fails, no page is changed.
    """
    changes = [item for item in planned if item.action is not Action.UNCHANGED]
    if not changes:
        return
    with transaction.atomic():
        index = None
        for item in changes:
            if item.action is Action.CREATE:
                index = index or get_or_create_school_index()
                index.add_child(instance=item.page)
            item.page.save_revision(log_action=True).publish()
