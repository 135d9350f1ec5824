"""Telling a school's editors what the council decided about their report.

For school pages these emails replace Wagtail's own approval and rejection emails (see
``moderation.notifiers``), so each person hears once, in the council's words: what was
decided, the moderator's comment, and a link to where they act next.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.urls import reverse
from wagtail.models import WorkflowState, get_default_page_content_type
from wagtail.users.models import UserProfile

from council.models import CouncilSettings
from schools.models import SchoolPage

from ..emails import absolute_admin_url, public_page_url, send_templated_email
from ..selectors import school_editors


def _wants(user: Any, preference: str) -> bool:
    return bool(
        user is not None
        and user.is_active
        and user.email
        and getattr(UserProfile.get_for_user(user), preference)
    )


def decision_recipients(
    workflow_state: WorkflowState, page: SchoolPage, approved: bool, user: Any = None
) -> list[str]:
    """Who hears about the council's decision: the school's editors and the submitter.

    Not the moderator who decided, and not anyone who turned these notifications off in
    their admin account. Each address once.
    """
    preference = "approved_notifications" if approved else "rejected_notifications"
    people = [*school_editors(page), workflow_state.requested_by]
    decider = getattr(user, "pk", None)
    addresses = {
        person.email.lower(): person.email
        for person in people
        if person is not None and person.pk != decider and _wants(person, preference)
    }
    return sorted(addresses.values())


def notify_school_editors(
    workflow_state: WorkflowState, approved: bool, user: AbstractBaseUser | None = None
) -> int:
    """Email a school's editors (and whoever submitted) the council's decision.

    Returns how many emails were sent; 0 for anything that is not a school page.
    """
    if workflow_state.base_content_type_id != get_default_page_content_type().pk:
        return 0  # a snippet's workflow
    # Reloaded: the workflow's cached page predates the publication.
    page = SchoolPage.objects.filter(pk=workflow_state.object_id).first()
    if page is None:
        return 0
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
            "home_url": absolute_admin_url(reverse("wagtailadmin_home")),
            "page_url": public_page_url(page) if page.live else "",
            "next_review_due": page.next_review_due,
            "council_name": CouncilSettings.load().council_name,
        },
        decision_recipients(workflow_state, page, approved, user),
    )
