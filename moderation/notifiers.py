"""One email per person per moderation event, in the council's words, for school reports.

Wagtail emails the submitter when a workflow is approved or rejected, and emails
superusers twice for each submission (once for the workflow, once for the task). For
school pages that meant two different emails to some people and none to the school's
other editors. Here Wagtail's notifiers are replaced, for school pages only, by
``services.notify_school_editors``; other objects (snippets, other page types) keep
Wagtail's behaviour.

The replacements are connected with Wagtail's own ``dispatch_uid``s from
``ModerationConfig.ready``, which runs before ``wagtail.admin``'s (``moderation`` comes
first in ``INSTALLED_APPS``): a signal keeps the first receiver connected under a given
uid, so Wagtail's later ``connect`` is a no-op. ``tests/moderation/test_emails.py``
checks each person gets exactly one email.
"""

from __future__ import annotations

from typing import Any

from wagtail.models import WorkflowState
from wagtail.signals import workflow_approved, workflow_rejected, workflow_submitted

from schools.models import SchoolPage


def _is_school(workflow_state: WorkflowState) -> bool:
    return workflow_state.content_type.model_class() is SchoolPage


def _approved(sender: type, instance: WorkflowState, user: Any = None, **kwargs: Any) -> None:
    from wagtail.admin.signal_handlers import workflow_approval_email_notifier

    from .services import notify_school_editors

    if _is_school(instance):
        notify_school_editors(instance, approved=True, user=user)
    else:
        workflow_approval_email_notifier(instance=instance, user=user, **kwargs)


def _rejected(sender: type, instance: WorkflowState, user: Any = None, **kwargs: Any) -> None:
    from wagtail.admin.signal_handlers import workflow_rejection_email_notifier

    from .services import notify_school_editors

    if _is_school(instance):
        notify_school_editors(instance, approved=False, user=user)
    else:
        workflow_rejection_email_notifier(instance=instance, user=user, **kwargs)


def _submitted(sender: type, instance: WorkflowState, user: Any = None, **kwargs: Any) -> None:
    # For a school the task's notification (to the council's reviewers, and superusers)
    # already says a report is waiting; the workflow's would be a second email to each
    # superuser about the same submission.
    from wagtail.admin.signal_handlers import workflow_submission_email_notifier

    if not _is_school(instance):
        workflow_submission_email_notifier(instance=instance, user=user, **kwargs)


def connect_notifiers() -> None:
    """Take Wagtail's places for the workflow emails (call before ``wagtail.admin`` is ready)."""
    workflow_approved.connect(
        _approved,
        sender=WorkflowState,
        dispatch_uid="workflow_state_approved_email_notification",
    )
    workflow_rejected.connect(
        _rejected,
        sender=WorkflowState,
        dispatch_uid="workflow_state_rejected_email_notification",
    )
    workflow_submitted.connect(
        _submitted,
        sender=WorkflowState,
        dispatch_uid="workflow_state_submitted_email_notification",
    )
