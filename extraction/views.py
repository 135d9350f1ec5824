"""The admin page where a school's editor imports their current report document."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.models import Page

from moderation.services import ModerationError, write_refusal
from schools.models import SchoolPage

from .forms import ImportDocumentForm
from .readers import UnreadableDocument
from .services import import_document_into_draft


def import_document(request: HttpRequest, page_id: int) -> HttpResponse:
    """Upload form (GET) and the import with its summary (POST).

    While the report may not be changed (locked, or with the council for review) the
    page says why instead of offering the form, and a POST saves nothing (409).
    """
    page = get_object_or_404(Page, id=page_id).specific
    if not isinstance(page, SchoolPage):
        raise Http404("Only school pages can import a report document.")
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    context = {
        "page": page,
        "edit_url": reverse("wagtailadmin_pages:edit", args=[page.id]),
        # Not "action_url": Wagtail's header include reads that name and would add a
        # nameless "+" button to the page's header.
        "form_url": reverse("extraction_import_document", args=[page.id]),
    }
    if refusal := write_refusal(page, request.user):
        context["refusal"] = refusal
        status = 409 if request.method == "POST" else 200
        return TemplateResponse(request, "extraction/import_form.html", context, status=status)
    if request.method == "POST":
        form = ImportDocumentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                summary = import_document_into_draft(
                    page, form.cleaned_data["document"], request.user
                )
            except UnreadableDocument as error:
                form.add_error("document", str(error))
            except ModerationError as error:
                # The review started while the file was being read.
                context["refusal"] = str(error)
                return TemplateResponse(request, "extraction/import_form.html", context, status=409)
            else:
                # Rendered straight away: the summary is this import's result, not a
                # page to come back to (the draft and its history stay in the editor).
                context["summary"] = summary
                return TemplateResponse(request, "extraction/import_summary.html", context)
    else:
        form = ImportDocumentForm()
    context["form"] = form
    return TemplateResponse(request, "extraction/import_form.html", context)
