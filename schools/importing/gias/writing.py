"""Carrying out a GIAS import plan, and the history notes it leaves on each page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils.text import slugify
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.log_actions import LogFormatter, log
from wagtail.signal_handlers import disable_reference_index_auto_update

from ...models import (
    NeedArea,
    SchoolClosure,
    SchoolIndexPage,
    SchoolPage,
)
from ...services import get_or_create_school_index
from ..actions import Action
from ..editor_rule import (
    write_update,
)
from .planning import (
    ImportPlan,
    PlannedChange,
    changed_fields,
    field_label,
    synced_provisions,
)
from .reading import ClosedSchool, GiasImportError, GiasSchool

LOG_CREATED = "schools.gias_created"
LOG_UPDATED = "schools.gias_updated"
LOG_CLOSED = "schools.gias_closed"
LOG_REOPENED = "schools.gias_reopened"


def apply_plan(
    plan: ImportPlan,
    *,
    parent: SchoolIndexPage | None = None,
    progress: Callable[[Iterable[PlannedChange], int], Iterable[PlannedChange]] | None = None,
    user: AbstractBaseUser | None = None,
) -> None:
    """Carry out ``plan`` in one transaction: all of it is written, or none of it.

    Revisions and history entries are recorded under ``user``.
    """
    needs = {need.code: need for need in NeedArea.objects.all()}
    changes: Iterable[PlannedChange] = plan.changes
    if progress is not None:
        changes = progress(plan.changes, len(plan.changes))
    with transaction.atomic():
        if plan.count(Action.CREATE):
            parent = parent or schools_index()
        slugs = set(parent.get_children().values_list("slug", flat=True)) if parent else set()
        for planned in changes:
            if planned.action == Action.CREATE:
                assert planned.school is not None and parent is not None
                _create(parent, planned.school, needs, slugs, user)
            elif planned.action == Action.UPDATE:
                _update(planned, needs, user)
            elif planned.action == Action.CLOSE:
                assert planned.closed is not None and planned.page is not None
                _close(planned.page, planned.closed, user)
            elif planned.action == Action.REOPEN:
                assert planned.page is not None
                _reopen(planned.page, user)


def schools_index() -> SchoolIndexPage:
    """Where new school pages go: the site's schools index (created if there is none)."""
    try:
        return get_or_create_school_index()
    except ImproperlyConfigured as error:
        raise GiasImportError(str(error)) from error


def _apply_facts(page: SchoolPage, school: GiasSchool, needs: dict[str, NeedArea]) -> None:
    for name, value in school.facts.items():
        setattr(page, name, value)
    page.specialist_provisions = synced_provisions(page, school, needs)


def _create(
    parent: SchoolIndexPage,
    school: GiasSchool,
    needs: dict[str, NeedArea],
    slugs: set[str],
    user: AbstractBaseUser | None,
) -> SchoolPage:
    page = SchoolPage(urn=school.urn, slug=_free_slug(school, slugs))
    _apply_facts(page, school, needs)
    # A new page's facets start from the needs GIAS lists; the school edits them later.
    page.needs = [needs[code] for code in sorted(school.need_codes)]
    # The reference index is brought up to date by the publishing save; updating it on
    # the two saves before that as well only slows a first import down.
    with disable_reference_index_auto_update():
        parent.add_child(instance=page)
        revision = page.save_revision(user=user, clean=False)
    # Published like an editor's page; the history entry says where it came from.
    revision.publish(user=user, log_action=LOG_CREATED, skip_permission_checks=True)
    return page


def _free_slug(school: GiasSchool, slugs: set[str]) -> str:
    base = slugify(school.facts.get("title", "")).strip("-")[:200] or "school"
    slug = base if base not in slugs else f"{base}-{school.urn}"
    slugs.add(slug)
    return slug


def _update(
    planned: PlannedChange, needs: dict[str, NeedArea], user: AbstractBaseUser | None
) -> None:
    page, school = planned.page, planned.school
    assert page is not None and school is not None and planned.decision is not None

    def apply(target: SchoolPage, report: bool) -> tuple[str, ...]:
        changed = changed_fields(target, school)
        if changed:
            _apply_facts(target, school, needs)
        return changed

    # The editor rule decides which versions get the facts (see its docstring).
    write_update(page, planned.decision, apply, user=user, log_revisions=False)
    comment = "Updated from GIAS: " + ", ".join(map(field_label, planned.changed_fields)) + "."
    log(instance=page, action=LOG_UPDATED, user=user, data={"comment": comment})


def _close(page: SchoolPage, closed: ClosedSchool, user: AbstractBaseUser | None) -> None:
    done = []
    if (workflow_state := page.current_workflow_state) is not None:
        # Wagtail records the cancellation in the page's history too.
        workflow_state.cancel(user=user)
        done.append("its review was cancelled")
    if page.live:
        # As for publishing: ``user`` is for the history, not a permission check.
        UnpublishPageAction(page, user=user, log_action=False).execute(skip_permission_checks=True)
        done.append("it was unpublished")
    SchoolClosure.objects.update_or_create(
        page=page, defaults={"closed_on": _date(closed.close_date), "reason": closed.reason[:255]}
    )
    done.append("its editors cannot change it until GIAS lists it as open again")
    when = _readable_date(closed.close_date)
    comment = "Closed in Get Information about Schools" + (f" on {when}" if when else "")
    if closed.reason:
        comment += f" ({closed.reason})"
    comment += ": " + "; ".join(done)
    log(instance=page, action=LOG_CLOSED, user=user, data={"comment": comment + "."})


def _reopen(page: SchoolPage, user: AbstractBaseUser | None) -> None:
    SchoolClosure.objects.filter(page=page).delete()
    comment = (
        "Open again in Get Information about Schools: its editors can change it again. "
        "It stays unpublished until the council publishes it."
    )
    log(instance=page, action=LOG_REOPENED, user=user, data={"comment": comment})


def _date(value: str) -> dt.date | None:
    # GIAS writes dates as DD-MM-YYYY.
    try:
        return dt.datetime.strptime(value, "%d-%m-%Y").date()
    except ValueError:
        return None


def _readable_date(value: str) -> str:
    date = _date(value)
    return date.strftime("%-d %B %Y") if date else value


class _CommentFormatter(LogFormatter):
    def format_comment(self, log_entry: Any) -> str:
        return (log_entry.data or {}).get("comment", self.comment)


def register_log_actions(actions: Any) -> None:
    """Name the GIAS import's entries in a page's history, with their notes.

    Called from a ``register_log_actions`` Wagtail hook.
    """
    for action, label, message, comment in (
        (
            LOG_CREATED,
            "GIAS import: create",
            "Created and published from Get Information about Schools",
            "The school's report is empty until its editors fill it in.",
        ),
        (LOG_UPDATED, "GIAS import: update", "Updated from Get Information about Schools", ""),
        (
            LOG_CLOSED,
            "GIAS import: closed",
            "Unpublished: closed in Get Information about Schools",
            "",
        ),
        (
            LOG_REOPENED,
            "GIAS import: open again",
            "Open again in Get Information about Schools",
            "",
        ),
    ):
        formatter = type(
            "GiasFormatter",
            (_CommentFormatter,),
            {"label": label, "message": message, "comment": comment},
        )
        actions.register_action(action)(formatter)
