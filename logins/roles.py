"""Who may manage sign-in security for others."""

from __future__ import annotations

from typing import Any


def can_unlock_logins(user: Any) -> bool:
    """Administrators (and anyone given "Can delete access attempt") may lift a lockout."""
    return bool(user.is_active and user.has_perm("axes.delete_accessattempt"))
