"""Emailing each school's editors when their annual review is due soon, and when overdue."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from council.models import CouncilSettings
from schools.models import SchoolPage
from schools.review import ReviewStatus

from ..emails import absolute_admin_url, send_templated_email
from ..models import ReminderState, ReviewReminder
from ..selectors import ModerationStatus, SchoolStatus, school_editors, school_statuses
from .errors import ModerationError
from .links import LINK_DAYS, review_link_url

logger = logging.getLogger(__name__)


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
                _send_reminder(status, state, today)
                _record_reminder(status, state)
        except Exception:
            # One school's mail failure must not stop the others; it is retried next run.
            logger.exception("Could not send the review reminder for %s", status.title)
            run.failed.append(status.title)
            continue
        run.sent.append((status.title, state, status.editor_emails))
    return run


def reminder_refusal(status: SchoolStatus) -> str | None:
    """Why the council cannot remind this school now, in plain English; None if it can."""
    if not status.live:
        return "Its report is not published yet."
    if status.moderation == ModerationStatus.AWAITING:
        return "Its report is already waiting for the council's review."
    if status.review == ReviewStatus.NEVER_REVIEWED:
        return "It has no annual review date yet: record one on its report first."
    if status.review not in _REMINDER_STATES:
        return "Its annual review is not due yet."
    if not status.editor_emails:
        return "It has no editors to email: add one first."
    return None


def send_reminder_now(status: SchoolStatus, user: Any, today: dt.date | None = None) -> None:
    """Email ``status``'s school's editors now, because a council officer asked.

    The reminder is recorded as the scheduled one is (so the hourly run does not repeat
    it) and in the school's history, with who sent it. Raises ``ModerationError`` with
    ``reminder_refusal``'s reason when the school cannot be reminded.
    """
    if refusal := reminder_refusal(status):
        raise ModerationError(refusal)
    state = _REMINDER_STATES[status.review]
    with transaction.atomic():
        school = _send_reminder(status, state, today or timezone.localdate())
        _record_reminder(status, state)
        log(
            school,
            "moderation.reminder_sent",
            user=user,
            data={"state": state.label, "recipients": status.editor_emails},
        )


def _record_reminder(status: SchoolStatus, state: ReminderState) -> None:
    ReviewReminder.objects.update_or_create(
        school_id=status.page_id,
        defaults={
            "state": state,
            "review_due": status.next_review_due,
            "notified_at": timezone.now(),
            "recipients": "\n".join(status.editor_emails),
        },
    )


def _send_reminder(status: SchoolStatus, state: ReminderState, today: dt.date) -> SchoolPage:
    """Email the reminder; returns the school page it loaded for the email."""
    page_id = status.page_id
    due = status.next_review_due
    recipients = status.editor_emails
    school = SchoolPage.objects.get(pk=page_id)
    context = {
        "school": school,
        "due": due,
        "days_left": (due - today).days,
        # What parents see lacks these: the editor should answer them while reviewing.
        "missing_headings": status.missing_headings if status.live else (),
        "edit_url": absolute_admin_url(reverse("wagtailadmin_pages:edit", args=[page_id])),
        "confirm_url": absolute_admin_url(reverse("moderation_confirm_review", args=[page_id])),
        "link_days": LINK_DAYS,
        "council_name": CouncilSettings.load().council_name,
    }
    wanted = {address.lower() for address in recipients}
    # One email each: the one-click link is personal (it says who confirms).
    for editor in school_editors(school):
        if editor.email and editor.email.lower() in wanted:
            wanted.discard(editor.email.lower())
            send_templated_email(
                f"reminder_{state.value.replace('-', '_')}",
                {**context, "review_link": review_link_url(school, editor)},
                [editor.email],
            )
    return school
