"""The annual review: publishing an approved report, and "reviewed, nothing changed"."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Revision, TaskState, Workflow, WorkflowState

from schools.models import SchoolPage

from .errors import ModerationError
from .locks import check_can_approve, check_can_write


def publish_reviewed_report(
    page: SchoolPage, task_state: TaskState, user: AbstractBaseUser | None = None
) -> Revision:
    """Publish the report approved in ``task_state``, recording today as its last review.

    What is published is the version that was submitted (``locks.check_can_approve``:
    ``ApprovalRefused`` when someone else saved a newer one since). The review date goes
    into a new revision of the approved content, so the next edit starts from it and
    the history shows who recorded it.
    """
    today = timezone.localdate()
    draft = check_can_approve(page, task_state, user).as_object()
    draft.last_reviewed = today
    revision = draft.save_revision(user=user, log_action=False, clean=False)
    log(
        instance=draft,
        action="moderation.review_recorded",
        user=user,
        revision=revision,
        data={"last_reviewed": today.isoformat()},
    )
    revision.publish(user=user)
    return revision


def can_confirm_unchanged(page: SchoolPage, user: AbstractBaseUser) -> bool:
    """Whether ``user`` may confirm "reviewed, nothing changed" for ``page`` now."""
    try:
        check_can_confirm_unchanged(page, user)
    except ModerationError:
        return False
    return True


def check_can_confirm_unchanged(page: SchoolPage, user: AbstractBaseUser) -> Workflow:
    """The workflow to start, or ``ModerationError`` saying why ``user`` cannot confirm now."""
    permissions = page.permissions_for_user(user)
    refused = ModerationError("You do not have permission to submit this school's report.")
    if not permissions.can_edit():
        raise refused
    if not page.live:
        raise ModerationError(
            "This report has not been published yet, so there is no published version to "
            "confirm. Submit it for moderation instead."
        )
    if page.current_workflow_state is not None:
        raise ModerationError(
            "This report is already with the council for moderation. You will get an email "
            "when they have looked at it."
        )
    # The council's lock stops this as it stops the edit screen.
    check_can_write(page, user)
    # Wagtail's can_submit_for_moderation() does not check that the user may edit the page.
    if not permissions.can_submit_for_moderation():
        raise refused
    if page.has_unpublished_changes:
        raise ModerationError(
            "This report has saved changes that are not published yet. Submit those changes "
            "for moderation instead: approving them also records your review."
        )
    workflow = page.get_workflow()
    if workflow is None:
        raise ModerationError("No moderation workflow applies to this page. Tell the council.")
    return workflow


@transaction.atomic
def confirm_reviewed_unchanged(
    page: SchoolPage, user: AbstractBaseUser, note: str = ""
) -> WorkflowState:
    """Send an unchanged report to moderation as this year's review.

    Saves a new revision identical to the published report (so the review has its
    own entry in the history, with the editor's note) and starts the workflow on it.
    Approval then records the review date like any other approval.
    """
    # Holding the page's row: two clicks (or a click and an import) cannot both pass the checks.
    page = SchoolPage.objects.select_for_update().get(pk=page.pk)
    workflow = check_can_confirm_unchanged(page, user)
    published = page.live_revision.as_object() if page.live_revision else page
    revision = published.save_revision(user=user, log_action=False, changed=False, clean=False)
    log(
        instance=page,
        action="moderation.reviewed_unchanged",
        user=user,
        revision=revision,
        data={"note": note.strip()},
        content_changed=False,
    )
    page = SchoolPage.objects.get(pk=page.pk)
    workflow.start(page, user)
    return page.current_workflow_state
