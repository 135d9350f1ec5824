"""Rules that change school data and are shared by commands, views and imports."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Site

from .models import SchoolIndexPage

SCHOOL_INDEX_TITLE = "Schools"
SCHOOL_INDEX_SLUG = "schools"


def get_or_create_school_index() -> SchoolIndexPage:
    """The first schools index under the default site's home page.

    When the site has none, a live "Schools" index (slug ``schools``) is created and
    published, so it has a revision and shows in the page history like an editor's page.
    Raises ``ImproperlyConfigured`` when a schools index may not go under the default
    site's root (it must be the Local Offer home page, which belongs to the site's shell).
    """
    site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
    if site is None:
        raise ImproperlyConfigured("There is no default Wagtail site; run the migrations first.")
    home = site.root_page.specific
    if not SchoolIndexPage.can_exist_under(home):
        raise ImproperlyConfigured(
            f"The default site's root page ({home.title!r}) is not the Local Offer home page, "
            "so there is nowhere to put the schools index."
        )
    existing = SchoolIndexPage.objects.child_of(home).order_by("path").first()
    if existing is not None:
        return existing
    index = SchoolIndexPage(title=SCHOOL_INDEX_TITLE, slug=SCHOOL_INDEX_SLUG)
    home.add_child(instance=index)
    index.save_revision(log_action=True).publish()
    index.refresh_from_db()
    return index
