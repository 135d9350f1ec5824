"""Adds "Import from document" to school pages in the admin."""

from __future__ import annotations

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.widgets import Button

from moderation.services import write_refusal
from schools.models import SchoolPage

from . import views

LABEL = "Import from document"


@hooks.register("register_admin_urls")
def register_import_url():
    return [
        path(
            "schools/<int:page_id>/import-document/",
            views.import_document,
            name="extraction_import_document",
        )
    ]


def _button(page, user) -> Button | None:
    if page.specific_class is not SchoolPage or not page.permissions_for_user(user).can_edit():
        return None
    return Button(
        LABEL,
        reverse("extraction_import_document", args=[page.id]),
        icon_name="doc-full-inverse",
        priority=40,
    )


@hooks.register("register_page_header_buttons")
def import_header_button(page, user, view_name, next_url=None):
    # Not offered while the report may not be changed (the page would only say why).
    # The listing below does not check: it would cost queries for every school.
    button = _button(page, user)
    return [button] if button and write_refusal(page, user) is None else []


@hooks.register("register_page_listing_buttons")
def import_listing_button(page, user, next_url=None):
    button = _button(page, user)
    return [button] if button else []
