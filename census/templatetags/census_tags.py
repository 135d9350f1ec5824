"""``{% school_census_figures page as figures %}``: a school's census figures for its page."""

from __future__ import annotations

from django import template

from schools.models import SchoolPage

from ..selectors import SOURCE, SchoolFigures, school_figures

register = template.Library()


@register.simple_tag
def school_census_figures(page: SchoolPage) -> SchoolFigures | None:
    """The school's latest census and the council's rates, or None if none is loaded."""
    return school_figures(page)


@register.simple_tag
def census_source() -> str:
    """The publication the figures come from, as the page cites it."""
    return SOURCE
