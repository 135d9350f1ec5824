"""Changes to sign-in security that administrators make for someone else."""

from __future__ import annotations

from typing import Any

from allauth.mfa.models import Authenticator
from axes.utils import reset


def unlock(*, username: str = "", ip_address: str = "") -> int:
    """Forget the failed logins for ``username`` and for ``ip_address`` (either may be
    empty), so that both can sign in again at once. Returns how many records went."""
    removed = 0
    if username:
        removed += reset(username=username)
    if ip_address:
        removed += reset(ip=ip_address)
    return removed


def reset_two_factor(user: Any) -> int:
    """Remove every second factor of ``user`` (authenticator app, security keys, recovery
    codes), for someone who lost their phone. They sign in with their password alone
    next time and, if council staff, set up a new one before reaching the admin.
    Returns how many authenticators went."""
    removed, _ = Authenticator.objects.filter(user=user).delete()
    return removed
