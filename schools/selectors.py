"""Read queries about schools that the site's other pages show."""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.models import Page

from .models import SchoolIndexPage


def school_indexes_under(page: Page) -> QuerySet[SchoolIndexPage]:
    """The live, public schools indexes directly below ``page`` (the home page lists them)."""
    return SchoolIndexPage.objects.child_of(page).live().public()
