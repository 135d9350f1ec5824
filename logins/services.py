"""Changes to sign-in throttling: an administrator's unlock."""

from __future__ import annotations

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
