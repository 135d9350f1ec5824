"""Changes to data for the directory."""

from __future__ import annotations

from django.db import transaction

from schools.models import SchoolIndexPage

from .models import DirectoryPage

DEFAULT_TITLE = "Find a school"
DEFAULT_SLUG = "find-a-school"
DEFAULT_INTRO = (
    "<p>Search for schools by the help your child needs. You can use your own words, "
    "such as \u2018autism\u2019, \u2018wheelchair\u2019 or \u2018speech therapy\u2019, "
    "and narrow the list with the filters.</p>"
)


@transaction.atomic
def ensure_directory_page(index: SchoolIndexPage) -> DirectoryPage:
    """The directory page under ``index``, created and published if it has none.

    Safe to run repeatedly (the demo set-up does): an existing directory page, live or
    not, is returned unchanged.
    """
    existing = DirectoryPage.objects.child_of(index).first()
    if existing is not None:
        return existing
    slug = DEFAULT_SLUG
    taken = set(index.get_children().values_list("slug", flat=True))
    suffix = 2
    while slug in taken:
        slug = f"{DEFAULT_SLUG}-{suffix}"
        suffix += 1
    page = DirectoryPage(title=DEFAULT_TITLE, slug=slug, intro=DEFAULT_INTRO)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page
