"""Changes to the site's own pages and settings."""

from __future__ import annotations

from django.db import transaction
from wagtail.models import Site

from council.models import CouncilSettings

from .models import AccessibilityStatementPage, HomePage

STATEMENT_TITLE = "Accessibility statement"
STATEMENT_SLUG = "accessibility-statement"
# A placeholder the council replaces: the statement must name a contact, and an
# address at example.org cannot reach anyone by mistake.
PLACEHOLDER_CONTACT_EMAIL = "accessibility@example.org"


@transaction.atomic
def ensure_accessibility_statement(
    site: Site | None = None, contact_email: str = PLACEHOLDER_CONTACT_EMAIL
) -> AccessibilityStatementPage:
    """The site's accessibility statement, created and published with the model wording
    if the home page has none, and linked from the footer if nothing is linked yet.

    Safe to run repeatedly (the demo set-up does): an existing statement, live or not, is
    returned unchanged, and a footer link the council chose is left alone.
    """
    site = site or Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    site_settings = CouncilSettings.load()
    statement = AccessibilityStatementPage.objects.child_of(home).first()
    if statement is None:
        if not isinstance(home, HomePage):
            raise ValueError(f"The site's root page is not a Local Offer home page: {home!r}")
        statement = AccessibilityStatementPage(
            title=STATEMENT_TITLE,
            slug=_free_slug(home, STATEMENT_SLUG),
            contact_email=contact_email,
        )
        home.add_child(instance=statement)
        statement.save_revision().publish()
    if site_settings.accessibility_statement_id is None:
        site_settings.accessibility_statement = statement
        site_settings.save(update_fields=["accessibility_statement"])
    return statement


def _free_slug(parent: HomePage, wanted: str) -> str:
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, suffix = wanted, 2
    while slug in taken:
        slug = f"{wanted}-{suffix}"
        suffix += 1
    return slug
