"""Who may manage sign-in security for others."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model


def can_unlock_logins(user: Any) -> bool:
    """Administrators (and anyone given "Can delete access attempt") may lift a lockout."""
    return bool(user.is_active and user.has_perm("axes.delete_accessattempt"))


def can_reset_two_factor(user: Any) -> bool:
    """Whoever may change other people's accounts (administrators) may remove their
    second factor."""
    meta = get_user_model()._meta
    return bool(user.is_active and user.has_perm(f"{meta.app_label}.change_{meta.model_name}"))
