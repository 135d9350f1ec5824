"""Changes to the site's own pages and settings."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import transaction
from wagtail.models import Page, Site

from council.models import CouncilSettings

from .models import AccessibilityStatementPage, HomePage, PrivacyNoticePage

STATEMENT_TITLE = "Accessibility statement"
STATEMENT_SLUG = "accessibility-statement"
# A placeholder the council replaces: the statement must name a contact, and an
# address at example.org cannot reach anyone by mistake.
PLACEHOLDER_CONTACT_EMAIL = "accessibility@example.org"
PRIVACY_NOTICE_TITLE = "Privacy notice"
PRIVACY_NOTICE_SLUG = "privacy"
# The same for the data protection contact.
PLACEHOLDER_PRIVACY_EMAIL = "data.protection@example.org"

FooterPage = TypeVar("FooterPage", bound=Page)


def _ensure_footer_page(
    site: Site | None, model: type[FooterPage], link: str, **fields: Any
) -> FooterPage:
    """The home page's ``model`` page, created and published from ``fields`` if it has
    none, and linked from the footer (the council setting ``link``) if nothing is yet.

    Safe to run repeatedly (the demo set-up does): an existing page, live or not, is
    returned unchanged, and a footer link the council chose is left alone.
    """
    site = site or Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    page = model.objects.child_of(home).first()
    if page is None:
        if not isinstance(home, HomePage):
            raise ValueError(f"The site's root page is not a Local Offer home page: {home!r}")
        page = model(**{**fields, "slug": _free_slug(home, fields["slug"])})
        home.add_child(instance=page)
        page.save_revision().publish()
    council_settings = CouncilSettings.load()
    if getattr(council_settings, f"{link}_id") is None:
        setattr(council_settings, link, page)
        council_settings.save(update_fields=[link])
    return page


@transaction.atomic
def ensure_accessibility_statement(
    site: Site | None = None, contact_email: str = PLACEHOLDER_CONTACT_EMAIL
) -> AccessibilityStatementPage:
    """The site's accessibility statement, with the model wording if it had none, linked
    from the footer."""
    return _ensure_footer_page(
        site,
        AccessibilityStatementPage,
        "accessibility_statement",
        title=STATEMENT_TITLE,
        slug=STATEMENT_SLUG,
        contact_email=contact_email,
    )


@transaction.atomic
def ensure_privacy_notice(
    site: Site | None = None, contact_email: str = PLACEHOLDER_PRIVACY_EMAIL
) -> PrivacyNoticePage:
    """The site's privacy notice, with the starting wording if it had none, linked from
    the footer. Its section on feedback states the council's retention period."""
    return _ensure_footer_page(
        site,
        PrivacyNoticePage,
        "privacy_notice",
        title=PRIVACY_NOTICE_TITLE,
        slug=PRIVACY_NOTICE_SLUG,
        contact_email=contact_email,
    )


def _free_slug(parent: HomePage, wanted: str) -> str:
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, suffix = wanted, 2
    while slug in taken:
        slug = f"{wanted}-{suffix}"
        suffix += 1
    return slug
