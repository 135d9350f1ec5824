"""Admin integration: the "Locked-out logins" screen under Settings, for administrators."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import LockedOutLoginsView
from .roles import can_unlock_logins


@hooks.register("register_admin_urls")
def register_login_urls() -> list[Any]:
    return [path("logins/locked-out/", LockedOutLoginsView.as_view(), name="logins_locked_out")]


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
