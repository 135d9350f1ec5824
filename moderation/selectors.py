"""Read-only questions about school reports: their status, their editors, their moderation.

``school_statuses`` is the one place that puts together, for every school, the
compliance of its published report, its annual review status, whether it is waiting
for the council, and who edits it. The dashboard, the home page summary and the
reminders all use it, in a fixed number of queries however many schools there are.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from wagtail.models import (
    Page,
    PageLogEntry,
    Revision,
    WorkflowState,
    get_default_page_content_type,
)

from schools.checklist import StatutoryItem
from schools.compliance import check_compliance
from schools.models import SchoolPage
from schools.review import ReviewStatus, next_review_due, review_status
from schools.selectors import missing_headings, statutory_headings

from .models import SchoolEditorGroup


class ComplianceStatus(StrEnum):
    """Whether the published report answers every statutory item."""

    COMPLIANT = "compliant"
    MISSING_ITEMS = "missing-items"

    @property
    def label(self) -> str:
        return {
            ComplianceStatus.COMPLIANT: "Compliant",
            ComplianceStatus.MISSING_ITEMS: "Missing items",
        }[self]


class ModerationStatus(StrEnum):
    """Where a school's latest changes stand in the council's moderation."""

    NONE = "none"
    AWAITING = "awaiting-moderation"
    CHANGES_REQUESTED = "changes-requested"

    @property
    def label(self) -> str:
        return {
            ModerationStatus.NONE: "Not in moderation",
            ModerationStatus.AWAITING: "Awaiting moderation",
            ModerationStatus.CHANGES_REQUESTED: "Changes requested",
        }[self]


@dataclass(frozen=True)
class EditorContact:
    """A school editor as the council sees them on the dashboard."""

    name: str
    email: str

    def __str__(self) -> str:
        if self.name and self.email:
            return f"{self.name} <{self.email}>"
        return self.name or self.email


@dataclass(frozen=True)
class SchoolStatus:
    """Everything the council's dashboard says about one school."""

    page_id: int
    title: str
    urn: str
    live: bool
    last_reviewed: dt.date | None
    review: ReviewStatus
    missing: tuple[StatutoryItem, ...]
    missing_headings: tuple[str, ...]
    moderation: ModerationStatus
    editors: tuple[EditorContact, ...]
    # The checklist of the version waiting for review, when there is one.
    submitted_missing: tuple[StatutoryItem, ...] | None = None

    @property
    def compliance(self) -> ComplianceStatus:
        return ComplianceStatus.MISSING_ITEMS if self.missing else ComplianceStatus.COMPLIANT

    @property
    def next_review_due(self) -> dt.date | None:
        return next_review_due(self.last_reviewed) if self.last_reviewed else None

    @property
    def compliance_label(self) -> str:
        if not self.missing:
            return ComplianceStatus.COMPLIANT.label
        count = len(self.missing)
        return f"{count} missing item" + ("" if count == 1 else "s")

    @property
    def figures_for(self) -> str:
        """Which version the compliance figures describe."""
        return "Published version" if self.live else "Not published yet (first version)"

    @property
    def published_compliance_label(self) -> str:
        """The compliance label, saying when it is not about a published report."""
        if self.live:
            return self.compliance_label
        return f"{self.compliance_label} (not published yet)"

    @property
    def moderation_detail(self) -> str:
        """The moderation status with the checklist of a version awaiting review."""
        if self.submitted_missing is None:
            return self.moderation_label
        verb = "has" if self.submitted_missing else "is"
        return f"{self.moderation_label}: the submitted version {verb} {self.submitted_label}"

    @property
    def submitted_label(self) -> str:
        """The checklist of the version awaiting review, against the published one."""
        if self.submitted_missing is None:
            return ""
        count = len(self.submitted_missing)
        label = "compliant" if not count else f"{count} missing item" + ("" if count == 1 else "s")
        change = len(self.missing) - count
        if change > 0:
            label += f" (answers {change} more)"
        elif change < 0:
            label += f" (answers {-change} fewer)"
        return label

    @property
    def last_reviewed_label(self) -> str:
        return f"{self.last_reviewed:%-d %B %Y}" if self.last_reviewed else "Never"

    @property
    def review_label(self) -> str:
        return self.review.label

    @property
    def moderation_label(self) -> str:
        return self.moderation.label

    @property
    def missing_list(self) -> str:
        return "; ".join(self.missing_headings)

    @property
    def editors_list(self) -> str:
        return "; ".join(str(editor) for editor in self.editors) or "No editors"

    @property
    def editor_emails(self) -> list[str]:
        return [editor.email for editor in self.editors if editor.email]


@dataclass(frozen=True)
class StatusCounts:
    """How many schools are in each status, for the admin home page."""

    total: int
    compliant: int
    missing_items: int
    due_soon: int
    overdue: int
    never_reviewed: int
    awaiting_moderation: int
    changes_requested: int


def missing_item_headings(page: SchoolPage) -> list[str]:
    """Headings of the statutory items ``page`` (any version of it) does not answer."""
    return missing_headings(page)


def _active_users() -> QuerySet[AbstractBaseUser]:
    return get_user_model().objects.filter(is_active=True).order_by("last_name", "email")


def school_editors(school: Page) -> QuerySet[AbstractBaseUser]:
    """Active members of ``school``'s editors' group (none if it has no group yet)."""
    return _active_users().filter(groups__school_link__school_id=school.pk)


def editor_group(school: Page) -> Group | None:
    """The editors' group of ``school``, if it has been created."""
    return Group.objects.filter(school_link__school_id=school.pk).first()


def _moderation_by_page(
    page_ids: Iterable[int],
) -> tuple[dict[int, ModerationStatus], dict[int, tuple[StatutoryItem, ...]]]:
    """Each page's moderation status, and the missing items of each version awaiting review."""
    states = WorkflowState.objects.active().filter(
        base_content_type=get_default_page_content_type(),
        object_id__in=[str(page_id) for page_id in page_ids],
    )
    result: dict[int, ModerationStatus] = {}
    awaiting: dict[int, int] = {}
    for object_id, status, revision_id in states.values_list(
        "object_id", "status", "current_task_state__revision_id"
    ):
        if status == WorkflowState.STATUS_NEEDS_CHANGES:
            result[int(object_id)] = ModerationStatus.CHANGES_REQUESTED
        else:
            result[int(object_id)] = ModerationStatus.AWAITING
            if revision_id:
                awaiting[revision_id] = int(object_id)
    submitted = {
        awaiting[revision.pk]: check_compliance(revision.as_object()).missing
        for revision in Revision.objects.filter(pk__in=list(awaiting))
    }
    return result, submitted


def _editors_by_page(page_ids: Iterable[int]) -> dict[int, tuple[EditorContact, ...]]:
    links = (
        SchoolEditorGroup.objects.filter(school_id__in=list(page_ids))
        .prefetch_related(
            Prefetch("group__user_set", queryset=_active_users(), to_attr="active_members")
        )
        .select_related("group")
    )
    return {
        link.school_id: tuple(
            EditorContact(name=user.get_full_name(), email=user.email)
            for user in link.group.active_members
        )
        for link in links
    }


def school_statuses(
    today: dt.date | None = None, schools: QuerySet[SchoolPage] | None = None
) -> list[SchoolStatus]:
    """The status of every school (or of ``schools``), in title order.

    Compliance is checked on what parents see: the published version of each report
    (for a page never published, the version it was created with).
    """
    today = today or timezone.localdate()
    pages = list(
        (schools if schools is not None else SchoolPage.objects.all())
        .order_by("title")
        .prefetch_related("needs")
    )
    page_ids = [page.pk for page in pages]
    moderation, submitted = _moderation_by_page(page_ids)
    editors = _editors_by_page(page_ids)
    headings = statutory_headings()
    statuses = []
    for page in pages:
        missing = check_compliance(page).missing
        statuses.append(
            SchoolStatus(
                page_id=page.pk,
                title=page.title,
                urn=page.urn,
                live=page.live,
                last_reviewed=page.last_reviewed,
                review=review_status(page.last_reviewed, today),
                missing=missing,
                missing_headings=tuple(item.heading_in(headings) for item in missing),
                moderation=moderation.get(page.pk, ModerationStatus.NONE),
                editors=editors.get(page.pk, ()),
                submitted_missing=submitted.get(page.pk),
            )
        )
    return statuses


def status_counts(statuses: Iterable[SchoolStatus]) -> StatusCounts:
    """Count ``statuses`` per compliance, review and moderation status."""
    statuses = list(statuses)
    compliance = Counter(status.compliance for status in statuses)
    review = Counter(status.review for status in statuses)
    moderation = Counter(status.moderation for status in statuses)
    return StatusCounts(
        total=len(statuses),
        compliant=compliance[ComplianceStatus.COMPLIANT],
        missing_items=compliance[ComplianceStatus.MISSING_ITEMS],
        due_soon=review[ReviewStatus.DUE_SOON],
        overdue=review[ReviewStatus.OVERDUE],
        never_reviewed=review[ReviewStatus.NEVER_REVIEWED],
        awaiting_moderation=moderation[ModerationStatus.AWAITING],
        changes_requested=moderation[ModerationStatus.CHANGES_REQUESTED],
    )


def reviewed_unchanged_note(page: Page) -> str | None:
    """The editor's note when ``page`` is in moderation as "reviewed, nothing changed".

    ``None`` when it is not in moderation or was submitted with changes.
    """
    state = page.current_workflow_state
    task_state = state.current_task_state if state else None
    if task_state is None:
        return None
    entry = (
        PageLogEntry.objects.filter(
            page_id=page.pk,
            action="moderation.reviewed_unchanged",
            revision_id=task_state.revision_id,
        )
        .order_by("-timestamp")
        .first()
    )
    return None if entry is None else str(entry.data.get("note", ""))


def longest_unreviewed_school() -> SchoolPage | None:
    """The live school reviewed longest ago (the demo editor's school shows the review)."""
    live = SchoolPage.objects.live()
    return (
        live.exclude(last_reviewed=None).order_by("last_reviewed", "title").first()
        or live.order_by("title").first()
    )


@dataclass(frozen=True)
class ChangesRequested:
    """The council's request for changes on a report that is back with its school."""

    comment: str
    moderator: str
    requested_at: dt.datetime | None


def changes_requested(page: Page) -> ChangesRequested | None:
    """The moderator's comment when ``page``'s report is back with the school, else ``None``."""
    state = (
        WorkflowState.objects.active()
        .filter(
            base_content_type=get_default_page_content_type(),
            object_id=str(page.pk),
            status=WorkflowState.STATUS_NEEDS_CHANGES,
        )
        .select_related("current_task_state__finished_by")
        .first()
    )
    task_state = state.current_task_state if state else None
    if task_state is None:
        return None
    who = task_state.finished_by
    return ChangesRequested(
        comment=task_state.specific.get_comment(),
        moderator=(who.get_full_name() or who.get_username()) if who else "The council",
        requested_at=task_state.finished_at,
    )


def decision_summary(page: Page) -> str | None:
    """What the council's last decision on ``page`` did, in a sentence for the moderator.

    ``None`` when the page's last workflow is still in progress or was cancelled.
    """
    state = (
        WorkflowState.objects.filter(
            base_content_type=get_default_page_content_type(), object_id=str(page.pk)
        )
        .order_by("-created_at", "-pk")
        .first()
    )
    school = SchoolPage.objects.filter(pk=page.pk).first()
    if state is None or school is None:
        return None
    if state.status == WorkflowState.STATUS_APPROVED:
        reviewed = (
            f"; review date set to {school.last_reviewed:%-d %B %Y}, next review due by "
            f"{school.next_review_due:%-d %B %Y}"
            if school.last_reviewed and school.next_review_due
            else ""
        )
        return f"{school.title}'s report approved and published{reviewed}."
    if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return (
            f"Changes requested for {school.title}'s report. Its editors have been emailed "
            "your comment; nothing was published."
        )
    return None


class ReportState(StrEnum):
    """Where a school's report stands, as its editors need to know it."""

    LIVE = "live"
    DRAFT = "draft"
    NEVER_PUBLISHED = "never-published"
    IN_MODERATION = "in-moderation"
    CHANGES_REQUESTED = "changes-requested"

    @property
    def label(self) -> str:
        return {
            ReportState.LIVE: "Published: parents see your latest version",
            ReportState.DRAFT: "Draft: you have changes that are not submitted yet",
            ReportState.NEVER_PUBLISHED: "Not published yet: submit it for the council to check",
            ReportState.IN_MODERATION: "With the council for review",
            ReportState.CHANGES_REQUESTED: "Changes requested by the council",
        }[self]


@dataclass(frozen=True)
class YourSchool:
    """One school on its editor's admin home page."""

    page: SchoolPage
    state: ReportState
    submitted_at: dt.datetime | None
    changes: ChangesRequested | None
    review: ReviewStatus
    next_review_due: dt.date | None
    missing_headings: tuple[str, ...]

    @property
    def state_label(self) -> str:
        return self.state.label


def schools_edited_by(user: AbstractBaseUser) -> list[SchoolPage]:
    """The schools whose editors' group ``user`` is in, by name."""
    if not user.is_authenticated:
        return []
    return list(
        SchoolPage.objects.filter(editor_group_link__group__user=user).order_by("title").distinct()
    )


def your_school(page: SchoolPage) -> YourSchool:
    """What the editors of ``page`` see about it on their admin home page."""
    latest = page.get_latest_revision_as_object()
    state = page.current_workflow_state
    changes = None
    submitted_at = None
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        report_state = ReportState.CHANGES_REQUESTED
        changes = changes_requested(page)
    elif state is not None:
        report_state = ReportState.IN_MODERATION
        submitted_at = state.created_at
    elif not page.live:
        report_state = ReportState.NEVER_PUBLISHED
    elif page.has_unpublished_changes:
        report_state = ReportState.DRAFT
    else:
        report_state = ReportState.LIVE
    headings = statutory_headings()
    return YourSchool(
        page=page,
        state=report_state,
        submitted_at=submitted_at,
        changes=changes,
        review=review_status(page.last_reviewed),
        next_review_due=next_review_due(page.last_reviewed) if page.last_reviewed else None,
        missing_headings=tuple(
            item.heading_in(headings) for item in check_compliance(latest).missing
        ),
    )
