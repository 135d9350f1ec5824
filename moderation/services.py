"""Rules that change data: council roles, school editors, the review workflow, reminders.

Everything here is idempotent where it can be (the setup runs after every ``migrate``)
and refuses bad requests with ``ModerationError``, whose message is written for the
person who made the request.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group, Permission
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from wagtail.log_actions import log
from wagtail.models import (
    PAGE_PERMISSION_TYPES,
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Revision,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
    get_default_page_content_type,
)
from wagtail.users.models import UserProfile

from localoffer.models import LocalOfferSettings
from schools.models import (
    AccessibilityFeature,
    BroadArea,
    NeedArea,
    OutreachService,
    ReportQuestion,
    SchoolIndexPage,
    SchoolPage,
)
from schools.review import ReviewStatus

from .emails import absolute_admin_url, send_templated_email
from .models import ReminderState, ReviewReminder, SchoolEditorGroup
from .selectors import ModerationStatus, editor_group, school_editors, school_statuses

logger = logging.getLogger(__name__)

COUNCIL_MODERATORS = "Council moderators"
COUNCIL_ADMINISTRATORS = "Council administrators"
WORKFLOW_NAME = "School report review"
TASK_NAME = "Council moderator review"

# School editors may edit and submit their own school's page; publishing is the council's.
EDITOR_PAGE_PERMISSIONS = ("change",)
MODERATOR_PAGE_PERMISSIONS = ("add", "change", "publish", "lock", "unlock")
ALL_PAGE_PERMISSIONS = tuple(codename for codename, *_ in PAGE_PERMISSION_TYPES)
# Editors link to documents (a SEND policy PDF) from the report's rich text.
EDITOR_COLLECTION_PERMISSIONS = (
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
)
MODERATOR_COLLECTION_PERMISSIONS = tuple(
    (app, f"{action}_{model}")
    for app, model in (("wagtaildocs", "document"), ("wagtailimages", "image"))
    for action in ("add", "change", "choose", "delete")
)
VOCABULARY_MODELS: tuple[type[models.Model], ...] = (
    NeedArea,
    BroadArea,
    AccessibilityFeature,
    OutreachService,
    ReportQuestion,
)
GROUP_NAME_MAX_LENGTH = 150


class ModerationError(Exception):
    """A request that cannot be carried out; the message says why in plain English."""


# Roles and permissions -------------------------------------------------------------------


@dataclass(frozen=True)
class CouncilSetup:
    """The council's groups and the school report workflow."""

    moderators: Group
    administrators: Group
    workflow: Workflow
    task: GroupApprovalTask


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _page_permissions(actions: tuple[str, ...]) -> list[Permission]:
    content_type = ContentType.objects.get_for_model(Page)
    by_codename = {
        permission.codename: permission
        for permission in Permission.objects.filter(content_type=content_type)
    }
    return [by_codename[f"{action}_page"] for action in actions]


def _model_permissions(
    model_classes: tuple[type[models.Model], ...], actions: tuple[str, ...]
) -> list[Permission]:
    content_types = ContentType.objects.get_for_models(*model_classes)
    codenames = [
        f"{action}_{model._meta.model_name}" for model in model_classes for action in actions
    ]
    return list(
        Permission.objects.filter(content_type__in=content_types.values(), codename__in=codenames)
    )


def _grant_page_permissions(group: Group, page: Page, actions: tuple[str, ...]) -> None:
    for permission in _page_permissions(actions):
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def _grant_collection_permissions(group: Group, codenames: tuple[tuple[str, str], ...]) -> None:
    root = Collection.get_first_root_node()
    for app_label, codename in codenames:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=_permission(app_label, codename)
        )


def _access_admin() -> Permission:
    return _permission("wagtailadmin", "access_admin")


def editor_group_name(title: str, urn: str) -> str:
    """The name of a school's editors' group, shortened to fit Django's 150 characters."""
    prefix, suffix = "Editors: ", f" (URN {urn})"
    room = GROUP_NAME_MAX_LENGTH - len(prefix) - len(suffix)
    if len(title) > room:
        title = title[: room - 1].rstrip() + "…"
    return f"{prefix}{title}{suffix}"


def _grant_editor_permissions(group: Group, school: SchoolPage) -> None:
    group.permissions.add(_access_admin())
    _grant_page_permissions(group, school, EDITOR_PAGE_PERMISSIONS)
    _grant_collection_permissions(group, EDITOR_COLLECTION_PERMISSIONS)


@transaction.atomic
def sync_editor_group(school: SchoolPage) -> Group:
    """Create ``school``'s editors' group if missing, and keep its name in step.

    The name follows the school's saved (published) name and URN, so a draft rename
    does not rename the group until it is approved.
    """
    saved = SchoolPage.objects.filter(pk=school.pk).values("title", "urn").first()
    if saved is None:
        raise ModerationError(f"School page {school.pk} has not been saved yet.")
    name = editor_group_name(saved["title"], saved["urn"])
    link = SchoolEditorGroup.objects.select_related("group").filter(school_id=school.pk).first()
    if link is None:
        # A group with this name and no school is reused (created by hand, or orphaned).
        group = Group.objects.filter(name=name, school_link__isnull=True).first()
        group = group or Group.objects.create(name=name)
        SchoolEditorGroup.objects.create(school_id=school.pk, group=group)
        _grant_editor_permissions(group, school)
        return group
    group = link.group
    if group.name != name:
        if Group.objects.filter(name=name).exclude(pk=group.pk).exists():
            logger.warning("Not renaming group %r: another group is called %r", group.name, name)
        else:
            group.name = name
            group.save(update_fields=["name"])
    return group


def delete_editor_group(school: SchoolPage) -> None:
    """Remove the editors' group of a school page that is being deleted."""
    Group.objects.filter(school_link__school_id=school.pk).delete()


def _ensure_workflow(groups: list[Group]) -> tuple[Workflow, GroupApprovalTask]:
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    task, created = GroupApprovalTask.objects.get_or_create(name=TASK_NAME)
    if created:
        # Only on creation: the council may change who reviews in Settings > Workflows.
        task.groups.set(groups)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow, task


def _council_groups() -> tuple[Group, Group]:
    moderators, _ = Group.objects.get_or_create(name=COUNCIL_MODERATORS)
    administrators, _ = Group.objects.get_or_create(name=COUNCIL_ADMINISTRATORS)
    return moderators, administrators


def ensure_index_moderation(index: SchoolIndexPage) -> None:
    """Put every school under ``index`` through the review workflow, moderated by the council.

    A workflow the council has already chosen for the index is left alone.
    """
    moderators, administrators = _council_groups()
    workflow, _ = _ensure_workflow([moderators, administrators])
    WorkflowPage.objects.get_or_create(page=index, defaults={"workflow": workflow})
    _grant_page_permissions(moderators, index, MODERATOR_PAGE_PERMISSIONS)


@transaction.atomic
def ensure_council_setup() -> CouncilSetup:
    """Create or repair the council's groups, their permissions and the review workflow.

    Runs after every ``migrate``. It only ever adds: permissions the council has given
    on top are kept.
    """
    moderators, administrators = _council_groups()

    moderators.permissions.add(
        _access_admin(),
        _permission("moderation", "view_school_report_status"),
        _permission("schools", "set_review_date"),
        *_model_permissions(VOCABULARY_MODELS, ("add", "change", "delete", "view")),
        *_model_permissions((LocalOfferSettings,), ("change", "view")),
    )
    _grant_collection_permissions(moderators, MODERATOR_COLLECTION_PERMISSIONS)

    administrators.permissions.add(*Permission.objects.all())
    _grant_page_permissions(administrators, Page.get_first_root_node(), ALL_PAGE_PERMISSIONS)
    _grant_collection_permissions(administrators, MODERATOR_COLLECTION_PERMISSIONS)

    workflow, task = _ensure_workflow([moderators, administrators])
    for index in SchoolIndexPage.objects.all():
        ensure_index_moderation(index)
    for school in SchoolPage.objects.all():
        group = sync_editor_group(school)
        _grant_editor_permissions(group, school)
    return CouncilSetup(moderators, administrators, workflow, task)


# School editors -----------------------------------------------------------------------------


@dataclass(frozen=True)
class EditorInvitation:
    """The outcome of ``add_school_editor``."""

    user: AbstractBaseUser
    school: SchoolPage
    group: Group
    created_user: bool
    added_to_group: bool
    set_password_url: str | None


def _split_name(name: str) -> tuple[str, str]:
    first, _, last = name.strip().partition(" ")
    return first[:150], last.strip()[:150]


def _unique_username(email: str) -> str:
    user_model = get_user_model()
    base = email.lower()[:140]
    username, number = base, 1
    while user_model.objects.filter(username=username).exists():
        number += 1
        username = f"{base}-{number}"
    return username


def set_password_url(user: AbstractBaseUser) -> str:
    """An absolute link to the admin page where ``user`` chooses a password.

    It uses Django's password reset token, so it stops working once used, once the
    password changes, or after ``PASSWORD_RESET_TIMEOUT`` (3 days by default).
    """
    path = reverse(
        "wagtailadmin_password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return absolute_admin_url(path)


def add_school_editor(urn: str, email: str, name: str = "") -> EditorInvitation:
    """Make the person with ``email`` an editor of the school with ``urn``, and invite them.

    Creates their account (with no password) if they have none; the invitation email
    then carries a link to choose a password. Someone who already has a password is
    told they can now edit the school.
    """
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError:
        raise ModerationError(
            f'"{email}" is not a valid email address. Use the form name@school.example.org.'
        ) from None
    school = SchoolPage.objects.filter(urn=urn.strip()).first()
    if school is None:
        raise ModerationError(
            f'No school page has the URN "{urn}". A URN is the school\'s 6-digit DfE number; '
            "check it in Get Information about Schools, or import the school first."
        )
    user_model = get_user_model()
    with transaction.atomic():
        matches = list(user_model.objects.filter(email__iexact=email)[:2])
        if len(matches) > 1:
            raise ModerationError(
                f"More than one user has the email address {email}. Ask a council administrator "
                "to merge or correct those accounts first."
            )
        user = matches[0] if matches else None
        created_user = user is None
        if user is None:
            first_name, last_name = _split_name(name)
            user = user_model.objects.create_user(
                username=_unique_username(email),
                email=email,
                first_name=first_name,
                last_name=last_name,
            )
            user.set_unusable_password()
            user.save()
        elif not user.is_active:
            raise ModerationError(
                f"The account for {email} is deactivated. A council administrator can "
                "reactivate it under Settings > Users."
            )
        elif name and not user.get_full_name():
            user.first_name, user.last_name = _split_name(name)
            user.save(update_fields=["first_name", "last_name"])
        group = sync_editor_group(school)
        added_to_group = not user.groups.filter(pk=group.pk).exists()
        user.groups.add(group)

    needs_password = not user.has_usable_password()
    link = set_password_url(user) if needs_password else None
    send_templated_email(
        "invitation",
        {
            "user": user,
            "school": school,
            "set_password_url": link,
            "login_url": absolute_admin_url(reverse("wagtailadmin_login")),
            "edit_url": absolute_admin_url(reverse("wagtailadmin_pages:edit", args=[school.pk])),
            "council_name": _council_name(),
        },
        [user.email],
    )
    return EditorInvitation(user, school, group, created_user, added_to_group, link)


def _council_name() -> str:
    site_settings = LocalOfferSettings.objects.order_by("pk").first()
    return site_settings.council_name if site_settings else "The council"


# The annual review ------------------------------------------------------------------------


def publish_reviewed_report(page: SchoolPage, user: AbstractBaseUser | None = None) -> Revision:
    """Publish an approved report, recording today as its last review.

    The review date goes into a new revision of the approved content, so the next
    edit starts from it and the history shows who recorded it.
    """
    today = timezone.localdate()
    draft = page.get_latest_revision_as_object()
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
    if not page.permissions_for_user(user).can_submit_for_moderation():
        raise ModerationError("You do not have permission to submit this school's report.")
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
    page = SchoolPage.objects.get(pk=page.pk)
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


# Notifications of the council's decision -----------------------------------------------------


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


# Review reminders -------------------------------------------------------------------------


@dataclass
class ReminderRun:
    """What ``send_review_reminders`` did, for the command's output."""

    sent: list[tuple[str, ReminderState, list[str]]] = field(default_factory=list)
    no_editors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


_REMINDER_STATES = {
    ReviewStatus.DUE_SOON: ReminderState.DUE_SOON,
    ReviewStatus.OVERDUE: ReminderState.OVERDUE,
}


def send_review_reminders(today: dt.date | None = None) -> ReminderRun:
    """Email each school's editors when its report becomes due soon, and when overdue.

    A reminder is sent once per state and review date: the state sent is stored per
    school and nothing is sent while it is unchanged, so this is safe to run hourly.
    Schools whose report is already waiting for the council, unpublished schools and
    schools with no editors are skipped (and reminded later, once that changes).
    """
    today = today or timezone.localdate()
    run = ReminderRun()
    already = {
        reminder.school_id: (reminder.state, reminder.review_due)
        for reminder in ReviewReminder.objects.all()
    }
    for status in school_statuses(today):
        state = _REMINDER_STATES.get(status.review)
        due = status.next_review_due
        if state is None or due is None or not status.live:
            continue
        if status.moderation == ModerationStatus.AWAITING:
            continue
        if already.get(status.page_id) == (state, due):
            continue
        if not status.editor_emails:
            run.no_editors.append(status.title)
            continue
        try:
            with transaction.atomic():
                reminder = (
                    ReviewReminder.objects.select_for_update()
                    .filter(school_id=status.page_id)
                    .first()
                )
                if reminder and (reminder.state, reminder.review_due) == (state, due):
                    continue  # another run sent it meanwhile
                _send_reminder(status.page_id, state, due, status.editor_emails, today)
                ReviewReminder.objects.update_or_create(
                    school_id=status.page_id,
                    defaults={
                        "state": state,
                        "review_due": due,
                        "notified_at": timezone.now(),
                        "recipients": "\n".join(status.editor_emails),
                    },
                )
        except Exception:
            # One school's mail failure must not stop the others; it is retried next run.
            logger.exception("Could not send the review reminder for %s", status.title)
            run.failed.append(status.title)
            continue
        run.sent.append((status.title, state, status.editor_emails))
    return run


def _send_reminder(
    page_id: int, state: ReminderState, due: dt.date, recipients: list[str], today: dt.date
) -> None:
    school = SchoolPage.objects.get(pk=page_id)
    send_templated_email(
        f"reminder_{state.value.replace('-', '_')}",
        {
            "school": school,
            "due": due,
            "days_left": (due - today).days,
            "edit_url": absolute_admin_url(reverse("wagtailadmin_pages:edit", args=[page_id])),
            "confirm_url": absolute_admin_url(reverse("moderation_confirm_review", args=[page_id])),
            "council_name": _council_name(),
        },
        recipients,
    )


# Development-only demo logins -------------------------------------------------------------

DEMO_MODERATOR = ("moderator", "moderator-dev-only")
DEMO_EDITOR = ("editor", "editor-dev-only")


def create_demo_roles(school_for_editor: SchoolPage) -> list[tuple[str, str, str]]:
    """Create (once) a demo council moderator and a demo editor of ``school_for_editor``.

    Returns ``(role, username, password)`` for each, to print for the developer.
    Refused unless DEBUG is on, so these passwords can never reach a real site.
    """
    if not settings.DEBUG:
        raise ImproperlyConfigured("Demo logins are only created with DEBUG on.")
    moderators, _ = _council_groups()
    group = editor_group(school_for_editor) or sync_editor_group(school_for_editor)
    logins = []
    for (username, password), first_name, last_name, role, to_group in (
        (DEMO_MODERATOR, "Morgan", "Moderator", "Council moderator", moderators),
        (
            DEMO_EDITOR,
            "Eddie",
            "Editor",
            f"Editor of {school_for_editor.title}",
            group,
        ),
    ):
        user, created = get_user_model().objects.get_or_create(
            username=username,
            defaults={
                "email": f"{username}@example.org",
                "first_name": first_name,
                "last_name": last_name,
            },
        )
        if created:
            user.set_password(password)
            user.save()
        user.groups.add(to_group)
        logins.append((role, username, password))
    return logins
