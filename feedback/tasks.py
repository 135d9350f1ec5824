"""Background tasks (django-tasks, the backport of Django 6's tasks framework).

Nothing schedules tasks by itself: run ``manage.py delete_old_feedback`` daily from cron,
or enqueue ``delete_old_feedback_task`` from your scheduler. See docs/feedback.md.
"""

from __future__ import annotations

from django_tasks import task

from .services import delete_expired_feedback


@task()
def delete_old_feedback_task() -> dict[str, int]:
    """Delete feedback older than the council's retention period; safe to run often."""
    run = delete_expired_feedback()
    return {"deleted": run.deleted, "months": run.months}
