"""Factories for school pages and vocabulary terms, for tests and generated examples."""

from __future__ import annotations

import factory
import wagtail_factories
from wagtail.models import Page, Site

from .models import Phase, SchoolIndexPage, SchoolPage
from .services import get_or_create_school_index


class SchoolIndexPageFactory(wagtail_factories.PageFactory):
    title = "Schools"
    slug = "schools"

    class Meta:
        model = SchoolIndexPage


class SchoolPageFactory(wagtail_factories.PageFactory):
    """A live school page; pass ``parent=`` a SchoolIndexPage."""

    title = factory.Sequence(lambda n: f"Example School {n}")
    urn = factory.Sequence(lambda n: f"{900000 + n:06d}")
    phase = Phase.PRIMARY
    town = "Exampleton"

    class Meta:
        model = SchoolPage


def site_home() -> Page:
    """The default site's home page (created by the ``localoffer`` migration)."""
    return Site.objects.get(is_default_site=True).root_page.specific


def school_index() -> SchoolIndexPage:
    """The site's schools index, created if missing (the same rule the importer uses)."""
    return get_or_create_school_index()
