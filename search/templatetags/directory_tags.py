"""The directory page's filter tick boxes and result cards, written in Python.

The page shows every option of every filter (66 with the standard vocabularies) on
every search; written by the template language, their tick boxes were a third of the
page's rendering time. The markup is the GOV.UK small checkbox, as in the template.
The 20 result cards, each some forty values looked up by the template language, were
another third (issue 20); their markup is the same, byte for byte.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from html import escape
from typing import Any

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.functional import Promise
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from search.listing import Option, ResultItem

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


_ROW = (
    '    <div class="govuk-summary-list__row">\n'
    '      <dt class="govuk-summary-list__key govuk-body-s">{}</dt>\n'
    '      <dd class="govuk-summary-list__value govuk-body-s">{}</dd>\n'
    "    </div>\n"
)
_OVERDUE = ' <strong class="govuk-tag govuk-tag--red">Overdue for review</strong>'


def _html(markup: str, *values: Any) -> SafeString:
    """``format_html`` without its per-value wrappers (a third of a card's time): the
    same escaping, Django's ``conditional_escape``."""
    return mark_safe(markup.format(*(_escaped(value) for value in values)))


def _escaped(value: Any) -> str:
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return escape(str(value))


@lru_cache(maxsize=1024)
def _review_date(value: Any, language: str | None) -> str:
    # The template's |date:"j F Y" (month names in the active language), a fifth of a
    # card's time; a page shows many schools reviewed on the same days.
    return date_filter(value, "j F Y")


def _optional_row(shown: bool, label: str, value: Any) -> SafeString:
    # A row inside {% if %} on lines of its own, as the template wrote it.
    if not shown:
        return mark_safe("    \n")
    return _html("    \n" + _ROW + "    \n", label, value)


@register.simple_tag
def school_card(item: ResultItem, back: str, located: bool) -> SafeString:
    """A school in the results: name, kind of school and town, the words found in its report, what
    it provides for, and a tick box to compare it. ``back`` is the link back to these
    results, URL-encoded; ``located`` whether the search has a postcode (distances)."""
    hit = item.hit
    place = _html("{}{}", item.kind, _html(", {}", hit.town) if hit.town else "")
    distance = ""
    if located:
        distance = _html(
            '<p class="govuk-body-s govuk-!-margin-bottom-2 app-distance">{}</p>',
            _html("<strong>{}</strong> away", item.distance_text)
            if item.distance_text
            else "Distance not known",
        )
    extract = (
        _html('<p class="govuk-body-s govuk-!-margin-bottom-2">{}</p>', hit.extract)
        if hit.extract
        else ""
    )
    overdue = mark_safe(_OVERDUE) if item.overdue else ""
    reviewed = ""
    if hit.last_reviewed:
        reviewed = _html("{}{}", _review_date(hit.last_reviewed, get_language()), overdue)
    not_reviewed = (
        ""
        if hit.last_reviewed
        else _html(
            '<p class="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0">'
            "Not yet reviewed{}</p>",
            overdue,
        )
    )
    # The newline first: the template's comment stood on lines of its own before it.
    return _html(
        '\n<li class="govuk-!-margin-bottom-6">\n'
        '  <h3 class="govuk-heading-s govuk-!-margin-bottom-1"><a class="govuk-link" '
        'href="{}?back={}">{}</a></h3>\n'
        '  <p class="govuk-body-s govuk-!-margin-bottom-2">{}</p>\n'
        "  {}\n"
        "  {}\n"
        '  <dl class="govuk-summary-list govuk-summary-list--no-border '
        'govuk-!-margin-bottom-0">\n' + _ROW + _ROW + "{}{}{}"
        "  </dl>\n"
        "  {}\n"
        '  <div class="govuk-checkboxes govuk-checkboxes--small app-compare-tick">\n'
        '    <div class="govuk-checkboxes__item">\n'
        '      <input class="govuk-checkboxes__input" id="compare-{}" name="urn" '
        'type="checkbox" value="{}" form="compare-form">\n'
        '      <label class="govuk-label govuk-checkboxes__label" for="compare-{}">'
        'Compare<span class="govuk-visually-hidden"> {}</span></label>\n'
        "    </div>\n"
        "  </div>\n"
        "</li>\n",
        item.url,
        back,
        hit.name,
        place,
        distance,
        extract,
        "Needs",
        item.needs_text or "Not stated",
        "Accessibility",
        item.accessibility_text or "Not stated",
        _optional_row(bool(item.outreach), "Works with", item.outreach_text),
        _optional_row(bool(item.provision), "Specialist provision", item.provision_text),
        _optional_row(bool(hit.last_reviewed), "Last updated", reviewed),
        not_reviewed,
        hit.urn,
        hit.urn,
        hit.urn,
        hit.name,
    )
