"""Feedback in the public templates: "Is this page useful?" at the foot of each page."""

from __future__ import annotations

from typing import Any

from django import template
from wagtail.models import Page

from council.models import CouncilSettings
from schools.models import SchoolPage

register = template.Library()


@register.inclusion_tag("feedback/includes/page_feedback.html", takes_context=True)
def page_feedback(context: template.Context, page: Page) -> dict[str, Any]:
    """The "Is this page useful?" form, and "Tell us what is missing or wrong", for ``page``."""
    request = context.get("request")
    return {
        "page": page,
        "school": page if isinstance(page, SchoolPage) else None,
        "request": request,
        # Loaded (and cached on the request) for the footer already: no extra query.
        "privacy_notice": CouncilSettings.load(request_or_site=request).privacy_notice,
    }
