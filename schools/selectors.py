"""Read queries about schools that the site's other pages show."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from wagtail.models import Page

from .compliance import check_compliance
from .models import NeedArea, ReportQuestion, SchoolIndexPage, SchoolPage


def school_indexes_under(page: Page) -> QuerySet[SchoolIndexPage]:
    """The live, public schools indexes directly below ``page`` (the home page lists them)."""
    return SchoolIndexPage.objects.child_of(page).live().public()


def needs_most_provided_for(limit: int) -> QuerySet[NeedArea]:
    """The types of need the most published schools provide for, most first, each with
    ``school_count``; needs no published school provides for are left out."""
    return (
        NeedArea.objects.annotate(
            school_count=Count("schools", filter=Q(schools__live=True), distinct=True)
        )
        .filter(school_count__gt=0)
        .order_by("-school_count", "sort_order", "code")[:limit]
    )


def statutory_headings() -> dict[str, str]:
    """The council's current heading for each statutory item, by key."""
    return dict(ReportQuestion.objects.statutory().values_list("key", "heading"))


def missing_headings(page: SchoolPage) -> list[str]:
    """Headings of the statutory items ``page`` (any version of it) does not answer."""
    headings = statutory_headings()
    return [item.heading_in(headings) for item in check_compliance(page).missing]
