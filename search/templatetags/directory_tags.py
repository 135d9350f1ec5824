"""The directory page's filter tick boxes, written in Python.

The page shows every option of every filter (66 with the standard vocabularies) on
every search; written by the template language, their tick boxes were a third of the
page's rendering time. The markup is the GOV.UK small checkbox, as in the template.
"""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from search.listing import Option

register = template.Library()

_CHECKBOX = (
    '<div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" id="{}" '
    'name="{}" type="checkbox" value="{}"{}><label class="govuk-label '
    'govuk-checkboxes__label" for="{}">{} ({}<span class="govuk-visually-hidden"> '
    "school{}</span>)</label></div>"
)


@register.simple_tag
def filter_checkboxes(name: str, options: Iterable[Option]) -> SafeString:
    """A tick box per option of the filter ``name``, with how many schools have it."""
    return format_html_join(
        "\n",
        _CHECKBOX,
        (
            (
                option.html_id,
                name,
                option.value,
                " checked" if option.selected else "",
                option.html_id,
                option.label,
                option.count,
                "" if option.count == 1 else "s",
            )
            for option in options
        ),
    )
