"""Read queries about signing in: failed attempts (django-axes keeps them in the
database) and who must use, or has, a second factor (django-allauth's authenticators)."""

from __future__ import annotations

from typing import Any

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest

from moderation.services import COUNCIL_ADMINISTRATORS, COUNCIL_MODERATORS

COUNCIL_STAFF_GROUPS = (COUNCIL_MODERATORS, COUNCIL_ADMINISTRATORS)
# Set when someone adds an authenticator in this session: they have just proved it.
TWO_FACTOR_SET_UP_SESSION_KEY = "logins_two_factor_set_up"


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


def two_factor_required(user: Any) -> bool:
    """Whether ``user`` must use two-factor authentication to reach the admin: council
    staff (moderators, administrators, superusers) when LOCALOFFER_REQUIRE_TWO_FACTOR is
    on. School editors may set it up but need not."""
    if not settings.LOCALOFFER_REQUIRE_TWO_FACTOR or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=COUNCIL_STAFF_GROUPS).exists()


def has_two_factor(user: Any) -> bool:
    """Whether ``user`` has an authenticator app or a security key set up (recovery codes
    alone are not a second factor)."""
    return is_mfa_enabled(user, types=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN])


def session_used_two_factor(request: HttpRequest) -> bool:
    """Whether this session's sign-in passed the second factor, or set one up."""
    if request.session.get(TWO_FACTOR_SET_UP_SESSION_KEY):
        return True
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)
