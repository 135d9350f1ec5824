"""Admin integration: "Locked-out logins" under Settings and "Reset two-factor" on each
user, for administrators; "Two-factor authentication" on everyone's account page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.http import HttpRequest
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from .admin_views import LockedOutLoginsView, ResetTwoFactorView
from .roles import can_reset_two_factor, can_unlock_logins


@hooks.register("register_admin_urls")
def register_login_urls() -> list[Any]:
    return [
        path("logins/locked-out/", LockedOutLoginsView.as_view(), name="logins_locked_out"),
        path(
            "logins/two-factor/<int:user_id>/reset/",
            ResetTwoFactorView.as_view(),
            name="logins_reset_two_factor",
        ),
    ]


class UnlockMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return can_unlock_logins(request.user)


@hooks.register("register_settings_menu_item")
def register_unlock_menu_item() -> MenuItem:
    return UnlockMenuItem(
        "Locked-out logins",
        reverse("logins_locked_out"),
        name="locked-out-logins",
        icon_name="lock",
    )


@hooks.register("register_user_listing_buttons")
def reset_two_factor_button(user: Any, request_user: Any) -> Iterator[Button]:
    if can_reset_two_factor(request_user):
        yield Button(
            "Reset two-factor",
            url=reverse("logins_reset_two_factor", args=[user.pk]),
            icon_name="key",
            priority=50,
        )


@hooks.register("register_account_menu_item")
def two_factor_account_item(request: HttpRequest) -> dict[str, str]:
    return {
        "url": reverse("mfa_index"),
        "label": "Two-factor authentication",
        "help_text": "Set up an authenticator app or a security key, and get recovery codes.",
    }
