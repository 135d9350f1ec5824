"""Who may do what with feedback: the council's moderators handle it; nobody else.

School editors read their own school's feedback through ``can_read_school_feedback``
(the school's editors' group from ``moderation``), never through model permissions, so
they cannot reach the council's inbox or anyone else's feedback.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import GroupPagePermission, Page

from moderation.services import COUNCIL_MODERATORS
from schools.models import SchoolPage

from .models import Feedback, FeedbackSettings, Quote, Theme, YouSaidWeDidPage

INBOX_PERMISSION = "feedback.change_feedback"
MODERATOR_MODEL_PERMISSIONS: dict[type, tuple[str, ...]] = {
    Feedback: ("view", "change", "delete"),
    Theme: ("add", "change", "delete", "view"),
    Quote: ("add", "change", "delete", "view"),
    FeedbackSettings: ("change", "view"),
}
MODERATOR_PAGE_ACTIONS = ("change", "publish", "lock", "unlock")


def can_use_inbox(user: Any) -> bool:
    """Council moderators and administrators (and superusers) handle the feedback inbox."""
    return bool(user.has_perm(INBOX_PERMISSION))


def can_read_school_feedback(user: Any, school: SchoolPage) -> bool:
    """The council, and the editors of ``school`` itself: not the editors of other schools."""
    if can_use_inbox(user):
        return True
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.groups.filter(school_link__school_id=school.pk).exists()
    )


def _model_permissions() -> list[Permission]:
    permissions = []
    for model, actions in MODERATOR_MODEL_PERMISSIONS.items():
        content_type = ContentType.objects.get_for_model(model)
        codenames = [f"{action}_{model._meta.model_name}" for action in actions]
        permissions += Permission.objects.filter(content_type=content_type, codename__in=codenames)
    return permissions


def grant_page_permissions(page: Page) -> None:
    """Let council moderators edit and publish ``page`` (a "You said, we did" page)."""
    moderators, _ = Group.objects.get_or_create(name=COUNCIL_MODERATORS)
    page_type = ContentType.objects.get_for_model(Page)
    for action in MODERATOR_PAGE_ACTIONS:
        permission = Permission.objects.get(content_type=page_type, codename=f"{action}_page")
        GroupPagePermission.objects.get_or_create(
            group=moderators, page=page, permission=permission
        )


@transaction.atomic
def ensure_council_permissions() -> None:
    """Give council moderators the feedback inbox, themes, quotes, the feedback settings
    and every "You said, we did" page. Only ever adds, like the council's own set-up."""
    moderators, _ = Group.objects.get_or_create(name=COUNCIL_MODERATORS)
    moderators.permissions.add(*_model_permissions())
    for page in YouSaidWeDidPage.objects.all():
        grant_page_permissions(page)
