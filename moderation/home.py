"""The admin home page of a school's editors: "Your school"."""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import suppress
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.urls import NoReverseMatch, reverse
from wagtail.admin.ui.components import Component

from schools.models import SchoolClosure, SchoolPage

from .selectors import YourSchool, schools_edited_by, your_school
from .services import can_confirm_unchanged, write_refusal


def school_links(school: YourSchool, user: AbstractBaseUser) -> list[tuple[str, str, bool]]:
    """The buttons under a school: (label, url, is_primary)."""
    page = school.page
    links = []
    # Not while GIAS lists the school as closed (``schools.permissions``).
    if page.permissions_for_user(user).can_edit():
        links.append(("Edit the report", reverse("wagtailadmin_pages:edit", args=[page.pk]), True))
    if can_confirm_unchanged(page, user):
        links.append(
            (
                "Reviewed, nothing changed",
                reverse("moderation_confirm_review", args=[page.pk]),
                False,
            )
        )
    if write_refusal(page, user) is None:
        links.append(
            (
                "Import from a document",
                reverse("extraction_import_document", args=[page.pk]),
                False,
            )
        )
    if page.live and page.url:
        links.append(("View the public page", page.url, False))
    # By name: the feedback app builds on this one, so it is not imported here; a site
    # without it has no such page.
    with suppress(NoReverseMatch):
        links.append(("Feedback from families", reverse("feedback_school", args=[page.pk]), False))
    return links


class YourSchoolPanel(Component):
    """Each school the user edits: where its report stands and what to do next."""

    name = "your_school"
    template_name = "moderation/home/your_school.html"
    order = 10

    def __init__(self, user: AbstractBaseUser, schools: list[SchoolPage]) -> None:
        self.user = user
        self.schools = schools

    def get_context_data(self, parent_context: Mapping[str, Any] | None = None) -> dict[str, Any]:
        summaries = [your_school(page) for page in self.schools]
        closures = {
            closure.page_id: closure
            for closure in SchoolClosure.objects.filter(page__in=self.schools)
        }
        return {
            "schools": [
                {
                    "school": summary,
                    "links": school_links(summary, self.user),
                    "closure": closures.get(summary.page.pk),
                }
                for summary in summaries
            ],
            "heading": "Your school" if len(summaries) == 1 else "Your schools",
        }


def your_school_panel(user: AbstractBaseUser) -> YourSchoolPanel | None:
    """The panel for a school editor; ``None`` for someone who edits no school."""
    schools = schools_edited_by(user)
    return YourSchoolPanel(user, schools) if schools else None
