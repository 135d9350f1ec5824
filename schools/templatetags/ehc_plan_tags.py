"""``{% if words|asks_about_ehc_plans %}``: a search that mentions an EHC plan."""

from __future__ import annotations

from django import template

from ..ehc_plans import asks_about_ehc_plans as _asks_about_ehc_plans

register = template.Library()


@register.filter
def asks_about_ehc_plans(text: str) -> bool:
    """Whether the search ``text`` mentions an education, health and care plan."""
    return _asks_about_ehc_plans(text)
