"""The council's roles (moderators, administrators) and the school report workflow."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import models, transaction
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

from council.models import CouncilSettings
from schools.models import (
    AccessibilityFeature,
    BroadArea,
    JargonTerm,
    NeedArea,
    OutreachService,
    ReportQuestion,
    SchoolIndexPage,
    SchoolPage,
)

from .editors import grant_editor_permissions, sync_editor_group
from .permissions import (
    ALL_PAGE_PERMISSIONS,
    MODERATOR_COLLECTION_PERMISSIONS,
    MODERATOR_PAGE_PERMISSIONS,
    access_admin,
    grant_collection_permissions,
    grant_page_permissions,
    model_permissions,
    permission,
)

COUNCIL_MODERATORS = "Council moderators"
COUNCIL_ADMINISTRATORS = "Council administrators"
WORKFLOW_NAME = "School report review"
TASK_NAME = "Council moderator review"

VOCABULARY_MODELS: tuple[type[models.Model], ...] = (
    NeedArea,
    BroadArea,
    AccessibilityFeature,
    OutreachService,
    ReportQuestion,
    JargonTerm,
)


@dataclass(frozen=True)
class CouncilSetup:
    """The council's groups and the school report workflow."""

    moderators: Group
    administrators: Group
    workflow: Workflow
    task: GroupApprovalTask


def council_groups() -> tuple[Group, Group]:
    """The council's moderators' and administrators' groups, created if missing."""
    moderators, _ = Group.objects.get_or_create(name=COUNCIL_MODERATORS)
    administrators, _ = Group.objects.get_or_create(name=COUNCIL_ADMINISTRATORS)
    return moderators, administrators


def _ensure_workflow(groups: list[Group]) -> tuple[Workflow, GroupApprovalTask]:
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    task, created = GroupApprovalTask.objects.get_or_create(name=TASK_NAME)
    if created:
        # Only on creation: the council may change who reviews in Settings > Workflows.
        task.groups.set(groups)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow, task


def ensure_index_moderation(index: SchoolIndexPage) -> None:
    """Put every school under ``index`` through the review workflow, moderated by the council.

    A workflow the council has already chosen for the index is left alone.
    """
    moderators, administrators = council_groups()
    workflow, _ = _ensure_workflow([moderators, administrators])
    WorkflowPage.objects.get_or_create(page=index, defaults={"workflow": workflow})
    grant_page_permissions(moderators, index, MODERATOR_PAGE_PERMISSIONS)


@transaction.atomic
def ensure_council_setup() -> CouncilSetup:
    """Create or repair the council's groups, their permissions and the review workflow.

    Runs after every ``migrate``. It only ever adds: permissions the council has given
    on top are kept.
    """
    moderators, administrators = council_groups()

    moderators.permissions.add(
        access_admin(),
        permission("moderation", "view_school_report_status"),
        permission("schools", "set_review_date"),
        permission("schools", "manage_web_address"),
        *model_permissions(VOCABULARY_MODELS, ("add", "change", "delete", "view")),
        *model_permissions((CouncilSettings,), ("change", "view")),
    )
    grant_collection_permissions(moderators, MODERATOR_COLLECTION_PERMISSIONS)

    administrators.permissions.add(*Permission.objects.all())
    grant_page_permissions(administrators, Page.get_first_root_node(), ALL_PAGE_PERMISSIONS)
    grant_collection_permissions(administrators, MODERATOR_COLLECTION_PERMISSIONS)

    workflow, task = _ensure_workflow([moderators, administrators])
    for index in SchoolIndexPage.objects.all():
        ensure_index_moderation(index)
    for school in SchoolPage.objects.all():
        group = sync_editor_group(school)
        grant_editor_permissions(group, school)
    return CouncilSetup(moderators, administrators, workflow, task)
