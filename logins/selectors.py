"""Read queries about sign-in attempts (django-axes keeps them in the database)."""

from __future__ import annotations

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import QuerySet


def failure_limit() -> int:
    """Wrong passwords in a row, per username or per address, before a lockout."""
    return int(settings.AXES_FAILURE_LIMIT)


def cooloff_minutes() -> int:
    """How long a lockout lasts, in whole minutes."""
    cool_off = get_cool_off()
    return round(cool_off.total_seconds() / 60) if cool_off else 0


def locked_out_attempts() -> QuerySet[AccessAttempt]:
    """The failed-login records that are locking an account or an address out now,
    most recent first. Each names the username tried and the address it came from."""
    attempts = AccessAttempt.objects.filter(failures_since_start__gte=failure_limit())
    return attempts.order_by("-attempt_time")
