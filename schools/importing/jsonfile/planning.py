"""Comparing checked records with the school pages already on the site.

Each record becomes a planned school: a new page to create, an existing page with the
record's changes applied in memory, or an existing page the record does not change.
Nothing is saved here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Prefetch

from ...checklist import TEXT_ITEM_KEYS
from ...compliance import is_blank
from ...models import ExtraAnswer, SchoolPage, SpecialistProvision
from ..actions import Action
from ..editor_rule import FACT_FIELDS, Decision, judge
from ..problems import Problem
from .records import (
    CHOICE_FIELDS,
    SENCO_FIELDS,
    TEXT_FIELDS,
    ProvisionData,
    SchoolRecord,
    location_of,
)

# (record attribute, page relation) for the three directory facets.
_FACETS: tuple[tuple[str, str], ...] = (
    ("needs", "needs"),
    ("accessibility", "accessibility_features"),
    ("outreach", "outreach_services"),
)
# Where the facts the import owns are given in a record, e.g. "name" for the title.
_FACT_LOCATIONS: frozenset[str] = frozenset(location_of(name) for name in FACT_FIELDS)
# The fields a new school page gets from its record, all validated when it is created.
_SCHOOL_FIELDS: frozenset[str] = frozenset(
    {
        "urn",
        *TEXT_FIELDS.values(),
        *CHOICE_FIELDS.values(),
        *SENCO_FIELDS.values(),
        "age_low",
        "age_high",
        "last_reviewed",
        *TEXT_ITEM_KEYS,
    }
)


@dataclass
class PlannedSchool:
    """What the import will do to one school; ``page`` already holds the new values."""

    record: SchoolRecord
    page: SchoolPage
    action: Action
    changed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # For an existing page: what the editor rule lets the import do to it.
    decision: Decision | None = None

    @property
    def label(self) -> str:
        return f"{self.page.title} (URN {self.record.urn})"


def plan_import(
    records: Sequence[SchoolRecord], problems: list[Problem], *, force: bool = False
) -> list[PlannedSchool]:
    """Plan every record against the pages, adding any new problems to ``problems``.

    Pages that will be created or changed are validated as a whole with the model's
    ``full_clean`` (which catches rules across fields, such as the age range), using
    the live page's values for anything the record leaves out. Each changed page is
    then judged by the editor rule (``editor_rule``); ``force`` overrides it.
    """
    existing = _existing_pages([record.urn for record in records])
    planned = []
    for record in records:
        page = existing.get(record.urn)
        item = _plan_new(record, problems) if page is None else _plan_existing(record, page)
        if item.action is not Action.UNCHANGED:
            _full_clean(item, problems)
        planned.append(item)
    _judge(planned, force)
    return planned


def _judge(planned: list[PlannedSchool], force: bool) -> None:
    updates = [item for item in planned if item.action is Action.UPDATE]
    changes = [
        (
            item.page,
            [name for name in item.changed if _is_fact(name)],
            [name for name in item.changed if not _is_fact(name)],
        )
        for item in updates
    ]
    for item, decision in zip(updates, judge(changes, force=force), strict=True):
        item.decision = decision
        if decision.held_back:
            item.action = Action.HELD
        if note := decision.note():
            item.notes.append(note)


def _is_fact(location: str) -> bool:
    return location in _FACT_LOCATIONS


def _existing_pages(urns: list[str]) -> dict[str, SchoolPage]:
    # One query per relation for the whole file, so an unchanged re-run stays cheap.
    pages = SchoolPage.objects.filter(urn__in=urns).prefetch_related(
        "needs",
        "accessibility_features",
        "outreach_services",
        Prefetch(
            "specialist_provisions",
            queryset=SpecialistProvision.objects.prefetch_related("needs"),
        ),
        "extra_answers",
    )
    return {page.urn: page for page in pages}


def _plan_new(record: SchoolRecord, problems: list[Problem]) -> PlannedSchool:
    for model_field, key in (("title", "name"), ("phase", "phase")):
        if model_field not in record.values and model_field not in record.invalid_fields:
            problems.append(
                record.problem(
                    key, f"Required for a new school (no school page has URN {record.urn} yet)."
                )
            )
            record.invalid_fields.add(model_field)
    page = SchoolPage(urn=record.urn)
    apply_record(record, page, report=True)
    return PlannedSchool(record, page, Action.CREATE)


def _plan_existing(record: SchoolRecord, page: SchoolPage) -> PlannedSchool:
    # ``page`` takes every value (it is what ``_full_clean`` checks); an editor's draft
    # is compared too, as the facts go into it. Both copies are thrown away: the
    # writing stage applies the record again to fresh copies, as the rule allows.
    changed = apply_record(record, page, report=True)
    if page.has_unpublished_changes:
        draft = page.get_latest_revision_as_object()
        changed = list(dict.fromkeys([*changed, *apply_record(record, draft, report=True)]))
    if not changed:
        return PlannedSchool(record, page, Action.UNCHANGED)
    return PlannedSchool(record, page, Action.UPDATE, changed)


def apply_record(record: SchoolRecord, page: SchoolPage, *, report: bool) -> list[str]:
    """Set the record's values on ``page`` (in memory); return where they differ.

    The school's facts (``editor_rule.FACT_FIELDS``) are always set; everything else the
    record gives (report text, SENCO, facets, provision, council answers) only with
    ``report``.
    """
    changed: list[str] = []
    for model_field, value in record.values.items():
        if model_field not in FACT_FIELDS and not report:
            continue
        if getattr(page, model_field) != value:
            setattr(page, model_field, value)
            changed.append(location_of(model_field))
    if not report:
        return changed

    for attribute, relation in _FACETS:
        terms = getattr(record, attribute)
        if terms is None:
            continue
        current = {term.pk for term in getattr(page, relation).all()}
        if current != {term.pk for term in terms}:
            setattr(page, relation, terms)
            changed.append(attribute)

    if record.provisions is not None and _apply_provisions(record.provisions, page):
        changed.append("specialist_provision")

    changed.extend(_apply_council_answers(record, page))
    return changed


def _apply_provisions(provisions: list[ProvisionData], page: SchoolPage) -> bool:
    """Replace the school's own specialist provision with ``provisions``; True if it differs.

    Rows the GIAS import keeps in step with the national register (``from_gias``) are
    left alone, so the two imports never undo each other.
    """
    existing = list(page.specialist_provisions.all())
    from_register = [row for row in existing if row.from_gias]
    current = [
        (
            row.kind,
            frozenset(n.pk for n in row.needs.all()),
            row.places,
            row.on_roll,
            row.description,
        )
        for row in existing
        if not row.from_gias
    ]
    wanted = [
        (
            data.kind,
            frozenset(n.pk for n in data.needs),
            data.places,
            data.on_roll,
            data.description,
        )
        for data in provisions
    ]
    if current == wanted:
        return False
    first_position = max((row.sort_order or 0 for row in from_register), default=-1) + 1
    rows = list(from_register)
    for position, data in enumerate(provisions, start=first_position):
        row = SpecialistProvision(
            kind=data.kind,
            places=data.places,
            on_roll=data.on_roll,
            description=data.description,
            sort_order=position,
        )
        row.needs = list(data.needs)
        rows.append(row)
    page.specialist_provisions = rows
    return True


def _apply_council_answers(record: SchoolRecord, page: SchoolPage) -> list[str]:
    if not record.council_answers:
        return []
    answers = list(page.extra_answers.all())
    by_question = {answer.question_id: answer for answer in answers}
    next_position = max((answer.sort_order or 0 for answer in answers), default=-1) + 1
    changed = []
    for key, (question, html) in record.council_answers.items():
        current = by_question.get(question.pk)
        if is_blank(html):
            # An empty answer removes the school's answer to that question.
            if current is None:
                continue
            answers.remove(current)
        elif current is None:
            answers.append(ExtraAnswer(question=question, answer=html, sort_order=next_position))
            next_position += 1
        elif current.answer != html:
            current.answer = html
        else:
            continue
        changed.append(f"council_questions.{key}")
    if changed:
        page.extra_answers = answers
    return changed


def _full_clean(item: PlannedSchool, problems: list[Problem]) -> None:
    record = item.record
    checked = set(record.values)
    if item.action is Action.CREATE:
        checked |= _SCHOOL_FIELDS
    checked -= record.invalid_fields
    # Leave out fields the record does not set (an existing page's other values are
    # not the file's fault) and Wagtail's tree fields, which are set on saving.
    exclude = [f.name for f in SchoolPage._meta.concrete_fields if f.name not in checked]
    try:
        # URNs are unique because records are matched by URN and duplicates in the
        # file are reported, so skip the per-page uniqueness queries.
        item.page.full_clean(exclude=exclude, validate_unique=False)
    except ValidationError as error:
        problems.extend(record.model_problems(error))
