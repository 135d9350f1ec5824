"""The editor's live checklist and plain-English help, for the report being typed."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, JsonResponse
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from .admin_access import can_edit, school_for
from .checklist import TEXT_ITEM_KEYS
from .compliance import check_compliance
from .models import NeedArea, SchoolPage
from .panels import glossary
from .readability import assess

# The fields the checklist reads, besides the report's answers.
_CONTACT_FIELDS = ("senco_name", "senco_email", "senco_phone")


def unsaved_report(page: SchoolPage, data: Any, files: Any, user: Any) -> SchoolPage:
    """The latest draft of ``page`` with the edit form's values, as typed (nothing saved).

    Read through the form's own widgets (the rich text editor posts its content in its
    own format), without validating the rest of the form: an unfinished email address
    elsewhere must not stop the checklist from updating.
    """
    draft = page.get_latest_revision_as_object()
    form_class = type(page).get_edit_handler().get_form_class()
    form = form_class(data, files, instance=draft, parent_page=page.get_parent(), for_user=user)
    for name in (*TEXT_ITEM_KEYS, *_CONTACT_FIELDS):
        if name in form.fields:
            setattr(draft, name, form[name].value() or "")
    if "needs" in form.fields:
        ids = [value for value in form["needs"].value() or [] if str(value).isdigit()]
        draft.needs.set(NeedArea.objects.filter(pk__in=ids))
    return draft


@require_POST
def report_advice(request: HttpRequest, page_id: int) -> JsonResponse:
    """The statutory checklist and each answer's plain-English help, as HTML fragments."""
    page = school_for(request.user, page_id, can_edit)
    draft = unsaved_report(page, request.POST, request.FILES, request.user)
    terms = glossary()
    return JsonResponse(
        {
            "checklist": render_to_string(
                "schools/panels/compliance_checklist.html", {"result": check_compliance(draft)}
            ),
            "missing": len(check_compliance(draft).missing),
            "advice": {
                key: render_to_string(
                    "schools/panels/readability.html",
                    {"key": key, "advice": assess(getattr(draft, key) or "", terms)},
                )
                for key in TEXT_ITEM_KEYS
            },
        }
    )
