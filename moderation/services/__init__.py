"""Rules that change data for moderation, one module per concern:

* ``permissions``: granting page, collection and model permissions to groups;
* ``roles``: the council's moderators and administrators and the review workflow;
* ``editors``: each school's editors' group and inviting editors;
* ``review``: the annual review (publishing an approved report, "nothing changed");
* ``notifications``: emailing editors the council's decision;
* ``reminders``: emailing editors when their review is due or overdue;
* ``links``: the signed one-click "still up to date" link in each reminder;
* ``locks``: when a report may be written to, and which version an approval publishes
  (every write path asks it, so none skips moderation).

Everything is idempotent where it can be (the set-up runs after every ``migrate``) and
refuses bad requests with ``ModerationError``, whose message is written for the person
who made the request. The names other apps use are importable from here too.
"""

from __future__ import annotations

from .editors import (
    EditorInvitation,
    add_school_editor,
    delete_editor_group,
    editor_group_name,
    set_password_url,
    sync_editor_group,
)
from .errors import ModerationError
from .links import LINK_DAYS, LinkRefused, ReviewLink, read_token, review_link_url
from .locks import ApprovalRefused, check_can_approve, check_can_write, write_refusal
from .notifications import notify_school_editors
from .reminders import ReminderRun, reminder_refusal, send_reminder_now, send_review_reminders
from .review import (
    can_confirm_unchanged,
    check_can_confirm_unchanged,
    confirm_reviewed_unchanged,
    publish_reviewed_report,
)
from .roles import (
    COUNCIL_ADMINISTRATORS,
    COUNCIL_MODERATORS,
    TASK_NAME,
    WORKFLOW_NAME,
    CouncilSetup,
    council_groups,
    ensure_council_setup,
    ensure_index_moderation,
)

__all__ = [
    "COUNCIL_ADMINISTRATORS",
    "COUNCIL_MODERATORS",
    "LINK_DAYS",
    "TASK_NAME",
    "WORKFLOW_NAME",
    "ApprovalRefused",
    "CouncilSetup",
    "EditorInvitation",
    "LinkRefused",
    "ModerationError",
    "ReminderRun",
    "ReviewLink",
    "add_school_editor",
    "can_confirm_unchanged",
    "check_can_approve",
    "check_can_confirm_unchanged",
    "check_can_write",
    "confirm_reviewed_unchanged",
    "council_groups",
    "delete_editor_group",
    "editor_group_name",
    "ensure_council_setup",
    "ensure_index_moderation",
    "notify_school_editors",
    "publish_reviewed_report",
    "read_token",
    "reminder_refusal",
    "review_link_url",
    "send_reminder_now",
    "send_review_reminders",
    "set_password_url",
    "sync_editor_group",
    "write_refusal",
]
