"""Admin integration: the "Needs and provision" page under Reports, for the council."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from moderation.views import user_can_see_dashboard

from .admin_views import NeedsAndProvisionView


@hooks.register("register_admin_urls")
def register_census_urls() -> list[Any]:
    return [
        path(
            "census/needs-and-provision/",
            NeedsAndProvisionView.as_view(),
            name="census_needs_and_provision",
        )
    ]


class NeedsMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return user_can_see_dashboard(request.user)


@hooks.register("register_reports_menu_item")
def register_needs_menu_item() -> MenuItem:
    return NeedsMenuItem(
        "Needs and provision",
        reverse("census_needs_and_provision"),
        name="needs-and-provision",
        icon_name="table",
        order=110,
    )
