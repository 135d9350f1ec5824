"""Telling a school's editors what the council decided about their report."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.urls import reverse
from wagtail.models import WorkflowState, get_default_page_content_type
from wagtail.users.models import UserProfile

from schools.models import SchoolPage

from ..emails import absolute_admin_url, send_templated_email
from ..selectors import school_editors


def notify_school_editors(
    workflow_state: WorkflowState, approved: bool, user: AbstractBaseUser | None = None
) -> int:
    """Email a school's other editors when the council approves or rejects its report.

    Wagtail already emails the person who submitted; this tells the rest of the
    school's editors, honouring each one's notification preferences in the admin.
    """
    if workflow_state.base_content_type_id != get_default_page_content_type().pk:
        return 0  # a snippet's workflow
    # Reloaded: the workflow's cached page predates the publication.
    page = SchoolPage.objects.filter(pk=workflow_state.object_id).first()
    if page is None:
        return 0
    preference = "approved_notifications" if approved else "rejected_notifications"
    skip = {workflow_state.requested_by_id, getattr(user, "pk", None)}
    recipients = [
        editor.email
        for editor in school_editors(page)
        if editor.pk not in skip and getattr(UserProfile.get_for_user(editor), preference)
    ]
    task_state = workflow_state.current_task_state
    comment = task_state.specific.get_comment() if task_state else ""
    return send_templated_email(
        "decision_approved" if approved else "decision_rejected",
        {
            "school": page,
            "comment": comment,
            "moderator": user,
            "requested_by": workflow_state.requested_by,
            "edit_url": absolute_admin_url(reverse("wagtailadmin_pages:edit", args=[page.pk])),
            "page_url": page.full_url or "",
        },
        recipients,
    )
