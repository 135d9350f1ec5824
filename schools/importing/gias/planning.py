"""Comparing a checked GIAS file with the school pages: what to create, update, close or reopen.

Nothing is saved here. Updates are judged by the editor rule (``editor_rule``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...models import (
    NeedArea,
    SchoolClosure,
    SchoolPage,
    SpecialistProvision,
)
from ..actions import Action
from ..editor_rule import (
    Decision,
    judge,
    pages_in_moderation,
)
from .reading import ClosedSchool, GiasFile, GiasSchool, ProvisionData


@dataclass
class PlannedChange:
    """One school page to create, update or unpublish."""

    action: Action
    school: GiasSchool | None = None
    closed: ClosedSchool | None = None
    page: SchoolPage | None = None
    # What differs on the live page or on the editors' draft.
    changed_fields: tuple[str, ...] = ()
    # For an update: what the editor rule lets the import do to the page.
    decision: Decision | None = None

    @property
    def label(self) -> str:
        page, urn = self.page, (self.school or self.closed)
        return f"{page.title if page else ''} (URN {urn.urn if urn else ''})".strip()


@dataclass
class ImportPlan:
    """What an import will do; ``apply_plan`` carries it out."""

    gias: GiasFile
    changes: list[PlannedChange] = field(default_factory=list)
    unchanged: int = 0

    def count(self, action: Action) -> int:
        return sum(1 for planned in self.changes if planned.action == action)


def plan_import(gias: GiasFile, *, force: bool = False) -> ImportPlan:
    """Compare each of the council's schools with its page (one query for all pages).

    Updates are judged by the editor rule (``schools.importing.editor_rule``): schools
    people are working on are held back or have only their facts updated; ``force``
    overrides it.
    """
    plan = ImportPlan(gias=gias)
    urns = [school.urn for school in gias.schools] + [closed.urn for closed in gias.closed]
    pages = {
        page.urn: page
        for page in SchoolPage.objects.filter(urn__in=urns).prefetch_related(
            "specialist_provisions__needs"
        )
    }
    closures = set(
        SchoolClosure.objects.filter(page__in=pages.values()).values_list("page_id", flat=True)
    )
    for school in gias.schools:
        page = pages.get(school.urn)
        if page is None:
            plan.changes.append(PlannedChange(Action.CREATE, school=school))
            continue
        if page.pk in closures:
            plan.changes.append(PlannedChange(Action.REOPEN, school=school, page=page))
        planned = _plan_update(page, school)
        if planned is None:
            plan.unchanged += page.pk not in closures
        else:
            plan.changes.append(planned)
    _plan_closures(plan, pages, closures)
    _judge(plan, force)
    return plan


def _plan_closures(plan: ImportPlan, pages: dict[str, SchoolPage], closures: set[int]) -> None:
    """Close each closed school's page unless that is already done.

    Closing is not an edit, so the editor rule does not hold it back: a closed school
    must leave the directory, and a review left open would let an approval publish it
    again.
    """
    closed_pages = [pages[closed.urn] for closed in plan.gias.closed if closed.urn in pages]
    in_moderation = pages_in_moderation(page.pk for page in closed_pages)
    for closed in plan.gias.closed:
        page = pages.get(closed.urn)
        if page is None:
            plan.gias.skipped["closed and not on the site"] += 1
        elif page.live or page.pk in in_moderation or page.pk not in closures:
            plan.changes.append(PlannedChange(Action.CLOSE, closed=closed, page=page))
        else:
            plan.unchanged += 1


def _judge(plan: ImportPlan, force: bool) -> None:
    updates = [planned for planned in plan.changes if planned.action == Action.UPDATE]
    # Everything GIAS changes is a fact it owns: there is no report text to skip.
    changes = [
        (planned.page, [field_label(name) for name in planned.changed_fields], [])
        for planned in updates
        if planned.page is not None
    ]
    for planned, decision in zip(updates, judge(changes, force=force), strict=True):
        planned.decision = decision
        if decision.held_back:
            planned.action = Action.HELD


def _plan_update(page: SchoolPage, school: GiasSchool) -> PlannedChange | None:
    """What to update on an existing page: its live version, its draft, or nothing."""
    draft = _latest(page) if page.has_unpublished_changes else None
    live_fields = changed_fields(page, school) if page.live else ()
    draft_fields = changed_fields(draft or page, school) if draft or not page.live else ()
    if not (live_fields or draft_fields):
        return None
    changed = tuple(dict.fromkeys((*live_fields, *draft_fields)))
    return PlannedChange(Action.UPDATE, school=school, page=page, changed_fields=changed)


def _latest(page: SchoolPage) -> SchoolPage:
    """The page as its editors last saved it (a draft may be newer than the live page)."""
    return page.get_latest_revision_as_object()


def changed_fields(page: SchoolPage, school: GiasSchool) -> tuple[str, ...]:
    changed = [name for name, value in school.facts.items() if getattr(page, name) != value]
    if _provision_rows(page) != _wanted_rows(page, school):
        changed.append("specialist provision")
    return tuple(changed)


def _row_key(provision: SpecialistProvision) -> tuple[Any, ...]:
    codes = frozenset(need.code for need in provision.needs.all())
    return (provision.kind, provision.places, provision.on_roll, codes, provision.from_gias)


def _data_key(data: ProvisionData) -> tuple[Any, ...]:
    return (data.kind.value, data.places, data.on_roll, data.need_codes, True)


def _provision_rows(page: SchoolPage) -> list[tuple[Any, ...]]:
    return sorted((_row_key(p) for p in page.specialist_provisions.all()), key=repr)


def _wanted_rows(page: SchoolPage, school: GiasSchool) -> list[tuple[Any, ...]]:
    wanted = [
        _data_key(data) if data else _row_key(existing)
        for existing, data in _provision_slots(page, school)
        if existing is not None or data is not None
    ]
    return sorted(wanted, key=repr)


def _provision_slots(
    page: SchoolPage, school: GiasSchool
) -> list[tuple[SpecialistProvision | None, ProvisionData | None]]:
    """How the page's provision rows line up with GIAS's, without changing anything.

    Rows the school added itself are kept as they are (no data). For each kind GIAS
    lists, the row GIAS made before gets the data (its description, written by the
    school, is kept); failing that, a row of that kind the school added is taken over;
    failing that, a new row is added (no existing row). Rows GIAS made for a kind it
    no longer lists are dropped (left out of the result).
    """
    wanted = {data.kind.value: data for data in school.provisions}
    current = list(page.specialist_provisions.all())
    kinds_from_gias = {p.kind for p in current if p.from_gias}
    slots: list[tuple[SpecialistProvision | None, ProvisionData | None]] = []
    done: set[str] = set()
    for provision in current:
        data = wanted.get(provision.kind)
        takes_over = provision.from_gias or provision.kind not in kinds_from_gias
        if data is not None and provision.kind not in done and takes_over:
            done.add(provision.kind)
            slots.append((provision, data))
        elif not provision.from_gias:
            slots.append((provision, None))
    slots.extend((None, data) for kind, data in wanted.items() if kind not in done)
    return slots


def synced_provisions(
    page: SchoolPage, school: GiasSchool, needs: dict[str, NeedArea]
) -> list[SpecialistProvision]:
    """The page's provision rows with GIAS's brought in step (see ``_provision_slots``)."""
    result = []
    for existing, data in _provision_slots(page, school):
        provision = existing or SpecialistProvision()
        if data is not None:
            provision.kind = data.kind.value
            provision.places = data.places
            provision.on_roll = data.on_roll
            provision.from_gias = True
            provision.needs = [needs[code] for code in sorted(data.need_codes)]
        result.append(provision)
    return result


def field_label(name: str) -> str:
    if name == "title":
        return "name"
    if name == "specialist provision":
        return name
    return str(SchoolPage._meta.get_field(name).verbose_name)
