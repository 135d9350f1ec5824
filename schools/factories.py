"""Factories for school pages and vocabulary terms, for tests and generated examples."""

from __future__ import annotations

import factory
import wagtail_factories
from wagtail.models import Page, Site

from localoffer.models import HomePage

from .models import Phase, SchoolIndexPage, SchoolPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "SEND Local Offer"

    class Meta:
        model = HomePage


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


def site_home() -> HomePage:
    """The default site's home page (created by the ``localoffer`` migration)."""
    root = Site.objects.get(is_default_site=True).root_page
    return root.specific if isinstance(root.specific, HomePage) else _replace_root(root)


def _replace_root(root: Page) -> HomePage:
    home = HomePageFactory(parent=Page.get_first_root_node())
    Site.objects.filter(pk=Site.objects.get(is_default_site=True).pk).update(root_page=home)
    return home


def school_index() -> SchoolIndexPage:
    """The first schools index under the site's home page, created if missing."""
    home = site_home()
    existing = SchoolIndexPage.objects.child_of(home).first()
    return existing or SchoolIndexPageFactory(parent=home)
