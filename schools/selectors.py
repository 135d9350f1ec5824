"""Read queries about schools that the site's other pages show."""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.models import Page

from .checklist import StatutoryItem
from .compliance import check_compliance
from .models import ReportQuestion, SchoolIndexPage, SchoolPage


def school_indexes_under(page: Page) -> QuerySet[SchoolIndexPage]:
    """The live, public schools indexes directly below ``page`` (the home page lists them)."""
    return SchoolIndexPage.objects.child_of(page).live().public()


def statutory_headings() -> dict[str, str]:
    """The council's current heading for each statutory item, by key."""
    return dict(ReportQuestion.objects.statutory().values_list("key", "heading"))


def heading_for(item: StatutoryItem, headings: dict[str, str]) -> str:
    """The council's heading for ``item``, falling back to the checklist's own."""
    return headings.get(item.key) or item.heading


def missing_headings(page: SchoolPage) -> list[str]:
    """Headings of the statutory items ``page`` (any version of it) does not answer."""
    headings = statutory_headings()
    return [heading_for(item, headings) for item in check_compliance(page).missing]
