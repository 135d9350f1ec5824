"""The editor rule: what an import may do to a school page that people are working on.

Written once, for every import source (the JSON file, the GIAS register). People's work
comes first:

* A report **awaiting review** (an open moderation workflow) is held back: the import
  changes nothing on that school and leaves the review as it is.
* A **locked** page is held back the same way.
* An editor's **draft** (unpublished changes) stays the latest version. The facts the
  import owns (``FACT_FIELDS``, and the specialist provision GIAS lists) are published and
  added to the draft too; report text the import would change is named in the summary
  and skipped.
* A page that is **unpublished** is never published again. The facts are saved in its
  latest version without publishing it; report text is skipped as for a draft.

``force`` (the commands' ``--force``) overrides every hold: an open review is cancelled,
a lock is ignored, the report text is written into the live page and the draft, and an
unpublished page is published. Each override is recorded in the page's history
(``LOG_FORCED``) under the user who ran the import.

Closing a school (GIAS) is not an edit and is not held back: see ``gias.planning``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from wagtail.log_actions import LogFormatter, log
from wagtail.models import WorkflowState, get_default_page_content_type

from ..models import SchoolPage

# The school's facts an import owns, as opposed to the report its editors write: what
# GIAS gives (with the census totals it repeats), and the office email.
FACT_FIELDS: frozenset[str] = frozenset(
    {
        "title",
        "phase",
        "establishment_type",
        "age_low",
        "age_high",
        "address",
        "town",
        "postcode",
        "website",
        "phone",
        "email",
        "head_teacher",
        "latitude",
        "longitude",
        "gias_ehc_plans",
        "gias_sen_support",
        "gias_census_date",
    }
)

LOG_FORCED = "schools.import_forced"
OVERRIDE_HINT = "Run again with --force --user USERNAME to override."

# Applies the import's values to one version of a page, in memory: the facts, and the
# report text too when the second argument is true. Returns what differed.
Apply = Callable[[SchoolPage, bool], Sequence[str]]


class Hold(StrEnum):
    """Something a person did to a page that an import respects."""

    IN_MODERATION = "in moderation"
    LOCKED = "locked"
    DRAFT = "draft"
    UNPUBLISHED = "unpublished"


_BLOCKING = frozenset({Hold.IN_MODERATION, Hold.LOCKED})


@dataclass(frozen=True)
class PageState:
    """The holds on one page, read before the import decides anything."""

    holds: frozenset[Hold]
    locked_by: str = ""

    @classmethod
    def of(cls, page: SchoolPage, *, in_moderation: bool | None = None) -> PageState:
        """``page``'s holds; ``in_moderation`` may be given from ``pages_in_moderation``."""
        if in_moderation is None:
            in_moderation = page.current_workflow_state is not None
        holds = set()
        if in_moderation:
            holds.add(Hold.IN_MODERATION)
        locked_by = ""
        if page.locked:
            holds.add(Hold.LOCKED)
            user = page.locked_by
            locked_by = (user.get_full_name() or user.get_username()) if user else ""
        if not page.live:
            holds.add(Hold.UNPUBLISHED)
        elif page.has_unpublished_changes:
            holds.add(Hold.DRAFT)
        return cls(frozenset(holds), locked_by)

    def reasons(self, holds: Iterable[Hold] | None = None) -> str:
        """The holds in plain words, e.g. ``its report is awaiting review by the council``."""
        chosen = self.holds if holds is None else frozenset(holds)
        words = {
            Hold.IN_MODERATION: "its report is awaiting review by the council",
            Hold.LOCKED: "the page is locked" + (f" by {self.locked_by}" if self.locked_by else ""),
            Hold.DRAFT: "an editor has unpublished changes (a draft)",
            Hold.UNPUBLISHED: "the page is unpublished",
        }
        return " and ".join(words[hold] for hold in Hold if hold in chosen)


def pages_in_moderation(page_ids: Iterable[int]) -> set[int]:
    """Which of ``page_ids`` have a report awaiting review (one query for all of them)."""
    states = WorkflowState.objects.active().filter(
        base_content_type=get_default_page_content_type(),
        object_id__in=[str(page_id) for page_id in page_ids],
    )
    return {int(object_id) for object_id in states.values_list("object_id", flat=True)}


@dataclass(frozen=True)
class Decision:
    """What the rule lets an import do to one existing page, given what it would change.

    ``facts`` and ``report`` name what the import would change (against the live page or
    the draft), split by who owns it.
    """

    state: PageState
    facts: tuple[str, ...]
    report: tuple[str, ...] = ()
    force: bool = False

    @property
    def changes(self) -> tuple[str, ...]:
        return (*self.facts, *self.report)

    @property
    def _protects_report(self) -> bool:
        return bool(self.state.holds & {Hold.DRAFT, Hold.UNPUBLISHED})

    @property
    def writes_report(self) -> bool:
        """True when the report text may be written."""
        return self.force or not self._protects_report

    @property
    def skipped(self) -> tuple[str, ...]:
        """Report text the import would change but leaves alone."""
        return () if self.writes_report else self.report

    @property
    def held_back(self) -> bool:
        """True when nothing at all is written to this school."""
        if self.force:
            return False
        if self.state.holds & _BLOCKING:
            return True
        return not self.facts and not self.writes_report

    @property
    def publishes(self) -> bool:
        """True when the import's version is published (never for an unpublished page)."""
        return self.force or Hold.UNPUBLISHED not in self.state.holds

    @property
    def overridden(self) -> frozenset[Hold]:
        """The holds ``force`` overrode: recorded in the page's history."""
        if not self.force:
            return frozenset()
        holds = self.state.holds & (_BLOCKING | {Hold.UNPUBLISHED})
        if Hold.DRAFT in self.state.holds and self.report:
            holds |= {Hold.DRAFT}
        return frozenset(holds)

    def note(self) -> str | None:
        """The summary's line for this school, or None when no one's work was in the way."""
        if self.force:
            if not self.overridden:
                return None
            return (
                f"forced although {self.state.reasons(self.overridden)}; "
                "recorded in the page's history"
            )
        if not self.state.holds:
            return None
        reasons = self.state.reasons()
        if blocking := self.state.holds & _BLOCKING:
            # A report in review is a draft too: the review is what matters here.
            note = f"{self.state.reasons(blocking)}; nothing was changed"
        elif self.held_back:
            note = f"{reasons}; nothing was changed"
        elif Hold.UNPUBLISHED in self.state.holds:
            note = f"{reasons}; the new facts were saved without publishing it"
        else:
            note = f"{reasons}; the new facts were published and added to the draft"
        if self.skipped:
            note += f"; report text left as it is: {', '.join(self.skipped)}"
        return note


def judge(
    changes: Sequence[tuple[SchoolPage, Sequence[str], Sequence[str]]], *, force: bool
) -> list[Decision]:
    """The rule's decision for each changed page, given as ``(page, facts, report)``.

    ``facts`` and ``report`` name what the import would change; one query finds the
    reports awaiting review for all the pages.
    """
    in_moderation = pages_in_moderation(page.pk for page, _, _ in changes)
    return [
        Decision(
            PageState.of(page, in_moderation=page.pk in in_moderation),
            tuple(facts),
            tuple(report),
            force,
        )
        for page, facts, report in changes
    ]


def write_update(
    page: SchoolPage,
    decision: Decision,
    apply: Apply,
    *,
    user: AbstractBaseUser | None = None,
    log_revisions: bool = True,
) -> None:
    """Save an import's changes to an existing ``page`` as ``decision`` allows.

    ``page`` is the page as stored (its live version). The import's version is published
    from it when the rule allows; an editor's draft is then saved again on top, with the
    same changes, so it stays the latest version. With ``log_revisions`` the revisions
    and the publication get Wagtail's own history entries; otherwise the caller writes
    its own. Run inside the import's transaction.
    """
    if decision.held_back:
        return
    if decision.force and Hold.IN_MODERATION in decision.state.holds:
        workflow_state = page.current_workflow_state
        if workflow_state is not None:
            # Recorded by Wagtail in the page's history ("Workflow cancelled").
            workflow_state.cancel(user=user)
            page.refresh_from_db()
    draft = page.get_latest_revision_as_object() if page.has_unpublished_changes else None
    with_report = decision.writes_report
    if decision.publishes and apply(page, with_report):
        revision = page.save_revision(user=user, clean=False, log_action=log_revisions)
        # ``user`` names who ran the import, for the history; the command line is the
        # council's own access, so the user's page permissions are not checked.
        revision.publish(user=user, log_action=log_revisions, skip_permission_checks=True)
    if draft is not None:
        if apply(draft, with_report):
            draft.save_revision(user=user, clean=False, log_action=log_revisions)
    elif not decision.publishes and apply(page, with_report):
        page.save_revision(user=user, clean=False, log_action=log_revisions)
    if decision.overridden:
        comment = (
            f"The import overrode people's work: {decision.state.reasons(decision.overridden)}. "
            f"It changed: {', '.join(decision.changes)}."
        )
        log(instance=page, action=LOG_FORCED, user=user, data={"comment": comment})


class _ForcedFormatter(LogFormatter):
    label = "Import: forced"
    message = "An import was forced over people's work"

    def format_comment(self, log_entry: Any) -> str:
        return (log_entry.data or {}).get("comment", "")


def register_log_actions(actions: Any) -> None:
    """Name the forced-import entry in a page's history (from a Wagtail hook)."""
    actions.register_action(LOG_FORCED)(_ForcedFormatter)
