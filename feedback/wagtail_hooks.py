"""Admin integration: the Feedback menu (inbox, themes, quotes), and each school's
feedback for its editors, from the menu and from the school page's header."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.http import HttpRequest
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.models import Page

from schools.models import SchoolPage

from .admin_views import MySchoolsFeedbackView, SchoolFeedbackView
from .roles import can_read_school_feedback, can_use_inbox
from .selectors import schools_edited_by
from .viewsets import FeedbackViewSetGroup


@hooks.register("register_admin_viewset")
def register_feedback_viewsets() -> FeedbackViewSetGroup:
    return FeedbackViewSetGroup()


@hooks.register("register_admin_urls")
def register_school_feedback_urls() -> list[Any]:
    return [
        path("feedback/schools/", MySchoolsFeedbackView.as_view(), name="feedback_my_schools"),
        path(
            "feedback/schools/<int:school_id>/",
            SchoolFeedbackView.as_view(),
            name="feedback_school",
        ),
        path(
            "feedback/schools/<int:school_id>/results/",
            SchoolFeedbackView.as_view(results_only=True),
            name="feedback_school_results",
        ),
    ]


class SchoolFeedbackMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        # The council has the whole inbox under "Feedback"; editors get their school's.
        return not can_use_inbox(request.user) and schools_edited_by(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_school_feedback_menu_item() -> MenuItem:
    return SchoolFeedbackMenuItem(
        # Short enough for the sidebar, which cut "Feedback about your school" short.
        "School feedback",
        reverse("feedback_my_schools"),
        name="school-feedback",
        icon_name="comment",
        order=260,
    )


@hooks.register("register_page_header_buttons")
def school_feedback_button(
    page: Page, user: Any, view_name: str, next_url: str | None = None
) -> Iterator[Button]:
    school = page.specific_deferred
    if isinstance(school, SchoolPage) and can_read_school_feedback(user, school):
        yield Button(
            "Feedback from families",
            url=reverse("feedback_school", args=[school.pk]),
            icon_name="comment",
            priority=68,
        )
