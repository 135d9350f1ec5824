"""Background tasks (django-tasks, the backport of Django 6's tasks framework).

Nothing schedules tasks by itself: run ``manage.py send_review_reminders`` hourly from
cron, or enqueue ``send_review_reminders_task`` from your scheduler. See
docs/moderation.md.
"""

from __future__ import annotations

from django_tasks import task

from .services import send_review_reminders


@task()
def send_review_reminders_task() -> dict[str, int]:
    """Send any review reminders that are due; safe to run as often as you like."""
    run = send_review_reminders()
    return {"sent": len(run.sent), "no_editors": len(run.no_editors), "failed": len(run.failed)}
