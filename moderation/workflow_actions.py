"""What happens when a moderation workflow is approved (``WAGTAIL_FINISH_WORKFLOW_ACTION``).

Wagtail imports this module while it loads its own models, so it must not import any
models at module level; the work is done by ``moderation.services``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wagtail.models import WorkflowState


def publish_approved_revision(workflow_state: WorkflowState, user: Any = None) -> None:
    """Publish the approved revision; for a school report, record its annual review too.

    A school report's approval publishes the version that was submitted, or raises
    ``ApprovalRefused`` (inside Wagtail's transaction, so the approval is undone) when
    someone else saved a newer one since.
    """
    from wagtail.workflows import publish_workflow_state

    from schools.models import SchoolPage

    from .services import publish_reviewed_report

    page = workflow_state.content_object
    if getattr(page, "specific_class", None) is SchoolPage:
        publish_reviewed_report(page.specific, workflow_state.current_task_state, user=user)
    else:
        publish_workflow_state(workflow_state, user=user)
