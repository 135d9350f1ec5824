"""What a report submitted for review changes, against the version parents see now.

Read-only; the review screen (``views.ReviewChangesView``) shows it. Only the statutory
items, council questions and facts that changed are listed, each statutory item under
the heading parents see, with a word-level difference (``moderation.diff``), the
plain-English help of the submitted answer, and the checklist of the submitted version.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from wagtail.models import Revision, TaskState

from schools.checklist import STATUTORY_ITEMS, AnsweredBy
from schools.compliance import ComplianceResult, check_compliance, is_blank
from schools.models import SchoolPage
from schools.panels import glossary
from schools.readability import Readability, assess

from .diff import Paragraph, compare, has_changed
from .selectors import reviewed_unchanged_note, statutory_headings


@dataclass(frozen=True)
class ChangedAnswer:
    """A report answer that differs from the published one."""

    key: str
    heading: str
    paragraphs: list[Paragraph]
    advice: Readability | None
    added: bool
    removed: bool


@dataclass(frozen=True)
class ChangedFact:
    """A fact about the school (name, contacts, ticked needs...) that differs."""

    label: str
    before: str
    after: str


@dataclass(frozen=True)
class SubmittedReport:
    """A report waiting for the council, compared with its published version."""

    page: SchoolPage
    task_state: TaskState
    revision: Revision
    note: str | None
    answers: list[ChangedAnswer]
    facts: list[ChangedFact]
    checklist: ComplianceResult
    published_checklist: ComplianceResult | None
    missing_headings: list[str]

    @property
    def submitted_at(self) -> dt.datetime:
        return self.revision.created_at

    @property
    def nothing_changed(self) -> bool:
        return not (self.answers or self.facts)

    @property
    def checklist_difference(self) -> str:
        """What the submitted version changes in the checklist, in a sentence."""
        if self.published_checklist is None:
            return "This report has never been published."
        before = {item.key for item in self.published_checklist.answered}
        after = {item.key for item in self.checklist.answered}
        gained, lost = len(after - before), len(before - after)
        parts = []
        if gained:
            parts.append(f"now answers {gained} more statutory item{'s' if gained > 1 else ''}")
        if lost:
            parts.append(f"no longer answers {lost} item{'s' if lost > 1 else ''} it answered")
        if not parts:
            return "It answers the same statutory items as the published version."
        sentence = " and ".join(parts)
        return f"Compared with the published version, it {sentence}."


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _labels(manager: Any) -> str:
    return ", ".join(sorted(str(term) for term in manager.all()))


def _provisions(page: SchoolPage) -> str:
    parts = []
    for provision in page.specialist_provisions.all():
        needs = ", ".join(str(need) for need in provision.needs.all())
        places = f", {provision.places} places" if provision.places else ""
        parts.append(f"{provision.get_kind_display()}{f' ({needs})' if needs else ''}{places}")
    return "; ".join(parts)


_FACTS: list[tuple[str, Callable[[SchoolPage], str]]] = [
    ("School name", lambda p: p.title),
    ("URN", lambda p: p.urn),
    ("Phase", lambda p: p.get_phase_display()),
    ("Type of school", lambda p: p.get_establishment_type_display()),
    ("Age range", lambda p: p.age_range),
    ("Address", lambda p: ", ".join(_text(p.address).splitlines())),
    ("Town", lambda p: p.town),
    ("Postcode", lambda p: p.postcode),
    ("Website", lambda p: p.website),
    ("Phone", lambda p: p.phone),
    ("Email", lambda p: p.email),
    ("SENCO name", lambda p: p.senco_name),
    ("SENCO email", lambda p: p.senco_email),
    ("SENCO phone", lambda p: p.senco_phone),
    ("Head teacher", lambda p: p.head_teacher),
    ("SEN governor", lambda p: p.sen_governor),
    ("Types of need", lambda p: _labels(p.needs)),
    ("Accessibility features", lambda p: _labels(p.accessibility_features)),
    ("Outreach and specialist services", lambda p: _labels(p.outreach_services)),
    ("Specialist provision", _provisions),
]


def _changed_facts(before: SchoolPage | None, after: SchoolPage) -> list[ChangedFact]:
    changed = []
    for label, read in _FACTS:
        old = _text(read(before)) if before is not None else ""
        new = _text(read(after))
        if old != new:
            changed.append(ChangedFact(label, old, new))
    return changed


def _answer(key: str, heading: str, old: str, new: str, terms: Any) -> ChangedAnswer:
    return ChangedAnswer(
        key=key,
        heading=heading,
        paragraphs=compare(old, new),
        advice=assess(new, terms),
        added=is_blank(old),
        removed=is_blank(new),
    )


def _changed_answers(before: SchoolPage | None, after: SchoolPage) -> list[ChangedAnswer]:
    headings = statutory_headings()
    terms = glossary()
    answers = []
    for item in STATUTORY_ITEMS:
        if item.answered_by == AnsweredBy.SENCO_CONTACT:
            continue  # a fact: the SENCO's name and contact details
        old = getattr(before, item.key, "") if before is not None else ""
        new = getattr(after, item.key, "")
        if has_changed(old or "", new or ""):
            answers.append(_answer(item.key, item.heading_in(headings), old, new, terms))
    extra_before = {a.question_id: a.answer for a in before.extra_answers.all()} if before else {}
    for extra in after.extra_answers.all():
        old = extra_before.pop(extra.question_id, "")
        if has_changed(old or "", extra.answer or ""):
            key = f"extra-{extra.question_id}"
            answers.append(_answer(key, str(extra.question), old, extra.answer, terms))
    for question_id, old in extra_before.items():
        if not is_blank(old):
            answers.append(_answer(f"extra-{question_id}", "A council question", old, "", terms))
    return answers


def submitted_report(page: SchoolPage) -> SubmittedReport | None:
    """The report ``page`` has waiting for review, compared with the published one."""
    task_state = page.current_workflow_task_state
    if task_state is None or task_state.revision is None:
        return None
    revision = task_state.revision
    submitted = revision.as_object()
    published = page.live_revision.as_object() if page.live and page.live_revision else None
    checklist = check_compliance(submitted)
    headings = statutory_headings()
    return SubmittedReport(
        page=page,
        task_state=task_state,
        revision=revision,
        note=reviewed_unchanged_note(page),
        answers=_changed_answers(published, submitted),
        facts=_changed_facts(published, submitted),
        checklist=checklist,
        published_checklist=check_compliance(published) if published is not None else None,
        missing_headings=[item.heading_in(headings) for item in checklist.missing],
    )
