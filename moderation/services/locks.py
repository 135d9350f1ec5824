"""When a school's report may be changed, and which version an approval may publish.

One rule for every way a report can be written to, so none of them skips moderation:

* ``check_can_write``: "Import from document", ``import_report`` and "Reviewed,
  nothing changed" (in the admin and by the one-click link) ask it before saving a
  version. It refuses someone without the edit permission, a page locked for them (a
  moderator's lock, or the lock Wagtail puts on a report under review for everyone who
  is not a reviewer), and, outside the edit screen, any report whose review is under
  way: the council is looking at one version, and nothing may slip in beside it. The
  edit screen is held by Wagtail's own lock, which is this rule with ``in_editor=True``
  (and keeps what the person typed when it refuses).
* ``check_can_approve``: approving publishes the version that was submitted. If a newer
  version has been saved since by someone other than the person approving, approval is
  refused and says who saved it and when, so nobody publishes words they have not seen.
  (Changes the approver made themselves are theirs to publish, as moderators may publish
  directly; Wagtail's edit screen saves them just before approving.)

Both raise ``ModerationError`` with a message for the person who asked.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone
from wagtail.models import Page, Revision, TaskState, WorkflowState
from wagtail.users.utils import get_deleted_user_display_name

from .errors import ModerationError


class ApprovalRefused(ModerationError):
    """Approval would publish a version nobody reviewed; the message says which."""

    def __init__(self, message: str, page_id: int | None = None) -> None:
        super().__init__(message)
        self.page_id = page_id


def _under_review(page: Page) -> WorkflowState | None:
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return state
    return None


def check_can_write(page: Page, user: AbstractBaseUser | None, *, in_editor: bool = False) -> None:
    """Raise ``ModerationError`` unless ``user`` may save a new version of ``page`` now.

    ``user`` is ``None`` for a command run on the server (``import_report``): every lock
    applies to it. ``in_editor`` is for Wagtail's edit screen, where a reviewer may
    correct a report while reviewing it (the approval rule below then applies); every
    other path is refused while a review is under way.
    """
    if user is not None and not page.permissions_for_user(user).can_edit():
        raise ModerationError("You do not have permission to change this school's report.")
    lock = page.get_lock()
    under_review = _under_review(page)
    if lock is not None and (user is None or lock.for_user(user)):
        if under_review is not None:
            raise ModerationError(
                "This report is with the council for review, so it cannot be changed until "
                "they have approved it or asked for changes. You will get an email when "
                "they have looked at it."
            )
        raise ModerationError(
            "This report has been locked by the council, so it cannot be changed now. "
            "Ask the council's Local Offer team to unlock it."
        )
    if under_review is not None and not in_editor:
        raise ModerationError(
            "This report is waiting for the council's review, so nothing can be added to it "
            "until the review is finished: approve it or request changes first."
        )


def write_refusal(page: Page, user: AbstractBaseUser | None) -> str | None:
    """Why ``user`` may not save a new version of ``page`` outside the editor, or ``None``."""
    try:
        check_can_write(page, user)
    except ModerationError as error:
        return str(error)
    return None


def submitted_revision(task_state: TaskState) -> Revision:
    """The version of the report that was submitted for ``task_state``'s review."""
    return task_state.revision


def newer_revisions(page: Page, revision: Revision) -> list[Revision]:
    """Versions of ``page`` saved after ``revision``, oldest first."""
    return list(page.revisions.filter(pk__gt=revision.pk).select_related("user").order_by("pk"))


def check_can_approve(page: Page, task_state: TaskState, user: AbstractBaseUser | None) -> Revision:
    """The revision approving ``task_state`` publishes, or ``ApprovalRefused`` saying why.

    That is the submitted revision, or the latest one when every version saved since
    was saved by ``user`` (the person approving).
    """
    submitted = submitted_revision(task_state)
    newer = newer_revisions(page, submitted)
    others = [revision for revision in newer if user is None or revision.user_id != user.pk]
    if others:
        last = others[-1]
        who = (
            last.user.get_full_name() or last.user.get_username()
            if last.user
            else get_deleted_user_display_name(last.user_id)
            if last.user_id
            else "an import"
        )
        when = timezone.localtime(last.created_at)
        raise ApprovalRefused(
            f"Not approved: the report has changed since it was submitted ({who} saved a "
            f"newer version on {when:%-d %B %Y at %H:%M}). Approving would publish changes "
            "nobody has reviewed. Open the report's edit screen to see the latest version, "
            "then publish it yourself or request changes.",
            page_id=page.pk,
        )
    return newer[-1] if newer else submitted
