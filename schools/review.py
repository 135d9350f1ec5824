"""The annual review cycle: a report must be reviewed every 12 months."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from django.utils import timezone

DUE_SOON_DAYS = 30


class ReviewStatus(StrEnum):
    """Where a report stands in its annual review cycle."""

    NEVER_REVIEWED = "never-reviewed"
    CURRENT = "current"
    DUE_SOON = "due-soon"
    OVERDUE = "overdue"

    @property
    def label(self) -> str:
        return {
            ReviewStatus.NEVER_REVIEWED: "Not yet reviewed",
            ReviewStatus.CURRENT: "Up to date",
            ReviewStatus.DUE_SOON: "Review due soon",
            ReviewStatus.OVERDUE: "Overdue for review",
        }[self]


def next_review_due(last_reviewed: dt.date) -> dt.date:
    """Twelve months after ``last_reviewed`` (29 February falls back to the 28th)."""
    try:
        return last_reviewed.replace(year=last_reviewed.year + 1)
    except ValueError:
        return last_reviewed.replace(year=last_reviewed.year + 1, day=28)


def review_status(last_reviewed: dt.date | None, today: dt.date | None = None) -> ReviewStatus:
    """The review status on ``today`` (default: today in the site's time zone)."""
    if last_reviewed is None:
        return ReviewStatus.NEVER_REVIEWED
    today = today or timezone.localdate()
    due = next_review_due(last_reviewed)
    if today > due:
        return ReviewStatus.OVERDUE
    if today >= due - dt.timedelta(days=DUE_SOON_DAYS):
        return ReviewStatus.DUE_SOON
    return ReviewStatus.CURRENT
